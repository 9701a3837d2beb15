// The log-a-contact form as typed, checked into a contact to log or GOV.UK error messages. The
// contacts service checks the rules again (that the resident and service exist); this is the
// wording an advisor sees.
import type { FastifyRequest } from 'fastify'
import { field } from '../../platform/http/forms.ts'
import { AVOIDABLE_REASONS, CHANNELS, CONTACT_OUTCOMES, DIRECTIONS } from '../../platform/db/values.ts'
import type { AvoidableReason, Channel, ContactOutcome, Direction } from '../../platform/db/values.ts'
import { MAX_HANDLE_SECONDS, MAX_NOTES_LENGTH } from '../contacts/service.ts'

export const CHANNEL_NAMES: Record<Channel, string> = {
  phone: 'Phone',
  face_to_face: 'Face to face',
  email: 'Email',
  webchat: 'Web chat',
  letter: 'Letter',
  video: 'Video call',
  social: 'Social media',
  web: 'Website',
  partner: 'Through a partner organisation',
}

/** What an advisor can record as the end of a contact; 'abandoned' is the phone system's to record. */
export const OUTCOME_NAMES: Partial<Record<ContactOutcome, string>> = {
  resolved_first_contact: 'Resolved at first contact',
  case_raised: 'Case raised',
  referred: 'Referred to a partner',
  signposted: 'Signposted elsewhere',
  callback_booked: 'Call back booked',
}

export const AVOIDABLE_NAMES: Record<AvoidableReason, string> = {
  chasing: 'Yes – chasing something already asked for',
  repeat: 'Yes – repeating a contact already made',
  unclear_information: 'Yes – what we told them was unclear',
}

export type ContactForm = {
  channel: string
  direction: string
  service: string
  outcome: string
  avoidable: string
  notes: string
  handleMinutes: string
  handleSeconds: string
  /** The platform's id of the phone call this contact is the record of, or empty. */
  call: string
}

export const FIELD_ORDER: (keyof ContactForm)[] = [
  'call',
  'channel',
  'direction',
  'service',
  'outcome',
  'avoidable',
  'notes',
  'handleMinutes',
]

export const BLANK_FORM: ContactForm = {
  channel: 'phone',
  direction: 'inbound',
  service: '',
  outcome: '',
  avoidable: 'no',
  notes: '',
  handleMinutes: '',
  handleSeconds: '',
  call: '',
}

export function formFrom(request: FastifyRequest): ContactForm {
  return {
    channel: field(request, 'channel'),
    direction: field(request, 'direction'),
    service: field(request, 'service'),
    outcome: field(request, 'outcome'),
    avoidable: field(request, 'avoidable'),
    notes: field(request, 'notes'),
    handleMinutes: field(request, 'handleMinutes').trim(),
    handleSeconds: field(request, 'handleSeconds').trim(),
    call: callId(field(request, 'call')),
  }
}

export type CheckedContact = {
  channel: Channel
  direction: Direction
  serviceId: number | null
  outcome: ContactOutcome
  avoidableReason: AvoidableReason | null
  notes: string | null
  /** The advisor's own figure, when they corrected the measured one. */
  handleSeconds: number | null
  /** The external id of the call this contact records, to claim in the contact's transaction. */
  callExternalId: string | null
}

/** A telephony platform's call id as a screen-pop or the form sends it; anything else is no call. */
export function callId(raw: unknown): string {
  if (typeof raw !== 'string') return ''
  const id = raw.trim()
  // eslint-disable-next-line no-control-regex
  return id.length <= 200 && !/[\u0000-\u001f]/.test(id) ? id : ''
}

function oneOf<T extends string>(values: readonly T[], value: string): T | undefined {
  return values.find((v) => v === value)
}

/** The handle time typed in minutes and seconds, or null to use the measured time. */
function correctedSeconds(form: ContactForm, errors: Record<string, string>): number | null {
  if (form.handleMinutes === '' && form.handleSeconds === '') return null
  const minutes =
    form.handleMinutes === '' ? 0 : /^\d{1,4}$/.test(form.handleMinutes) ? Number(form.handleMinutes) : NaN
  const seconds =
    form.handleSeconds === '' ? 0 : /^\d{1,2}$/.test(form.handleSeconds) ? Number(form.handleSeconds) : NaN
  const total = minutes * 60 + seconds
  if (Number.isNaN(total) || seconds > 59 || total > MAX_HANDLE_SECONDS) {
    errors.handleMinutes = `Handle time must be whole minutes and seconds from 0 to 59, at most ${MAX_HANDLE_SECONDS / 60} minutes`
    return null
  }
  return total
}

export function checkForm(form: ContactForm): { contact?: CheckedContact; errors: Record<string, string> } {
  const errors: Record<string, string> = {}
  const channel = oneOf(CHANNELS, form.channel)
  if (!channel) errors.channel = 'Select how the resident got in touch'
  const direction = oneOf(DIRECTIONS, form.direction)
  if (!direction) errors.direction = 'Select who got in touch'
  let serviceId: number | null = null
  if (form.service !== '') {
    if (/^\d{1,9}$/.test(form.service)) serviceId = Number(form.service)
    else errors.service = 'Select a service from the list'
  }
  const outcome = form.outcome in OUTCOME_NAMES ? oneOf(CONTACT_OUTCOMES, form.outcome) : undefined
  if (!outcome) errors.outcome = 'Select the outcome of the contact'
  const avoidableReason = form.avoidable === 'no' ? null : (oneOf(AVOIDABLE_REASONS, form.avoidable) ?? undefined)
  if (avoidableReason === undefined) errors.avoidable = 'Select whether the contact could have been avoided'
  const notes = form.notes.replace(/\r\n/g, '\n').trim()
  if (notes.length > MAX_NOTES_LENGTH) errors.notes = `Notes must be ${MAX_NOTES_LENGTH} characters or fewer`
  const handleSeconds = correctedSeconds(form, errors)
  // A call the advisor answered is the resident ringing us: logged any other way, it would drop
  // out of first-contact resolution, which counts inbound contacts answered.
  if (form.call !== '' && channel !== undefined && channel !== 'phone')
    errors.channel =
      'A contact about a call you answered must be by phone: select Phone, or that it is not one of these calls'
  if (form.call !== '' && direction !== undefined && direction !== 'inbound')
    errors.direction =
      'A contact about a call you answered is one they made to us: select They contacted us, or that it is not one of these calls'
  if (Object.keys(errors).length > 0 || !channel || !direction || !outcome || avoidableReason === undefined)
    return { errors }
  return {
    contact: {
      channel,
      direction,
      serviceId,
      outcome,
      avoidableReason,
      notes: notes || null,
      handleSeconds,
      callExternalId: form.call || null,
    },
    errors,
  }
}
