// What the desk's "raise a case" pages need from a posted form, apart from HTTP: the channel it
// came in on, the answers and where the problem is, and the hidden fields a duplicate check
// carries forward so nothing typed is lost.
import { randomBytes } from 'node:crypto'
import type { FieldError } from '../../platform/http/problem.ts'
import type { Channel } from '../../platform/db/values.ts'
import type { FormField, Service } from '../catalogue/service.ts'
import { addressLine } from '../catalogue/service.ts'

/** How a report reaches the desk: everything but a resident's own web form. */
export const DESK_CHANNELS: readonly { value: Channel; text: string }[] = [
  { value: 'phone', text: 'Phone' },
  { value: 'face_to_face', text: 'Face to face' },
  { value: 'email', text: 'Email' },
  { value: 'letter', text: 'Letter' },
  { value: 'video', text: 'Video call' },
  { value: 'webchat', text: 'Web chat' },
  { value: 'social', text: 'Social media' },
]

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/

export function newFormToken(): string {
  return randomBytes(32).toString('base64url')
}

export function isFormToken(value: string): boolean {
  return TOKEN_PATTERN.test(value)
}

export function channelOf(raw: string): Channel | undefined {
  return DESK_CHANNELS.find((channel) => channel.value === raw)?.value
}

export function channelErrors(raw: string): FieldError[] {
  return channelOf(raw) ? [] : [{ name: 'channel', message: 'Select how the report came in' }]
}

export type Location = { uprn: string | null; address: string | null }

/** Where the problem is: the form's own address question when answered, else the resident's home. */
export function locationOf(
  service: Pick<Service, 'form'>,
  answers: Record<string, unknown>,
  home: Location | undefined,
): Location {
  const field = service.form.find((question: FormField) => question.type === 'address' && answers[question.name])
  if (field) {
    const answer = answers[field.name] as Record<string, unknown>
    const uprn = typeof answer.uprn === 'string' ? answer.uprn : null
    return { uprn, address: addressLine(answer) ?? null }
  }
  return home ?? { uprn: null, address: null }
}

/** The posted fields to send again from the duplicate check page, as hidden inputs. */
export function carriedFields(body: Record<string, unknown>): { name: string; value: string }[] {
  return Object.entries(body).flatMap(([name, value]) => {
    if (name === '_csrf' || name === 'decision') return []
    const values = Array.isArray(value) ? value : [value]
    return values.filter((v): v is string => typeof v === 'string').map((v) => ({ name, value: v }))
  })
}
