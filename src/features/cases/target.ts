// A case's target as a caseworker reads it: working time left until it is due (or since it
// became overdue), counted only while the council is open.
import type { Database } from '../../platform/db/database.ts'
import { councilById } from '../../platform/council/council.ts'
import { notFound } from '../../platform/http/problem.ts'
import { ACTIVE_STATUSES } from './workflow.ts'
import { workingCalendar, workingTimeBetween } from './working-hours.ts'
import type { Case } from './case-types.ts'
import * as repo from './repo.ts'

export type CaseTarget = {
  due_at: string
  /** Working minutes until due; negative once overdue. */
  working_minutes_left: number
  /** Past due while still being worked: a resolved case is never overdue. */
  overdue: boolean
}

/** The target of a case at `now`, or undefined when it has no due time. */
export async function caseTarget(
  database: Database,
  councilId: number,
  found: Pick<Case, 'due_at' | 'status'>,
  now = new Date(),
): Promise<CaseTarget | undefined> {
  if (found.due_at === null) return undefined
  const council = await councilById(database, councilId)
  if (!council) throw notFound('Council')
  const holidays = await repo.councilHolidays(database.db, councilId)
  const calendar = workingCalendar(council.settings.workingHours, council.settings.useBankHolidays, holidays)
  const left = workingTimeBetween(now, new Date(found.due_at), calendar)
  return {
    due_at: found.due_at,
    working_minutes_left: Math.trunc(left / 60_000),
    overdue: ACTIVE_STATUSES.includes(found.status) && found.due_at < now.toISOString(),
  }
}
