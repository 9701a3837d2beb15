// The outbox worker: sends queued messages and records what happened to each. Every app process
// may run one. A message is claimed by a single statement that moves it from 'queued' to
// 'sending' only if it is still queued, so when several workers look at the same rows each
// message goes to exactly one of them. Once a message has been sent, or has failed for good, the
// single-use links and the council's words in it are wiped from the table: the person's inbox is
// then the only copy. (A letter keeps its words until its print batch is printed: see letters.ts.)
//
// A message that fails waits before it is tried again: 1 minute, then 5, 30 and 120, so a provider
// that is down for an hour is not asked every few seconds and a message still goes the same
// morning; the fifth failure is final and the message shows on the staff's list of messages.
//
// A worker that dies between claiming and sending leaves its message at 'sending'. Ten minutes
// after its claim another worker takes it up again, as one more attempt, so the attempt limit
// still ends a message that stops every worker that tries it. Before sending again it asks a
// provider that keeps our reference (GOV.UK Notify) whether the message already arrived; a mail
// server cannot be asked, so an email may then come twice, which is better than never.
// The claim's time is the worker's proof of holding the message: a worker that was only slow,
// and has since been overtaken, cannot overwrite what the newer one records.
import type { ExpressionBuilder } from 'kysely'
import type { Database } from '../db/database.ts'
import type { Tables } from '../db/schema.ts'
import type { Queryable } from '../db/schema.ts'
import type { NotificationChannel } from '../db/values.ts'
import type { Mailer } from './mailers.ts'
import { TemplateError, renderEmail, withoutSecrets } from './templates.ts'
import { SPOKEN_FIELDS, isResidentTemplate, renderResidentMessage } from './resident-templates.ts'
import type { Outgoing, Sender, SenderChannel, Senders } from './senders.ts'
import { PermanentFailure, mailerSender, messageReference } from './senders.ts'

export const MAX_ATTEMPTS = 5
/** Minutes to wait after the first, second, third and fourth failure. */
export const RETRY_AFTER_MINUTES = [1, 5, 30, 120] as const
/** How long a message may stay at 'sending' before it is taken to have been abandoned. */
export const RECLAIM_AFTER_MS = 10 * 60_000
const BATCH_SIZE = 20

export type DeliveryLog = { warn(facts: object, message: string): void }

export type DeliveryOptions = {
  from: string
  /** The site's address, for the links in residents' messages. */
  publicUrl?: string
  maxAttempts?: number
  batchSize?: number
  log?: DeliveryLog
  /** The clock: tests move it on to reach a message's next try. */
  now?: () => Date
}

export type DeliveryReport = { sent: number; retrying: number; failed: number }

type Claimed = {
  id: number
  council_id: number
  channel: NotificationChannel
  template: string
  recipient: string
  personalisation: string
  attempts: number
  /** Set when an earlier try failed (kept when staff send a failed message again). */
  last_error: string | null
  claimedAt: string
}

type Settings = {
  from: string
  publicUrl: string
  maxAttempts: number
  batchSize: number
  log?: DeliveryLog
  now: () => Date
}

/** When a message that has now failed `attempts` times may be tried again. */
export function nextAttemptAt(attempts: number, now: Date): string {
  const minutes = RETRY_AFTER_MINUTES[Math.min(attempts, RETRY_AFTER_MINUTES.length) - 1] ?? RETRY_AFTER_MINUTES[0]
  return new Date(now.getTime() + minutes * 60_000).toISOString()
}

/** A message due to be sent, or one claimed so long ago that its worker must have stopped. */
function claimable(now: Date) {
  const staleBefore = new Date(now.getTime() - RECLAIM_AFTER_MS).toISOString()
  return (eb: ExpressionBuilder<Tables, 'notification'>) =>
    eb.or([
      eb.and([
        eb('status', '=', 'queued'),
        eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', now.toISOString())]),
      ]),
      eb.and([eb('status', '=', 'sending'), eb('claimed_at', '<', staleBefore)]),
    ])
}

async function claimableIds(db: Queryable, channels: SenderChannel[], now: Date, limit: number): Promise<number[]> {
  if (channels.length === 0) return []
  const rows = await db
    .selectFrom('notification')
    .select('id')
    .where('channel', 'in', channels)
    .where(claimable(now))
    .orderBy('id')
    .limit(limit)
    .execute()
  return rows.map((row) => row.id)
}

/** Takes one message for this worker, or undefined when another worker already has it. */
async function claim(db: Queryable, id: number, now: Date): Promise<Claimed | undefined> {
  const claimedAt = now.toISOString()
  const row = await db
    .updateTable('notification')
    .set((eb) => ({ status: 'sending', attempts: eb('attempts', '+', 1), claimed_at: claimedAt }))
    .where('id', '=', id)
    .where(claimable(now))
    .returning(['id', 'council_id', 'channel', 'template', 'recipient', 'personalisation', 'attempts', 'last_error'])
    .executeTakeFirst()
  return row && { ...row, claimedAt }
}

function parsePersonalisation(raw: string): Record<string, string> {
  const parsed: unknown = JSON.parse(raw)
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {}
  return Object.fromEntries(
    Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  )
}

/** A message whose last attempts all ended with their worker stopping part way. */
class AbandonedMessage extends Error {
  constructor() {
    super('the worker sending it stopped part way, on the last attempt allowed')
    this.name = 'AbandonedMessage'
  }
}

type ErrorFacts = {
  name?: unknown
  code?: unknown
  responseCode?: unknown
  command?: unknown
  message?: unknown
  status?: unknown
  kind?: unknown
}

/**
 * What went wrong, in words safe to keep: a mail server's or provider's reply often quotes the
 * address or number it refused, so only codes are kept (and a template problem, which names
 * fields, not values).
 */
export function safeFailure(error: unknown): string {
  if (error instanceof TemplateError || error instanceof AbandonedMessage || error instanceof PermanentFailure)
    return error.message
  const facts = (typeof error === 'object' && error !== null ? error : {}) as ErrorFacts
  const parts = [typeof facts.name === 'string' ? facts.name : 'Error']
  if (typeof facts.code === 'string') parts.push(facts.code)
  if (typeof facts.command === 'string' && /^[A-Z ]{1,20}$/.test(facts.command)) parts.push(facts.command)
  if (typeof facts.responseCode === 'number') parts.push(String(facts.responseCode))
  if (typeof facts.status === 'number') parts.push(String(facts.status))
  if (typeof facts.kind === 'string' && /^[A-Za-z]{1,40}$/.test(facts.kind)) parts.push(facts.kind)
  return parts.join(' ')
}

/** What stays of a message once it has gone: no single-use link, none of the council's words to the resident. */
export function keptAfterSending(personalisation: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(withoutSecrets(personalisation)).filter(([field]) => !SPOKEN_FIELDS.includes(field)),
  )
}

async function markSent(
  db: Queryable,
  message: Claimed,
  personalisation: Record<string, string>,
  reference: string | null,
  now: Date,
): Promise<void> {
  // A letter is only in its print batch: the words stay until the batch is printed.
  const kept = message.channel === 'letter' ? personalisation : keptAfterSending(personalisation)
  await db
    .updateTable('notification')
    .set({
      status: 'sent',
      sent_at: now.toISOString(),
      provider_reference: reference,
      last_error: null,
      next_attempt_at: null,
      personalisation: JSON.stringify(kept),
    })
    .where('id', '=', message.id)
    .where('claimed_at', '=', message.claimedAt)
    .execute()
}

async function markFailure(
  db: Queryable,
  message: Claimed,
  personalisation: Record<string, string>,
  error: string,
  final: boolean,
  now: Date,
): Promise<void> {
  await db
    .updateTable('notification')
    .set(
      final
        ? {
            status: 'failed',
            last_error: error,
            next_attempt_at: null,
            personalisation: JSON.stringify(withoutSecrets(personalisation)),
          }
        : { status: 'queued', last_error: error, next_attempt_at: nextAttemptAt(message.attempts, now) },
    )
    .where('id', '=', message.id)
    .where('claimed_at', '=', message.claimedAt)
    .execute()
}

/** The message in words for its channel: the sign-in emails, or a resident's message in their language. */
function written(message: Claimed, personalisation: Record<string, string>, settings: Settings) {
  if (message.channel === 'phone') throw new TemplateError('a phone message is a call task, not a written message')
  if (isResidentTemplate(message.template))
    return renderResidentMessage(message.template, message.channel, personalisation, settings.publicUrl)
  if (message.channel !== 'email') throw new TemplateError(`template ${message.template} is for email only`)
  const email = renderEmail(message.template, personalisation)
  return { subject: email.subject, paragraphs: [email.body.trimEnd()] }
}

type Outcome = 'sent' | 'retrying' | 'failed'

async function send(sender: Sender, message: Claimed, outgoing: Outgoing): Promise<string | null> {
  // Only a message tried before can have reached the provider already (a failure may have come after it arrived).
  if ((message.attempts > 1 || message.last_error !== null) && sender.sentBefore) {
    const earlier = await sender.sentBefore(outgoing.reference)
    if (earlier !== null) return earlier
  }
  return sender.send(outgoing)
}

async function deliverOne(database: Database, sender: Sender, message: Claimed, settings: Settings): Promise<Outcome> {
  let personalisation: Record<string, string> = {}
  try {
    personalisation = parsePersonalisation(message.personalisation)
    // Only a message taken up again after its worker stopped can be past the limit here.
    if (message.attempts > settings.maxAttempts) throw new AbandonedMessage()
    const words = written(message, personalisation, settings)
    const reference = await send(sender, message, {
      notificationId: message.id,
      councilId: message.council_id,
      reference: messageReference(message.id),
      from: settings.from,
      to: message.recipient,
      ...words,
    })
    await markSent(database.db, message, personalisation, reference, settings.now())
    return 'sent'
  } catch (error) {
    // A message that cannot be written, or that the provider refuses as it stands, will not go by trying again.
    const final =
      error instanceof TemplateError || error instanceof PermanentFailure || message.attempts >= settings.maxAttempts
    const failure = safeFailure(error)
    await markFailure(database.db, message, personalisation, failure, final, settings.now())
    settings.log?.warn(
      {
        notificationId: message.id,
        channel: message.channel,
        template: message.template,
        attempts: message.attempts,
        failure,
      },
      final ? 'message failed for good' : 'message failed; will try again',
    )
    return final ? 'failed' : 'retrying'
  }
}

function settingsOf(options: DeliveryOptions): Settings {
  return {
    from: options.from,
    publicUrl: options.publicUrl ?? 'http://localhost:3000',
    maxAttempts: options.maxAttempts ?? MAX_ATTEMPTS,
    batchSize: options.batchSize ?? BATCH_SIZE,
    log: options.log,
    now: options.now ?? (() => new Date()),
  }
}

/** Sends what is due now on every channel with a sender, and any message its worker abandoned, in the order queued. */
export async function deliverQueuedMessages(
  database: Database,
  senders: Senders,
  options: DeliveryOptions,
): Promise<DeliveryReport> {
  const settings = settingsOf(options)
  const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0 }
  const channels = (Object.keys(senders) as SenderChannel[]).filter((channel) => senders[channel])
  for (const id of await claimableIds(database.db, channels, settings.now(), settings.batchSize)) {
    const message = await claim(database.db, id, settings.now())
    if (!message) continue
    const sender = senders[message.channel as SenderChannel] as Sender
    report[await deliverOne(database, sender, message, settings)]++
  }
  return report
}

/** Sends queued email only, through one mailer. */
export function deliverQueuedEmails(
  database: Database,
  mailer: Mailer,
  options: DeliveryOptions,
): Promise<DeliveryReport> {
  return deliverQueuedMessages(database, { email: mailerSender(mailer) }, options)
}

export type DeliveryWorker = {
  /** Runs a round now (or waits for the one in progress): tests and shutdown use it. */
  runNow(): Promise<DeliveryReport>
  /** Stops the timer, lets the round in progress finish, and closes the senders. */
  stop(): Promise<void>
}

/** Sends queued messages every `everyMs`. The timer never keeps the process alive by itself. */
export function startDeliveryWorker(
  database: Database,
  senders: Senders | Mailer,
  options: DeliveryOptions & { everyMs: number },
): DeliveryWorker {
  const channels: Senders = 'send' in senders ? { email: mailerSender(senders as Mailer) } : senders
  let running: Promise<DeliveryReport> | undefined
  let stopped = false
  const round = (): Promise<DeliveryReport> => {
    running ??= deliverQueuedMessages(database, channels, options)
      .catch((error: unknown) => {
        options.log?.warn({ failure: safeFailure(error) }, 'outbox round failed')
        return { sent: 0, retrying: 0, failed: 0 }
      })
      .finally(() => {
        running = undefined
      })
    return running
  }
  const timer = setInterval(() => {
    if (!stopped) void round()
  }, options.everyMs)
  timer.unref()
  return {
    runNow: round,
    async stop() {
      stopped = true
      clearInterval(timer)
      await running
      for (const sender of Object.values(channels)) await sender?.close()
    },
  }
}
