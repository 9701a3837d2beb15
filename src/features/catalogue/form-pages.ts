// The one form renderer: a service's form definition as GOV.UK components, and a posted form back
// into answers of the right types for validateAnswers. The staff desk and the resident's own pages
// both use it, so a question reads, validates and fails the same way on either side of the counter.
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FieldError } from '../../platform/http/problem.ts'
import { shownInEnglish, translate } from '../../platform/i18n/translate.ts'
import { councilWordsParam } from '../../platform/i18n/council-words.ts'
import { addTemplateDirectory } from '../../platform/views/views.ts'
import type { FormField } from './form-fields.ts'

addTemplateDirectory(join(dirname(fileURLToPath(import.meta.url)), 'views'))

/** What was typed, by the form's own input names, to show again beside an error. */
export type TypedValues = Record<string, string | string[]>

/** Who fills the form in: a resident's browser may offer their own details, a member of staff's must not. */
export type Audience = 'resident' | 'staff'

export const ADDRESS_PARTS = [
  { part: 'address_line_1', label: 'Address line 1', autocomplete: 'address-line1', classes: '' },
  { part: 'address_line_2', label: 'Address line 2 (optional)', autocomplete: 'address-line2', classes: '' },
  {
    part: 'town',
    label: 'Town or city (optional)',
    autocomplete: 'address-level2',
    classes: 'govuk-!-width-two-thirds',
  },
  { part: 'postcode', label: 'Postcode (optional)', autocomplete: 'postal-code', classes: 'govuk-input--width-10' },
] as const

const DATE_PARTS = ['day', 'month', 'year'] as const

/** The input name of a question (or one part of it): `answers.bin`, `answers.where.town`, `answers.when-day`. */
export function inputName(field: Pick<FormField, 'name'>, part?: string): string {
  return `answers.${field.name}${part === undefined ? '' : part.startsWith('-') ? part : `.${part}`}`
}

function inputId(field: Pick<FormField, 'name'>, part?: string): string {
  return `answers-${field.name}${part === undefined ? '' : `-${part.replace(/^-/, '')}`}`
}

/** Where an error summary link for a question lands: its first box, radio or checkbox. */
export function questionHref(field: FormField): string {
  if (field.type === 'date') return `#${inputId(field, 'day')}`
  if (field.type === 'address') return `#${inputId(field, 'address_line_1')}`
  return `#${inputId(field)}`
}

function oneValue(body: Record<string, unknown>, name: string): string {
  const value = body[name]
  if (typeof value === 'string') return value
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0]
  return ''
}

function manyValues(body: Record<string, unknown>, name: string): string[] {
  const value = body[name]
  if (typeof value === 'string') return value === '' ? [] : [value]
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string' && item !== '')
  return []
}

/** A date typed in three boxes as the ISO date validation expects; a date that is not real stays unreal and fails it. */
function dateAnswer(day: string, month: string, year: string): string {
  const pad = (value: string, width: number) => (/^\d+$/.test(value) ? value.padStart(width, '0') : value)
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`
}

/** A number as people type one ("1,200", " 3 "); anything else stays text so validation names it. */
function numberAnswer(typed: string): number | string {
  const plain = typed.replace(/,/g, '')
  return /^-?\d+(\.\d+)?$/.test(plain) ? Number(plain) : typed
}

function answerOf(field: FormField, body: Record<string, unknown>): unknown {
  const typed = oneValue(body, inputName(field)).trim()
  switch (field.type) {
    case 'checkboxes': {
      const chosen = manyValues(body, inputName(field))
      return chosen.length === 0 ? undefined : chosen
    }
    case 'date': {
      const [day, month, year] = DATE_PARTS.map((part) => oneValue(body, inputName(field, `-${part}`)).trim())
      return day === '' && month === '' && year === '' ? undefined : dateAnswer(day ?? '', month ?? '', year ?? '')
    }
    case 'address': {
      const address: Record<string, string> = {}
      for (const { part } of ADDRESS_PARTS) {
        const value = oneValue(body, inputName(field, part)).trim()
        if (value !== '') address[part] = value
      }
      return Object.keys(address).length === 0 ? undefined : address
    }
    case 'number':
      return typed === '' ? undefined : numberAnswer(typed)
    case 'yes_no':
      return typed === 'yes' ? true : typed === 'no' ? false : typed === '' ? undefined : typed
    default:
      return typed === '' ? undefined : typed
  }
}

/** The answers a posted form gives, typed as the form's JSON Schema expects; unanswered questions are left out. */
export function answersFromForm(fields: readonly FormField[], body: Record<string, unknown>): Record<string, unknown> {
  const answers: Record<string, unknown> = {}
  for (const field of fields) {
    const answer = answerOf(field, body)
    if (answer !== undefined) answers[field.name] = answer
  }
  return answers
}

/** What was typed into each of the form's inputs, to show it again exactly as it was. */
export function typedValues(fields: readonly FormField[], body: Record<string, unknown>): TypedValues {
  const typed: TypedValues = {}
  for (const field of fields) {
    const names =
      field.type === 'date'
        ? DATE_PARTS.map((part) => inputName(field, `-${part}`))
        : field.type === 'address'
          ? ADDRESS_PARTS.map(({ part }) => inputName(field, part))
          : [inputName(field)]
    for (const name of names) {
      if (field.type === 'checkboxes') typed[name] = manyValues(body, name)
      else typed[name] = oneValue(body, name)
    }
  }
  return typed
}

function typedOfAnswer(field: FormField, answer: unknown): TypedValues {
  if (answer === undefined || answer === null) return {}
  switch (field.type) {
    case 'checkboxes':
      return { [inputName(field)]: Array.isArray(answer) ? answer.map(String) : [] }
    case 'yes_no':
      return { [inputName(field)]: answer === true ? 'yes' : answer === false ? 'no' : String(answer) }
    case 'date': {
      const [year = '', month = '', day = ''] = String(answer).split('-')
      const plain = (value: string) => value.replace(/^0+(?=\d)/, '')
      return {
        [inputName(field, '-day')]: plain(day),
        [inputName(field, '-month')]: plain(month),
        [inputName(field, '-year')]: year,
      }
    }
    case 'address': {
      const parts = answer as Record<string, unknown>
      return Object.fromEntries(
        ADDRESS_PARTS.map(({ part }) => [inputName(field, part), typeof parts[part] === 'string' ? parts[part] : '']),
      )
    }
    default:
      return { [inputName(field)]: String(answer) }
  }
}

/** Answers kept from an earlier page, as the form's inputs show them: a question asked again shows what was given. */
export function typedFromAnswers(fields: readonly FormField[], answers: Record<string, unknown>): TypedValues {
  return Object.assign({}, ...fields.map((field) => typedOfAnswer(field, answers[field.name]))) as TypedValues
}

/** Each question's message, by the form's field name, from validateAnswers' `answers.<name>` errors. */
function messagesByField(errors: readonly FieldError[]): Map<string, string> {
  return new Map(
    errors
      .filter((error) => error.name.startsWith('answers.'))
      .map((e) => [e.name.slice('answers.'.length), e.message]),
  )
}

/** The GOV.UK error summary's list for these errors: each links to its question. */
export function errorSummaryItems(
  fields: readonly FormField[],
  errors: readonly FieldError[],
  language?: string,
): { text: string; href: string }[] {
  const byName = new Map(fields.map((field) => [field.name, field]))
  return errors.map((error) => {
    const field = error.name.startsWith('answers.') ? byName.get(error.name.slice('answers.'.length)) : undefined
    const text = translate(language, error.message)
    return { text, href: field ? questionHref(field) : `#${error.name.replace(/\./g, '-')}` }
  })
}

/** How a question is shown: in whose words, and whether it is the only question on its page. */
export type QuestionStyle = {
  /** The reader's language: labels, hints, options and messages go through the translation layer. */
  language?: string
  /** One question on a page of its own: its label or legend is the page's heading (GOV.UK question pages). */
  pageHeading?: boolean
}

type Params = Record<string, unknown>

/** One question, as the GOV.UK macro that shows it and that macro's parameters. */
export type Question = {
  component: 'input' | 'textarea' | 'radios' | 'checkboxes' | 'date' | 'select' | 'address'
  params: Params
}

const INPUT_KINDS: Partial<Record<FormField['type'], Params>> = {
  number: { inputmode: 'decimal', classes: 'govuk-input--width-10', spellcheck: false },
  email: { type: 'email', spellcheck: false, autocomplete: 'email' },
  phone: { type: 'tel', classes: 'govuk-input--width-20', autocomplete: 'tel' },
  postcode: { classes: 'govuk-input--width-10', autocomplete: 'postal-code', spellcheck: false },
}

/** The council's options, each marked lang="en" where a page in another language shows its English. */
function choiceItems(options: readonly string[], chosen: readonly string[], language?: string): Params[] {
  return options.map((option) => ({
    value: option,
    ...councilWordsParam(language, option),
    checked: chosen.includes(option),
  }))
}

function forAudience(params: Params, audience: Audience): Params {
  if (audience === 'resident' || params.autocomplete === undefined) return params
  // Staff type in someone else's details: their browser's own must not be offered.
  return { ...params, autocomplete: 'off' }
}

function questionOf(
  field: FormField,
  typed: TypedValues,
  message: string | undefined,
  audience: Audience,
  style: QuestionStyle,
): Question {
  const language = style.language
  const t = (text: string) => translate(language, text)
  const errorMessage = message === undefined ? undefined : { text: t(message), visuallyHiddenText: t('Error') }
  // The question's own words are the council's: marked lang="en" where they have no translation.
  const words = (text: string) => councilWordsParam(language, text)
  const hint = field.hint ? words(field.hint) : undefined
  const one = (name: string) => {
    const value = typed[name]
    return typeof value === 'string' ? value : ''
  }
  const label = style.pageHeading
    ? { ...words(field.label), classes: 'govuk-label--l', isPageHeading: true }
    : { ...words(field.label), classes: 'govuk-label--s' }
  const legend = style.pageHeading
    ? { ...words(field.label), classes: 'govuk-fieldset__legend--l', isPageHeading: true }
    : { ...words(field.label), classes: 'govuk-fieldset__legend--s' }
  const base = { id: inputId(field), name: inputName(field), hint, errorMessage }
  switch (field.type) {
    case 'textarea':
      return { component: 'textarea', params: { ...base, label, value: one(inputName(field)) } }
    case 'radios':
    case 'yes_no': {
      const chosen = [one(inputName(field))]
      // Yes and No are Frontdoor's words, not the council's: always translated, never marked.
      const items =
        field.type === 'yes_no'
          ? ['yes', 'no'].map((value) => ({
              value,
              text: t(value === 'yes' ? 'Yes' : 'No'),
              checked: chosen.includes(value),
            }))
          : choiceItems(field.options ?? [], chosen, language)
      const classes = field.type === 'yes_no' ? 'govuk-radios--inline' : undefined
      return {
        component: 'radios',
        params: { idPrefix: base.id, name: base.name, hint, errorMessage, classes, fieldset: { legend }, items },
      }
    }
    case 'checkboxes': {
      const chosen = typed[inputName(field)]
      const items = choiceItems(field.options ?? [], Array.isArray(chosen) ? chosen : [], language)
      return {
        component: 'checkboxes',
        params: { idPrefix: base.id, name: base.name, hint, errorMessage, fieldset: { legend }, items },
      }
    }
    case 'select': {
      const chosen = one(inputName(field))
      const items = [
        { value: '', text: t('Choose an option'), selected: chosen === '' },
        // An <option> holds text only, so an English one on another language's page says so itself.
        ...(field.options ?? []).map((option) => ({
          value: option,
          text: translate(language, option),
          selected: option === chosen,
          ...(shownInEnglish(language, option) ? { attributes: { lang: 'en' } } : {}),
        })),
      ]
      return { component: 'select', params: { ...base, label, items } }
    }
    case 'date': {
      const items = DATE_PARTS.map((part) => ({
        name: part,
        label: t(part[0]!.toUpperCase() + part.slice(1)),
        value: one(inputName(field, `-${part}`)),
        classes: `govuk-input--width-${part === 'year' ? 4 : 2}${errorMessage ? ' govuk-input--error' : ''}`,
      }))
      return {
        component: 'date',
        params: {
          id: base.id,
          namePrefix: base.name,
          hint: hint ?? { text: t('For example, 27 3 2026') },
          errorMessage,
          fieldset: { legend },
          items,
        },
      }
    }
    case 'address': {
      const parts = ADDRESS_PARTS.map(({ part, label: text, autocomplete, classes }) =>
        forAudience(
          {
            id: inputId(field, part),
            name: inputName(field, part),
            label: { text: t(text) },
            value: one(inputName(field, part)),
            autocomplete,
            classes: `${classes}${errorMessage ? ' govuk-input--error' : ''}`.trim(),
          },
          audience,
        ),
      )
      return { component: 'address', params: { id: base.id, legend, hint, errorMessage, parts } }
    }
    default:
      return {
        component: 'input',
        params: forAudience({ ...base, label, value: one(inputName(field)), ...INPUT_KINDS[field.type] }, audience),
      }
  }
}

/** The service's questions ready for the `catalogueQuestions` macro, with what was typed and each question's error. */
export function questionsFor(
  fields: readonly FormField[],
  typed: TypedValues = {},
  errors: readonly FieldError[] = [],
  audience: Audience = 'resident',
  style: QuestionStyle = {},
): Question[] {
  const messages = messagesByField(errors)
  return fields.map((field) => questionOf(field, typed, messages.get(field.name), audience, style))
}

/** A one-line address from an address answer, as a case's location is kept. */
export function addressLine(answer: unknown): string | undefined {
  if (typeof answer !== 'object' || answer === null) return undefined
  const parts = ADDRESS_PARTS.map(({ part }) => (answer as Record<string, unknown>)[part])
  const line = parts.filter((part): part is string => typeof part === 'string' && part.trim() !== '').join(', ')
  return line === '' ? undefined : line
}
