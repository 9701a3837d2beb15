// The outbox worker: sends queued emails and records what happened to each. Every app process
// may run one. A message is claimed by a single statement that moves it from 'queued' to
// 'sending' only if it is still queued, so when several workers look at the same rows each
// message goes to exactly one of them. Once a message has been sent, or has failed for good, the
// single-use links in it are wiped from the table: the person's inbox is then the only copy.
//
// A worker that dies between claiming and sending leaves its message at 'sending'. Ten minutes
// after its claim another worker takes it up again, as one more attempt, so the attempt limit
// still ends a message that stops every worker that tries it. The person may then get it twice
// (nothing can tell whether the first reached the mail server), which is better than never.
// The claim's time is the worker's proof of holding the message: a worker that was only slow,
// and has since been overtaken, cannot overwrite what the newer one records.
import type { ExpressionBuilder } from 'kysely'
import type { Database } from '../db/database.ts'
import { nowIso } from '../db/database.ts'
import type { Tables } from '../db/schema.ts'
import type { Mailer } from './mailers.ts'
import { TemplateError, renderEmail, withoutSecrets } from './templates.ts'
import type { Queryable } from '../db/schema.ts'

export const MAX_ATTEMPTS = 5
/** How long a message may stay at 'sending' before it is taken to have been abandoned. */
export const RECLAIM_AFTER_MS = 10 * 60_000
const BATCH_SIZE = 20

export type DeliveryLog = { warn(facts: object, message: string): void }

export type DeliveryOptions = {
  from: string
  maxAttempts?: number
  batchSize?: number
  log?: DeliveryLog
}

export type DeliveryReport = { sent: number; retrying: number; failed: number }

type Claimed = {
  id: number
  template: string
  recipient: string
  personalisation: string
  attempts: number
  claimedAt: string
}

/** A message waiting to be sent, or one claimed so long ago that its worker must have stopped. */
function claimable(staleBefore: string) {
  return (eb: ExpressionBuilder<Tables, 'notification'>) =>
    eb.or([eb('status', '=', 'queued'), eb.and([eb('status', '=', 'sending'), eb('claimed_at', '<', staleBefore)])])
}

async function claimableIds(db: Queryable, staleBefore: string, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('notification')
    .select('id')
    .where('channel', '=', 'email')
    .where(claimable(staleBefore))
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
    .where(claimable(new Date(now.getTime() - RECLAIM_AFTER_MS).toISOString()))
    .returning(['id', 'template', 'recipient', 'personalisation', 'attempts'])
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

type ErrorFacts = { name?: unknown; code?: unknown; responseCode?: unknown; command?: unknown; message?: unknown }

/**
 * What went wrong, in words safe to keep: a mail server's reply often quotes the address it
 * refused, so only codes are kept (and a template problem, which names fields, not values).
 */
export function safeFailure(error: unknown): string {
  if (error instanceof TemplateError || error instanceof AbandonedMessage) return error.message
  const facts = (typeof error === 'object' && error !== null ? error : {}) as ErrorFacts
  const parts = [typeof facts.name === 'string' ? facts.name : 'Error']
  if (typeof facts.code === 'string') parts.push(facts.code)
  if (typeof facts.command === 'string' && /^[A-Z ]{1,20}$/.test(facts.command)) parts.push(facts.command)
  if (typeof facts.responseCode === 'number') parts.push(String(facts.responseCode))
  return parts.join(' ')
}

async function markSent(
  db: Queryable,
  message: Claimed,
  personalisation: Record<string, string>,
  reference: string | null,
): Promise<void> {
  await db
    .updateTable('notification')
    .set({
      status: 'sent',
      sent_at: nowIso(),
      provider_reference: reference,
      last_error: null,
      personalisation: JSON.stringify(withoutSecrets(personalisation)),
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
): Promise<void> {
  await db
    .updateTable('notification')
    .set(
      final
        ? { status: 'failed', last_error: error, personalisation: JSON.stringify(withoutSecrets(personalisation)) }
        : { status: 'queued', last_error: error },
    )
    .where('id', '=', message.id)
    .where('claimed_at', '=', message.claimedAt)
    .execute()
}

type Outcome = 'sent' | 'retrying' | 'failed'

async function deliverOne(
  database: Database,
  mailer: Mailer,
  message: Claimed,
  options: Required<Omit<DeliveryOptions, 'log'>> & { log?: DeliveryLog },
): Promise<Outcome> {
  let personalisation: Record<string, string> = {}
  try {
    personalisation = parsePersonalisation(message.personalisation)
    // Only a message taken up again after its worker stopped can be past the limit here.
    if (message.attempts > options.maxAttempts) throw new AbandonedMessage()
    const email = renderEmail(message.template, personalisation)
    const reference = await mailer.send({
      notificationId: message.id,
      from: options.from,
      to: message.recipient,
      subject: email.subject,
      text: email.body,
    })
    await markSent(database.db, message, personalisation, reference)
    return 'sent'
  } catch (error) {
    // A message that cannot be written will not become writable by trying again.
    const final = error instanceof TemplateError || message.attempts >= options.maxAttempts
    const failure = safeFailure(error)
    await markFailure(database.db, message, personalisation, failure, final)
    options.log?.warn(
      { notificationId: message.id, template: message.template, attempts: message.attempts, failure },
      final ? 'email failed for good' : 'email failed; will try again',
    )
    return final ? 'failed' : 'retrying'
  }
}

/** Sends what is queued now, and any message its worker abandoned, in the order it was queued; returns how it went. */
export async function deliverQueuedEmails(
  database: Database,
  mailer: Mailer,
  options: DeliveryOptions,
): Promise<DeliveryReport> {
  const settings = {
    from: options.from,
    maxAttempts: options.maxAttempts ?? MAX_ATTEMPTS,
    batchSize: options.batchSize ?? BATCH_SIZE,
    log: options.log,
  }
  const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0 }
  const staleBefore = new Date(Date.now() - RECLAIM_AFTER_MS).toISOString()
  for (const id of await claimableIds(database.db, staleBefore, settings.batchSize)) {
    const message = await claim(database.db, id, new Date())
    if (!message) continue
    report[await deliverOne(database, mailer, message, settings)]++
  }
  return report
}

export type DeliveryWorker = {
  /** Runs a round now (or waits for the one in progress): tests and shutdown use it. */
  runNow(): Promise<DeliveryReport>
  /** Stops the timer, lets the round in progress finish, and closes the mailer. */
  stop(): Promise<void>
}

/** Sends queued email every `everyMs`. The timer never keeps the process alive by itself. */
export function startDeliveryWorker(
  database: Database,
  mailer: Mailer,
  options: DeliveryOptions & { everyMs: number },
): DeliveryWorker {
  let running: Promise<DeliveryReport> | undefined
  let stopped = false
  const round = (): Promise<DeliveryReport> => {
    running ??= deliverQueuedEmails(database, mailer, options)
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
      await mailer.close()
    },
  }
}
