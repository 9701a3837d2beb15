// A council's phone lines as the call-back tests need them: open every hour of every day, so what
// the pages say does not hang on when a test runs, and a queue with a caller waiting this long.
import type { Queryable } from '../../src/platform/db/schema.ts'

export const ALWAYS_OPEN = {
  useBankHolidays: false,
  workingHours: { days: [1, 2, 3, 4, 5, 6, 7], opens: '00:00', closes: '23:59', timeZone: 'Europe/London' },
}

/** The council's settings: lines always open, with `settings` on top. */
export async function setLineSettings(db: Queryable, councilId: number, settings: object = {}): Promise<void> {
  await db
    .updateTable('council')
    .set({ settings: JSON.stringify({ ...ALWAYS_OPEN, ...settings }) })
    .where('id', '=', councilId)
    .execute()
}

/** The queue with one caller who has waited `seconds` (none when 0), and nobody else. */
export async function callerWaiting(
  db: Queryable,
  councilId: number,
  seconds: number,
  call: { queue?: string; externalId?: string } = {},
): Promise<void> {
  await db.deleteFrom('call_in_queue').where('council_id', '=', councilId).execute()
  if (seconds <= 0) return
  await db
    .insertInto('call_in_queue')
    .values({
      council_id: councilId,
      external_id: call.externalId ?? `waiting-${seconds}`,
      queue: call.queue ?? 'main',
      offered_at: new Date(Date.now() - seconds * 1000).toISOString(),
    })
    .execute()
}
