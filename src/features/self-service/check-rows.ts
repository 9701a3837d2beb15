// The rows of "check your answers": each answer as the resident gave it, in their language, with a
// link back to the page that asked it.
import { formatDate, translate } from '../../platform/i18n/translate.ts'
import type { FormField } from '../catalogue/service.ts'
import { addressLine } from '../catalogue/service.ts'
import type { Draft, Requester } from './service.ts'

type Row = {
  key: { text: string }
  value: { text: string }
  actions?: { items: { href: string; text: string; visuallyHiddenText: string }[] }
}

function answerText(language: string, field: FormField, answer: unknown): string {
  if (answer === undefined || answer === null || answer === '') return translate(language, 'Not given')
  switch (field.type) {
    case 'yes_no':
      return translate(language, answer === true ? 'Yes' : 'No')
    case 'checkboxes':
      return (answer as string[]).map((option) => translate(language, option)).join(', ')
    case 'radios':
    case 'select':
      return translate(language, String(answer))
    case 'date':
      return formatDate(language, `${String(answer)}T12:00:00Z`)
    case 'address':
      return addressLine(answer) ?? ''
    default:
      return String(answer)
  }
}

function changeLink(language: string, href: string, what: string) {
  return { items: [{ href, text: translate(language, 'Change'), visuallyHiddenText: what.toLowerCase() }] }
}

export function answerRows(language: string, draft: Draft): Row[] {
  return draft.service.form.map((field, index) => {
    const label = translate(language, field.label)
    return {
      key: { text: label },
      value: { text: answerText(language, field, draft.answers[field.name]) },
      actions: changeLink(language, `/requests/${draft.token}/questions/${index + 1}?change=1`, label),
    }
  })
}

export function detailRows(language: string, draft: Draft, requester: Requester): Row[] {
  const href = `/requests/${draft.token}/details`
  const row = (key: string, value: string): Row => ({
    key: { text: translate(language, key) },
    value: { text: value },
    actions: changeLink(language, href, translate(language, key)),
  })
  if (requester.kind === 'account') return []
  if (requester.kind === 'anonymous') return [row('Name', translate(language, 'Not given: reported anonymously'))]
  return [
    row('Name', `${requester.given_name} ${requester.family_name}`),
    row('Email address', requester.email ?? translate(language, 'Not given')),
    row('Phone number', requester.phone ?? translate(language, 'Not given')),
  ]
}
