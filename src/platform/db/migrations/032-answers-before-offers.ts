// Before the webhook refused events out of order, an `answered` event dated before its `offered`
// stored a call answered before it was offered: a negative wait, which made the average speed of
// answer negative and the metrics API fail on it. What the wait really was is not known; nought is
// the nearest truth the records allow, so such a call is taken as answered the moment it was
// offered, and the rollups that summed its negative wait are corrected by the same amount. It was
// counted within the answer threshold before and still is. Figures kept for closed periods are
// recounted (the council's figures generation moves on).
import { sql } from 'kysely'
import type { Migration } from 'kysely/migration'
import type { AnyDb } from './columns.ts'
import { wallClock } from '../../i18n/zoned-time.ts'

// The rollups' days and hours are London's, whatever the council's own time zone (metrics london.ts).
const LONDON = 'Europe/London'

type EarlyAnswer = { id: number; council_id: number; queue: string; offered_at: string; answered_at: string }

/** Repairs each call answered before it was offered; the number repaired. */
export async function answerNoEarlierThanOffer(db: AnyDb): Promise<number> {
  const calls: EarlyAnswer[] = await db
    .selectFrom('call')
    .select(['id', 'council_id', 'queue', 'offered_at', 'answered_at'])
    .where('answered_at', 'is not', null)
    .where(sql.ref('answered_at'), '<', sql.ref('offered_at'))
    .execute()
  const councils = new Set<number>()
  for (const call of calls) {
    const offered = Date.parse(call.offered_at)
    const early = offered - Date.parse(call.answered_at)
    const wall = new Date(wallClock(offered, LONDON))
    const day = wall.toISOString().slice(0, 10)
    await db.updateTable('call').set({ answered_at: call.offered_at }).where('id', '=', call.id).execute()
    await db
      .updateTable('call_rollup')
      .set({ answer_ms: sql`answer_ms + ${early}` })
      .where('council_id', '=', call.council_id)
      .where('day', '=', day)
      .where('queue', '=', call.queue)
      .execute()
    await db
      .updateTable('call_hour_rollup')
      .set({ answer_ms: sql`answer_ms + ${early}` })
      .where('council_id', '=', call.council_id)
      .where('day', '=', day)
      .where('hour', '=', wall.getUTCHours())
      .execute()
    councils.add(call.council_id)
  }
  for (const councilId of councils)
    await db
      .insertInto('figures_generation')
      .values({ council_id: councilId, generation: 1 })
      .onConflict((oc) => oc.column('council_id').doUpdateSet({ generation: sql`figures_generation.generation + 1` }))
      .execute()
  return calls.length
}

export function answersBeforeOffersMigration(): Migration {
  return {
    async up(db: AnyDb) {
      await answerNoEarlierThanOffer(db)
    },
  }
}
