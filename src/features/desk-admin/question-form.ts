// One question of a service's form as typed on the question page: every box kept as a string so an
// error summary shows what was typed, and read into the catalogue's FormField. Only what a box
// cannot mean (a length that is not a number) is refused here; whether the question makes sense
// on the form (its name, its options) is the catalogue's rule, refused there.
import type { FastifyRequest } from 'fastify'
import { field } from '../../platform/http/forms.ts'
import type { FieldError } from '../../platform/http/problem.ts'
import type { FieldType, FormField } from '../catalogue/service.ts'
import { FIELD_TYPES } from '../catalogue/service.ts'

export type QuestionForm = {
  name: string
  label: string
  hint: string
  type: string
  required: string
  options: string
  maxLength: string
  min: string
  max: string
}

/** The boxes in page order: the error summary lists mistakes in this order. */
export const QUESTION_FIELDS = [
  'name',
  'label',
  'hint',
  'type',
  'required',
  'options',
  'maxLength',
  'min',
  'max',
] as const satisfies readonly (keyof QuestionForm)[]

/** Each kind of answer as an administrator knows it. */
export const TYPE_NAMES: Record<FieldType, string> = {
  text: 'Short text',
  textarea: 'Long text',
  number: 'Number',
  date: 'Date',
  select: 'One option from a drop-down list',
  radios: 'One option (radio buttons)',
  checkboxes: 'Any of the options (checkboxes)',
  yes_no: 'Yes or no',
  email: 'Email address',
  phone: 'UK phone number',
  postcode: 'UK postcode',
  address: 'Address',
}

export const emptyQuestionForm = (): QuestionForm => ({
  name: '',
  label: '',
  hint: '',
  type: '',
  required: 'yes',
  options: '',
  maxLength: '',
  min: '',
  max: '',
})

export function questionFormFrom(request: FastifyRequest): QuestionForm {
  return Object.fromEntries(QUESTION_FIELDS.map((name) => [name, field(request, name)])) as QuestionForm
}

export function formOfQuestion(question: FormField): QuestionForm {
  const shown = (n: number | undefined) => (n === undefined ? '' : String(n))
  return {
    name: question.name,
    label: question.label,
    hint: question.hint ?? '',
    type: question.type,
    required: question.required ? 'yes' : 'no',
    options: (question.options ?? []).join('\n'),
    maxLength: shown(question.maxLength),
    min: shown(question.min),
    max: shown(question.max),
  }
}

const NUMBER = /^-?\d{1,15}(\.\d{1,6})?$/

function optionsOf(text: string): string[] | undefined {
  const options = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
  return options.length === 0 ? undefined : options
}

type Read = { ok: true; question: FormField } | { ok: false; errors: FieldError[] }

/** The question the boxes describe, or what in them cannot be read. */
export function readQuestionForm(form: QuestionForm): Read {
  const errors: FieldError[] = []
  const type = FIELD_TYPES.find((t) => t === form.type)
  if (!type) errors.push({ name: 'type', message: 'Select the kind of answer the question takes' })
  if (form.required !== 'yes' && form.required !== 'no')
    errors.push({ name: 'required', message: 'Select whether the question must be answered' })
  const maxLength = form.maxLength.trim()
  if (maxLength !== '' && !/^\d{1,6}$/.test(maxLength))
    errors.push({ name: 'maxLength', message: 'Enter the longest answer as a whole number of characters, like 500' })
  const number = (name: 'min' | 'max', text: string) => {
    if (text !== '' && !NUMBER.test(text))
      errors.push({ name, message: `Enter the ${name === 'min' ? 'smallest' : 'largest'} answer as a number, like 10` })
  }
  number('min', form.min.trim())
  number('max', form.max.trim())
  if (errors.length > 0 || !type) return { ok: false, errors }
  const optional = (text: string) => (text.trim() === '' ? undefined : Number(text.trim()))
  const question: FormField = {
    name: form.name.trim(),
    label: form.label,
    type,
    required: form.required === 'yes',
    hint: form.hint,
    options: optionsOf(form.options),
    maxLength: optional(form.maxLength),
    min: optional(form.min),
    max: optional(form.max),
  }
  // A form definition has no keys for what was left blank.
  for (const key of Object.keys(question) as (keyof FormField)[]) if (question[key] === undefined) delete question[key]
  return { ok: true, question }
}
