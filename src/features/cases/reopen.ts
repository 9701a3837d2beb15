// Reopening: a resident who says "it is not fixed" has a resolved case put back to work, rather
// than a new one raised, for as many days after it was resolved as the service allows
// (service.reopen_days, 28 unless set). After that the answer is a new case.
import type { Database } from '../../platform/db/database.ts'
import type { Queryable } from '../../platform/db/schema.ts'
import { throughTransaction } from '../../platform/db/transaction.ts'
import { Problem, invalid, notFound } from '../../platform/http/problem.ts'
import { dueAtFor } from './create-case.ts'
import type { Case } from './case-types.ts'
import type { CaseRow } from './repo.ts'
import { serviceReopenRule } from './queue-repo.ts'

const DAY = 24 * 60 * 60 * 1000

export type ReopenPeriod = { until: string; open: boolean }

/** Until when a case resolved at `resolvedAt` may be reopened. */
function reopenUntil(resolvedAt: string, days: number): string {
  return new Date(new Date(resolvedAt).getTime() + days * DAY).toISOString()
}

/** The reopen period of a resolved case, and whether it is still running at `now`; undefined for any other case. */
export async function reopenPeriodOf(
  database: Database,
  councilId: number,
  found: Pick<Case, 'status' | 'resolved_at' | 'service_id'>,
  now = new Date(),
): Promise<ReopenPeriod | undefined> {
  if (found.status !== 'resolved' || found.resolved_at === null) return undefined
  const rule = await serviceReopenRule(database.db, councilId, found.service_id)
  if (!rule) return undefined
  const until = reopenUntil(found.resolved_at, rule.reopen_days)
  return { until, open: now.toISOString() < until }
}

/**
 * What reopening changes besides the status, inside the change's transaction: refused once the
 * service's reopen period has run out; otherwise a fresh due time, counted from now like a new case.
 */
export async function reopenChanges(
  database: Database,
  db: Queryable,
  current: CaseRow,
  at: string,
): Promise<{ due_at: string }> {
  const rule = await serviceReopenRule(db, current.council_id, current.service_id)
  if (!rule) throw notFound('Service')
  const until = reopenUntil(current.resolved_at ?? at, rule.reopen_days)
  if (at >= until)
    throw new Problem(
      409,
      `This case can no longer be reopened: its ${rule.reopen_days} days to reopen ended at ${until}. Raise a new case instead`,
      [{ name: 'body.status', message: 'The time to reopen this case has ended; raise a new case instead' }],
    )
  const dueAt = await dueAtFor(throughTransaction(database, db), current.council_id, rule, new Date(at))
  return { due_at: dueAt }
}

/** Why a case is being reopened must be said: it goes on the timeline. */
export function reopenReasonErrors(reason: string | undefined): void {
  if ((reason ?? '').trim() === '')
    throw invalid([{ name: 'body.reason', message: 'Say why the case is being reopened' }])
}
