// GOV.UK Notify, through its own client: email when NOTIFY_API_KEY is set, and text messages.
// Notify sends a template kept in the council's Notify account; ours are placeholders only
// (`((subject))`, `((body))`), since the words are written and translated in templates here.
//
// What each refusal means for the message (Notify's documented error codes):
// 400 the request is wrong as it stands (a number Notify cannot text, a team-only key sending to
//     a stranger, a missing placeholder): trying again gives the same answer, so it fails for good.
// 403 our key was refused (revoked, mistyped, the clock wrong): nothing is wrong with the message,
//     so it waits and is tried again, and shows on the staff's list if the key is not mended.
// 429 too many requests or the day's limit: tried again after the back-off.
// 500 and anything that never reached Notify: tried again after the back-off.
import type notifyClient from 'notifications-node-client'
import type { NotifyConfig } from '../../config.ts'
import type { Outgoing, Sender } from './senders.ts'
import { PermanentFailure } from './senders.ts'

/** Notify's answer as codes only: its message can quote the address or number refused. */
export class NotifyError extends Error {
  readonly status: number | undefined
  readonly kind: string | undefined
  readonly code: string | undefined
  constructor(status: number | undefined, kind: string | undefined, code: string | undefined) {
    super(`GOV.UK Notify answered ${status ?? 'nothing'}`)
    this.name = 'NotifyError'
    this.status = status
    this.kind = kind
    this.code = code
  }
}

type AxiosLike = {
  code?: unknown
  response?: { status?: unknown; data?: { errors?: { error?: unknown }[] } }
}

function notifyFailure(error: unknown): Error {
  const facts = (typeof error === 'object' && error !== null ? error : {}) as AxiosLike
  const status = typeof facts.response?.status === 'number' ? facts.response.status : undefined
  const first = facts.response?.data?.errors?.[0]?.error
  const kind = typeof first === 'string' ? first : undefined
  const code = typeof facts.code === 'string' && /^E[A-Z]+$/.test(facts.code) ? facts.code : undefined
  if (status === 400) return new PermanentFailure(`GOV.UK Notify refused the message: 400 ${kind ?? ''}`.trim())
  return new NotifyError(status, kind, code)
}

type Channel = 'email' | 'sms'

export function notifySender(config: NotifyConfig, channel: Channel): Sender {
  // Notify's client is loaded by the first send, not by every process that loads the app.
  let loaded: Promise<InstanceType<typeof notifyClient.NotifyClient>> | undefined
  const notify = () =>
    (loaded ??= import('notifications-node-client').then(
      ({ default: client }) => new client.NotifyClient(config.baseUrl, config.apiKey),
    ))
  const body = (message: Outgoing) => message.paragraphs.join('\n\n')
  return {
    description: `GOV.UK Notify (${channel === 'email' ? 'email' : 'text messages'})`,
    async send(message) {
      try {
        const client = await notify()
        const response =
          channel === 'email'
            ? await client.sendEmail(config.emailTemplateId, message.to, {
                personalisation: { subject: message.subject, body: body(message) },
                reference: message.reference,
              })
            : await client.sendSms(config.smsTemplateId, message.to, {
                personalisation: { body: body(message) },
                reference: message.reference,
              })
        return response.data.id
      } catch (error) {
        throw notifyFailure(error)
      }
    },
    async sentBefore(reference) {
      try {
        const response = await (await notify()).getNotifications(channel, undefined, reference)
        return response.data.notifications[0]?.id ?? null
      } catch (error) {
        throw notifyFailure(error)
      }
    },
    async close() {},
  }
}
