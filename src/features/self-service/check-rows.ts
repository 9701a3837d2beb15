// The rows of "check your answers": each answer as the resident gave it, in their language, with a
// link back to the page that asked it.
import { formatDate, shownInEnglish, translate } from '../../platform/i18n/translate.ts'
import { councilWordsHtml, councilWordsParam } from '../../platform/i18n/council-words.ts'
import { escapeHtml } from '../../platform/views/escape.ts'
import type { FormField } from '../catalogue/service.ts'
import { addressLine } from '../catalogue/service.ts'
import type { Draft, Requester } from './service.ts'

/** A GOV.UK summary list's key or value: `html` where a council's English words are marked lang="en". */
type Words = { text: string } | { html: string }

type Row = {
  key: Words
  value: Words
  actions?: { items: ({ href: string; text: string; visuallyHiddenText: string } | { href: string; html: string })[] }
}

/**
 * The answer as the page shows it. An option chosen is the council's words, so it is marked lang="en"
 * where it has no translation; what the resident typed is theirs, in whatever language they wrote it.
 */
function answerWords(language: string, field: FormField, answer: unknown): Words {
  if (answer === undefined || answer === null || answer === '') return { text: translate(language, 'Not given') }
  switch (field.type) {
    case 'yes_no':
      return { text: translate(language, answer === true ? 'Yes' : 'No') }
    case 'checkboxes':
      return { html: (answer as string[]).map((option) => councilWordsHtml(language, option)).join(escapeHtml(', ')) }
    case 'radios':
    case 'select':
      return councilWordsParam(language, String(answer))
    case 'date':
      return { text: formatDate(language, `${String(answer)}T12:00:00Z`) }
    case 'address':
      return { text: addressLine(answer) ?? '' }
    default:
      return { text: String(answer) }
  }
}

function changeLink(language: string, href: string, what: string, english = false) {
  const change = translate(language, 'Change')
  if (!english) return { items: [{ href, text: change, visuallyHiddenText: what.toLowerCase() }] }
  // The question is shown in English: the link's hidden words name it, so they are marked English too.
  const hidden = `<span class="govuk-visually-hidden"> <span lang="en">${escapeHtml(what.toLowerCase())}</span></span>`
  return { items: [{ href, html: `${escapeHtml(change)}${hidden}` }] }
}

export function answerRows(language: string, draft: Draft): Row[] {
  return draft.service.form.map((field, index) => {
    const label = translate(language, field.label)
    return {
      key: councilWordsParam(language, field.label),
      value: answerWords(language, field, draft.answers[field.name]),
      actions: changeLink(
        language,
        `/requests/${draft.token}/questions/${index + 1}?change=1`,
        label,
        shownInEnglish(language, field.label),
      ),
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
