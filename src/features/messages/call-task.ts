// "Phone me": a resident who asked to be phoned gets no written message; an advisor gets a call
// back task on their list instead, due within the council's next working day.
//
// TODO-free but provisional: the call back list belongs to telephony (branch `telephony`, not yet
// merged when this was written), which owns the `callback` table. Until its service offers a
// function to ask for a call back, this one writes the row as telephony's list reads it
// (status `requested`, a window to call in, a reason with no personal data beyond the reference).
// When telephony lands, this body becomes one call to its service.ts.
import { nowIso } from '../../platform/db/database.ts'
import type { Queryable } from '../../platform/db/schema.ts'

export type CallTask = {
  councilId: number
  residentId: number
  phone: string
  /** What the advisor is to tell them, in English for the advisor (the case has the rest). */
  reason: string
}

const CALL_WITHIN_MS = 24 * 3600_000

/** Puts a call back task on the advisors' list; returns its id. */
export async function askAdvisorsToPhone(db: Queryable, task: CallTask, now = new Date()): Promise<number> {
  const row = await db
    .insertInto('callback')
    .values({
      council_id: task.councilId,
      resident_id: task.residentId,
      phone: task.phone,
      window_start: now.toISOString(),
      window_end: new Date(now.getTime() + CALL_WITHIN_MS).toISOString(),
      reason: task.reason,
      status: 'requested',
      staff_user_id: null,
      contact_id: null,
      created_at: nowIso(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}
