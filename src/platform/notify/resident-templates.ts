// The words of the messages a resident gets about their requests, on each channel they may choose,
// in their language. Every sentence goes through translate() with the English as its key, so Welsh
// (or any catalogue) covers them. Each message says only what its channel needs: a reference, the
// service and what changed, never the answers given or an address (a letter's address block is
// added by the letter itself, from the recipient).
import { translate } from '../i18n/translate.ts'
import { TemplateError } from './templates.ts'

export const RESIDENT_TEMPLATES = ['request-confirmation', 'case-status-changed', 'case-note', 'rate-service'] as const
export type ResidentTemplate = (typeof RESIDENT_TEMPLATES)[number]

/** The channels a written message can go by; a phone call is a task for an advisor, not a text. */
export type WrittenChannel = 'email' | 'sms' | 'letter'

export type ResidentMessage = { subject: string; paragraphs: string[] }

/** Fields kept only until the message has gone: what the council wrote to the resident. */
export const SPOKEN_FIELDS: readonly string[] = ['note', 'resolution']

type Fields = Record<string, string>
/** The fields once renderResidentMessage has checked the template's own are there. */
type Known = {
  councilName: string
  reference: string
  serviceName: string
  status: string
  note: string
  resolution?: string
  councilPhone?: string
  language?: string
}

const STATUS_WORDS: Record<string, string> = {
  open: 'received',
  in_progress: 'being worked on',
  waiting: 'waiting for something before we can carry on',
  resolved: 'resolved',
  closed: 'closed',
  cancelled: 'cancelled',
}

export function isResidentTemplate(name: string): name is ResidentTemplate {
  return (RESIDENT_TEMPLATES as readonly string[]).includes(name)
}

const NEEDS: Record<ResidentTemplate, readonly string[]> = {
  'request-confirmation': ['councilName', 'reference', 'serviceName'],
  'case-status-changed': ['councilName', 'reference', 'serviceName', 'status'],
  'case-note': ['councilName', 'reference', 'serviceName', 'note'],
  'rate-service': ['councilName', 'reference', 'serviceName'],
}

/** Where a resident can see their request, and how to reach the council without the internet. */
function followUp(t: Translator, f: Known, channel: WrittenChannel, publicUrl: string): string[] {
  const lines: string[] = []
  if (channel !== 'sms')
    lines.push(t('You can check your request at {url} with your reference.', { url: `${publicUrl}/track` }))
  if (channel !== 'sms' && f.councilPhone) lines.push(t('Or phone us on {phone}.', { phone: f.councilPhone }))
  return lines
}

/** The satisfaction question for a resolved request (the self-service journey answers it). */
function rateUrl(publicUrl: string, f: Known): string {
  return `${publicUrl}/rate?reference=${encodeURIComponent(f.reference)}`
}

type Translator = (text: string, params?: Record<string, string>) => string

function messageFor(
  template: ResidentTemplate,
  t: Translator,
  f: Known,
  channel: WrittenChannel,
  publicUrl: string,
): ResidentMessage {
  const about = { reference: f.reference, service: t(f.serviceName) }
  switch (template) {
    case 'request-confirmation':
      return {
        subject: t('We have your request {reference}', about),
        paragraphs: [
          t('We have your request about {service}. Your reference is {reference}.', about),
          t('We will tell you when anything changes.'),
          ...followUp(t, f, channel, publicUrl),
        ],
      }
    case 'case-status-changed': {
      const words = t(STATUS_WORDS[f.status] ?? f.status)
      return {
        subject: t('Your request {reference} has been updated', about),
        paragraphs: [
          t('Your request {reference} about {service} is now {status}.', { ...about, status: words }),
          ...(f.resolution ? [t('What we did: {resolution}', { resolution: f.resolution })] : []),
          ...followUp(t, f, channel, publicUrl),
          // A letter carries the satisfaction question itself: a second letter the same day would waste a stamp.
          ...(channel === 'letter' && f.status === 'resolved'
            ? [t('Please tell us how satisfied you were with the service at {url}.', { url: rateUrl(publicUrl, f) })]
            : []),
        ],
      }
    }
    case 'case-note':
      return {
        subject: t('News about your request {reference}', about),
        paragraphs: [
          t('We have added a note to your request {reference} about {service}:', about),
          f.note,
          ...followUp(t, f, channel, publicUrl),
        ],
      }
    case 'rate-service': {
      const rate = rateUrl(publicUrl, f)
      return {
        subject: t('Tell us how we did with {reference}', about),
        paragraphs: [
          t(
            'Your request {reference} about {service} is resolved. Please tell us how satisfied you were with the service.',
            about,
          ),
          channel === 'letter' && f.councilPhone
            ? t('Go to {url}, or phone us on {phone}.', { url: rate, phone: f.councilPhone })
            : t('It takes a minute: {url}', { url: rate }),
        ],
      }
    }
  }
}

/**
 * A resident's message in their language for one channel; a text message is its paragraphs on
 * one line each, signed with the council's name, kept short because every 160 characters costs.
 * Throws a TemplateError naming the missing fields (never their values).
 */
export function renderResidentMessage(
  template: string,
  channel: WrittenChannel,
  fields: Fields,
  publicUrl: string,
): ResidentMessage {
  if (!isResidentTemplate(template)) throw new TemplateError(`unknown template ${template}`)
  const missing = NEEDS[template].filter((field) => typeof fields[field] !== 'string' || fields[field] === '')
  if (missing.length > 0) throw new TemplateError(`template ${template} is missing ${missing.join(', ')}`)
  const language = fields.language ?? 'en'
  const t: Translator = (text, params) => translate(language, text, params)
  const known = fields as unknown as Known
  const message = messageFor(template, t, known, channel, publicUrl)
  if (channel === 'sms')
    return { subject: message.subject, paragraphs: [`${known.councilName}: ${message.paragraphs.join(' ')}`] }
  return { subject: message.subject, paragraphs: [...message.paragraphs, known.councilName] }
}
