// A service's form compiles to JSON Schema, and answers are checked by one shared Ajv instance
// (the same engine the API uses). Ajv's errors become one plain-English message per question,
// named `answers.<field>` so a GOV.UK error summary can link straight to it.
import Ajv from 'ajv'
import addFormats from 'ajv-formats'
import type { ErrorObject, ValidateFunction } from 'ajv'
import type { FieldError } from '../../platform/http/problem.ts'
import type { FieldType, FormField } from './form-fields.ts'
import { CHOICE_TYPES, DEFAULT_MAX_LENGTH, FIELD_NAME_PATTERN } from './form-fields.ts'

export type JsonSchema = Record<string, unknown>

/** Landlines, mobiles and freephone numbers, with or without +44, spaces, brackets or hyphens. */
export const UK_PHONE_PATTERN = String.raw`^\s*(?:(?:\+|00)44[\s-]*(?:\(0\)[\s-]*)?|\(?0)(?:[\s()-]*\d){9,10}\s*$`
/** A full UK postcode, any case, space optional. */
export const UK_POSTCODE_PATTERN = String.raw`^\s*[A-Za-z]{1,2}\d[A-Za-z\d]?\s*\d[A-Za-z]{2}\s*$`
const UPRN_PATTERN = String.raw`^\d{1,12}$`
/** Something other than spaces: a required text answer of only spaces is no answer. */
const NOT_BLANK = String.raw`\S`

const ADDRESS_LINE_MAX = 200

function addressSchema(): JsonSchema {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['address_line_1'],
    properties: {
      address_line_1: { type: 'string', minLength: 1, maxLength: ADDRESS_LINE_MAX, pattern: NOT_BLANK },
      address_line_2: { type: 'string', maxLength: ADDRESS_LINE_MAX },
      town: { type: 'string', maxLength: ADDRESS_LINE_MAX },
      postcode: { type: 'string', pattern: UK_POSTCODE_PATTERN },
      uprn: { type: 'string', pattern: UPRN_PATTERN },
    },
  }
}

function valueSchema(field: FormField): JsonSchema {
  const required = field.required
  switch (field.type) {
    case 'text':
    case 'textarea': {
      const text: JsonSchema = { type: 'string', maxLength: field.maxLength ?? DEFAULT_MAX_LENGTH[field.type] }
      return required ? { ...text, minLength: 1, pattern: NOT_BLANK } : text
    }
    case 'number':
      return {
        type: 'number',
        ...(field.min === undefined ? {} : { minimum: field.min }),
        ...(field.max === undefined ? {} : { maximum: field.max }),
      }
    case 'date':
      return { type: 'string', format: 'date' }
    case 'select':
    case 'radios':
      return { type: 'string', enum: [...(field.options ?? [])] }
    case 'checkboxes':
      return {
        type: 'array',
        uniqueItems: true,
        items: { type: 'string', enum: [...(field.options ?? [])] },
        ...(required ? { minItems: 1 } : {}),
      }
    case 'yes_no':
      return { type: 'boolean' }
    case 'email':
      return { type: 'string', format: 'email', maxLength: 254 }
    case 'phone':
      return { type: 'string', pattern: UK_PHONE_PATTERN }
    case 'postcode':
      return { type: 'string', pattern: UK_POSTCODE_PATTERN }
    case 'address':
      return addressSchema()
  }
}

/** The JSON Schema of a form's answers: one property per field, nothing else allowed. */
export function compileFormSchema(fields: readonly FormField[]): JsonSchema {
  const properties: Record<string, JsonSchema> = {}
  for (const field of fields) {
    properties[field.name] = {
      title: field.label,
      ...(field.hint ? { description: field.hint } : {}),
      ...valueSchema(field),
    }
  }
  return {
    type: 'object',
    additionalProperties: false,
    properties,
    required: fields.filter((field) => field.required).map((field) => field.name),
  }
}

const ajv = new Ajv.default({ allErrors: true, strict: true })
addFormats.default(ajv)

// Compiled validators keyed by the form itself: a changed form is a new key, so no entry is ever
// stale, and every process builds the same ones. Bounded so edited forms cannot grow it forever.
const validators = new Map<string, ValidateFunction>()
const MAX_VALIDATORS = 500

function validatorFor(fields: readonly FormField[]): ValidateFunction {
  const key = JSON.stringify(fields)
  let validate = validators.get(key)
  if (!validate) {
    if (validators.size >= MAX_VALIDATORS) validators.clear()
    validate = ajv.compile(compileFormSchema(fields))
    validators.set(key, validate)
  }
  return validate
}

const MISSING: Record<FieldType, string> = {
  text: 'Enter an answer',
  textarea: 'Enter an answer',
  number: 'Enter a number',
  date: 'Enter a date',
  select: 'Select an option from the list',
  radios: 'Select an option from the list',
  checkboxes: 'Select at least one option',
  yes_no: 'Select yes or no',
  email: 'Enter your email address',
  phone: 'Enter your phone number',
  postcode: 'Enter your postcode',
  address: 'Enter the address',
}

const WRONG: Record<FieldType, string> = {
  text: 'Enter your answer as text',
  textarea: 'Enter your answer as text',
  number: 'Enter a number, like 3',
  date: 'Enter a real date, like 2026-03-27',
  select: 'Select an option from the list',
  radios: 'Select an option from the list',
  checkboxes: 'Select options from the list',
  yes_no: 'Select yes or no',
  email: 'Enter an email address in the correct format, like name@example.com',
  phone: 'Enter a UK phone number, like 01632 960 001 or 07700 900 982',
  postcode: 'Enter a real postcode, like SW1A 1AA',
  address: 'Enter the address',
}

const ADDRESS_PART_MESSAGES: Record<string, string> = {
  address_line_1: 'Enter the first line of the address',
  address_line_2: 'Enter the second line of the address as text, up to 200 characters',
  town: 'Enter the town or city as text, up to 200 characters',
  postcode: 'Enter a real postcode for the address, like SW1A 1AA',
  uprn: 'The property reference (UPRN) must be up to 12 digits',
}

function isBlankText(error: ErrorObject): boolean {
  return (
    error.keyword === 'minLength' ||
    (error.keyword === 'pattern' && (error.params as { pattern?: string }).pattern === NOT_BLANK)
  )
}

function valueMessage(field: FormField, error: ErrorObject): string {
  const params = error.params as { limit?: number }
  if (field.type === 'text' || field.type === 'textarea') {
    if (isBlankText(error)) return MISSING[field.type]
    if (error.keyword === 'maxLength') return `Your answer must be ${params.limit} characters or fewer`
  }
  if (field.type === 'number' && error.keyword === 'minimum') return `Enter a number that is ${params.limit} or more`
  if (field.type === 'number' && error.keyword === 'maximum') return `Enter a number that is ${params.limit} or less`
  if (field.type === 'checkboxes' && error.keyword === 'minItems') return MISSING.checkboxes
  if (field.type === 'checkboxes' && error.keyword === 'uniqueItems') return 'Select each option only once'
  if (field.type === 'email' && error.keyword === 'maxLength')
    return 'Your email address must be 254 characters or fewer'
  return WRONG[field.type]
}

function addressMessage(error: ErrorObject, part: string | undefined): string {
  const missing = (error.params as { missingProperty?: string }).missingProperty
  const named = part ?? missing
  if (error.keyword === 'additionalProperties')
    return 'Enter the address using only its lines, town, postcode and property reference'
  if (named === 'address_line_1' && error.keyword === 'maxLength')
    return 'The first line of the address must be 200 characters or fewer'
  return (named && ADDRESS_PART_MESSAGES[named]) ?? MISSING.address
}

type Located = { fieldName: string; message: string }

function locate(error: ErrorObject, fields: ReadonlyMap<string, FormField>): Located | undefined {
  const [fieldName, part] = error.instancePath.split('/').slice(1)
  const params = error.params as { missingProperty?: string; additionalProperty?: string }
  if (fieldName === undefined) {
    if (error.keyword === 'required' && params.missingProperty) {
      const field = fields.get(params.missingProperty)
      return field && { fieldName: field.name, message: MISSING[field.type] }
    }
    if (error.keyword === 'additionalProperties' && params.additionalProperty) {
      return { fieldName: params.additionalProperty, message: 'This question is not part of the form' }
    }
    return undefined
  }
  const field = fields.get(fieldName)
  if (!field) return undefined
  if (field.type === 'address') return { fieldName, message: addressMessage(error, part) }
  // A wrong item inside a checkbox list is reported once, for the whole question.
  return { fieldName, message: valueMessage(field, error) }
}

/**
 * Checks answers against a form. Returns one error per question that needs correcting, in the
 * order the questions appear, or an empty list when the answers are acceptable.
 */
export function checkAnswers(fields: readonly FormField[], answers: unknown): FieldError[] {
  if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) {
    return [{ name: 'answers', message: 'Answer the questions on the form' }]
  }
  const validate = validatorFor(fields)
  if (validate(answers)) return []
  const byName = new Map(fields.map((field) => [field.name, field]))
  const found = new Map<string, string>()
  for (const error of validate.errors ?? []) {
    const located = locate(error, byName)
    if (located && !found.has(located.fieldName)) found.set(located.fieldName, located.message)
  }
  const order = fields.map((field) => field.name)
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length)
  return [...found]
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([fieldName, message]) => ({ name: `answers.${fieldName}`, message }))
}

/** Checks a form definition an administrator wrote: names, options and ranges. */
export function checkFormDefinition(fields: readonly FormField[], prefix = 'body.form'): FieldError[] {
  const errors: FieldError[] = []
  const seen = new Set<string>()
  fields.forEach((field, index) => {
    const at = (property: string) => `${prefix}.${index}.${property}`
    if (!FIELD_NAME_PATTERN.test(field.name)) {
      errors.push({
        name: at('name'),
        message: 'Use lower case letters, digits and underscores, starting with a letter',
      })
    } else if (seen.has(field.name)) {
      errors.push({
        name: at('name'),
        message: `The name ${field.name} is used by an earlier question; each question needs its own name`,
      })
    }
    seen.add(field.name)
    const isChoice = CHOICE_TYPES.includes(field.type)
    if (isChoice && (field.options === undefined || field.options.length === 0)) {
      errors.push({ name: at('options'), message: `Give at least one option for a ${field.type} question` })
    } else if (isChoice && new Set(field.options).size !== field.options?.length) {
      errors.push({ name: at('options'), message: 'Each option must appear only once' })
    } else if (!isChoice && field.options !== undefined) {
      errors.push({ name: at('options'), message: 'Only select, radios and checkboxes questions have options' })
    }
    if (field.maxLength !== undefined && field.type !== 'text' && field.type !== 'textarea') {
      errors.push({ name: at('maxLength'), message: 'Only text and textarea questions have a maximum length' })
    }
    if ((field.min !== undefined || field.max !== undefined) && field.type !== 'number') {
      errors.push({
        name: at(field.min === undefined ? 'max' : 'min'),
        message: 'Only number questions have a minimum or maximum',
      })
    } else if (field.min !== undefined && field.max !== undefined && field.min > field.max) {
      errors.push({ name: at('min'), message: 'The minimum must not be more than the maximum' })
    }
  })
  return errors
}
