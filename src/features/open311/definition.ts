// A service's form as an Open311 service definition, and an Open311 client's attributes back into
// the answers that form takes, so they pass through the catalogue's own validation.
import type { FormField } from '../catalogue/service.ts'
import type { Open311Value } from './format.ts'

type Datatype = 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist'

const DATATYPES: Record<FormField['type'], Datatype> = {
  text: 'string',
  textarea: 'text',
  number: 'number',
  date: 'datetime',
  select: 'singlevaluelist',
  radios: 'singlevaluelist',
  checkboxes: 'multivaluelist',
  yes_no: 'singlevaluelist',
  email: 'string',
  phone: 'string',
  postcode: 'string',
  address: 'string',
}

/** What a client must send where the datatype alone does not say. */
function datatypeDescription(field: FormField): string | undefined {
  switch (field.type) {
    case 'date':
      return 'A date: only the day (YYYY-MM-DD) of the value is kept'
    case 'number':
      return field.min !== undefined || field.max !== undefined
        ? `A number${field.min === undefined ? '' : ` from ${field.min}`}${field.max === undefined ? '' : ` up to ${field.max}`}`
        : undefined
    case 'email':
      return 'An email address, like name@example.com'
    case 'phone':
      return 'A UK phone number, like 01632 960 001'
    case 'postcode':
      return 'A full UK postcode, like SW1A 1AA'
    case 'address':
      return 'The first line of the address'
    case 'text':
    case 'textarea':
      return `Up to ${field.maxLength ?? (field.type === 'text' ? 500 : 5000)} characters`
    default:
      return undefined
  }
}

function valuesOf(field: FormField): Open311Value {
  if (field.type === 'yes_no')
    return [
      { key: 'true', name: 'Yes' },
      { key: 'false', name: 'No' },
    ]
  if (field.type === 'select' || field.type === 'radios' || field.type === 'checkboxes')
    return (field.options ?? []).map((option) => ({ key: option, name: option }))
  return undefined
}

export function attributesOf(form: readonly FormField[]): Open311Value {
  return form.map((field, index) => ({
    variable: true,
    code: field.name,
    datatype: DATATYPES[field.type],
    required: field.required,
    datatype_description: datatypeDescription(field),
    order: index + 1,
    description: field.hint ? `${field.label}: ${field.hint}` : field.label,
    values: valuesOf(field),
  }))
}

function answerOf(field: FormField, values: string[]): unknown {
  const [first] = values
  if (first === undefined) return undefined
  switch (field.type) {
    case 'checkboxes':
      return values
    case 'number':
      return /^[+-]?\d+(\.\d+)?$/.test(first) ? Number(first) : first
    case 'yes_no':
      return first === 'true' ? true : first === 'false' ? false : first
    case 'date':
      return /^\d{4}-\d{2}-\d{2}/.test(first) ? first.slice(0, 10) : first
    case 'address':
      return { address_line_1: first }
    default:
      return values.length > 1 ? values : first
  }
}

/** The answers an Open311 client's attributes stand for; codes the form does not have are kept, to be refused. */
export function answersFromAttributes(
  form: readonly FormField[],
  given: Map<string, string[]>,
): Record<string, unknown> {
  const answers: Record<string, unknown> = {}
  const byName = new Map(form.map((field) => [field.name, field]))
  for (const [code, values] of given) {
    const field = byName.get(code)
    answers[code] = field ? answerOf(field, values) : values[0]
  }
  return answers
}
