// What a message is handed to once it has been written: a mail server, GOV.UK Notify, the day's
// print batch. Each channel has one sender; the worker picks by the notification's channel.
import type { Mailer } from './mailers.ts'

export type Outgoing = {
  notificationId: number
  councilId: number
  /** Ours, unique per message: given to a provider that keeps one, so a resend can be recognised. */
  reference: string
  from: string
  to: string
  subject: string
  paragraphs: string[]
}

export type Sender = {
  readonly description: string
  /** Hands the message over; resolves with the provider's reference for it, when it gives one. */
  send(message: Outgoing): Promise<string | null>
  /**
   * Asks the provider whether a message with this reference already reached it, and if so its own
   * reference: a message taken up again after its worker stopped is then recorded, not sent twice.
   * A sender that cannot tell leaves this out.
   */
  sentBefore?(reference: string): Promise<string | null>
  close(): Promise<void>
}

export type SenderChannel = 'email' | 'sms' | 'letter'
export type Senders = Partial<Record<SenderChannel, Sender>>

/** A refusal that trying again cannot change (a provider saying the message itself is wrong). */
export class PermanentFailure extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'PermanentFailure'
  }
}

/** An existing mailer (SMTP or .eml files) as the email sender. */
export function mailerSender(mailer: Mailer): Sender {
  return {
    description: mailer.description,
    send: (message) =>
      mailer.send({
        notificationId: message.notificationId,
        from: message.from,
        to: message.to,
        subject: message.subject,
        text: message.paragraphs.join('\n\n') + '\n',
      }),
    close: () => mailer.close(),
  }
}

/** Our reference for a message: unique in the deployment, and no personal data. */
export function messageReference(notificationId: number): string {
  return `frontdoor-${notificationId}`
}
