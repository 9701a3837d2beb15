// The form definition a service carries: an ordered list of fields an administrator can edit.
// It compiles to JSON Schema (see form-schema.ts) so case answers go through the same validator
// as everything else.

export const FIELD_TYPES = ['text', 'textarea', 'number', 'date', 'select', 'radios', 'checkboxes', 'yes_no', 'email', 'phone', 'postcode', 'address'] as const
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
