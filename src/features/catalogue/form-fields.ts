// The form definition a service carries: an ordered list of fields an administrator can edit.
// It compiles to JSON Schema (see form-schema.ts) so case answers go through the same validator
// as everything else.

export const FIELD_TYPES = [
  'text',
  'textarea',
  'number',
  'date',
  'select',
  'radios',
  'checkboxes',
  'yes_no',
  'email',
  'phone',
  'postcode',
  'address',
] as const
export type FieldType = (typeof FIELD_TYPES)[number]

export type FormField = {
  /** The answer's key: lower case letters, digits and underscores. */
  name: string
  label: string
  type: FieldType
  required: boolean
  hint?: string
  /** For select, radios and checkboxes. */
  options?: string[]
  /** For text and textarea. */
  maxLength?: number
  /** For number. */
  min?: number
  max?: number
}

/** The answer keys a form may use: lower_snake, starting with a letter. */
export const FIELD_NAME_PATTERN = /^[a-z][a-z0-9_]{0,63}$/

/** Question types whose answer is picked from the field's options. */
export const CHOICE_TYPES: readonly FieldType[] = ['select', 'radios', 'checkboxes']

/** Longest text answer unless the field says otherwise. */
export const DEFAULT_MAX_LENGTH = { text: 500, textarea: 5000 } as const
