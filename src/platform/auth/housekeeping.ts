// Removes what sign-in leaves behind once it can no longer matter: sessions past their absolute
// end, rate-limit windows that have closed, and email links used or expired more than a day ago
// (kept that long so "this link has already been used" can still be told apart from a made-up one).
// Deleting what has expired is the same whichever process does it, so every process may run this.
import { purgeExpiredSessions } from './sessions.ts'
import type { Queryable } from '../db/schema.ts'

const LINK_KEPT_MS = 24 * 3_600_000

export type Swept = { sessions: number; rateLimitBuckets: number; links: number }

export async function sweepSignInLeftovers(db: Queryable, now = new Date()): Promise<Swept> {
  const sessions = await purgeExpiredSessions(db, now)
  const buckets = await db
    .deleteFrom('rate_limit_bucket')
    .where('resets_at', '<=', now.toISOString())
    .executeTakeFirst()
  const cutoff = new Date(now.getTime() - LINK_KEPT_MS).toISOString()
  const links = await db
    .deleteFrom('one_time_link')
    .where((eb) => eb.or([eb('expires_at', '<=', cutoff), eb('used_at', '<=', cutoff)]))
    .executeTakeFirst()
  return { sessions, rateLimitBuckets: Number(buckets.numDeletedRows), links: Number(links.numDeletedRows) }
}

/** Runs the sweep on a timer that never keeps the process alive; `stop` waits for a sweep under way. */
export function startHousekeeping(
  db: Queryable,
  everyMs: number,
  onError: (error: unknown) => void,
): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve()
  const timer = setInterval(() => {
    running = sweepSignInLeftovers(db).catch(onError)
  }, everyMs)
  timer.unref()
  return {
    async stop() {
      clearInterval(timer)
      await running
    },
  }
}
