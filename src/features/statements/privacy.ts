// What a service collects, said in plain words from its own form, so the privacy notice changes
// when an administrator changes the questions and can never fall out of step with them.
import type { FormField } from '../catalogue/service.ts'

export type Collected = { label: string; personal: boolean }

/** Question types whose answers say who someone is or how to reach them. */
const PERSONAL_TYPES: ReadonlySet<FormField['type']> = new Set(['email', 'phone', 'postcode', 'address', 'date'])

export function collectedFor(form: FormField[]): Collected[] {
  return form.map((field) => ({ label: field.label, personal: PERSONAL_TYPES.has(field.type) }))
}
