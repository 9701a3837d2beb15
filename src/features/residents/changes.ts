// Changes made to a resident's record, each kept with the reason given so the resident's timeline
// can show what changed and why. Only field names are kept: values live in the record alone.
import type { Database } from '../../platform/db/database.ts'
import { nowIso } from '../../platform/db/database.ts'
import type { Queryable } from '../../platform/db/schema.ts'
import type { ResidentChange } from '../../platform/db/values.ts'
import type { Actor } from '../../platform/audit/audit.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import type { FieldError } from '../../platform/http/problem.ts'
import { conflict, invalid, notFound } from '../../platform/http/problem.ts'
import * as repo from './repo.ts'
import { insertResidentChange } from './changes-repo.ts'
import { changeOpenFlag } from './repo.ts'

export const REASON_MAX_LENGTH = 500

/**
 * A reason, when one is asked for, must say something. The API's older calls give none (undefined);
 * the desk always asks, so an empty one is refused rather than stored.
 */
export function reasonErrors(reason: string | undefined): FieldError[] {
  if (reason === undefined) return []
  if (reason.trim() === '') return [{ name: 'body.reason', message: 'Enter the reason for the change' }]
  if (reason.length > REASON_MAX_LENGTH)
    return [{ name: 'body.reason', message: `The reason must be ${REASON_MAX_LENGTH} characters or fewer` }]
  return []
}

export async function recordChange(
  db: Queryable,
  actor: Actor,
  councilId: number,
  residentId: number,
  change: { change: ResidentChange; fields: string[]; reason: string | undefined; at: string; formToken?: string },
): Promise<void> {
  await insertResidentChange(db, {
    council_id: councilId,
    resident_id: residentId,
    at: change.at,
    staff_user_id: actor.kind === 'staff' ? actor.id : null,
    change: change.change,
    fields: JSON.stringify(change.fields),
    reason: change.reason?.trim() ?? null,
    form_token: change.formToken,
  })
}

function reviewDateErrors(reviewOn: string | null, today: string): FieldError[] {
  return reviewOn !== null && reviewOn < today
    ? [{ name: 'body.review_on', message: 'The review date must be today or later' }]
    : []
}

/** Moves an open flag's review date (or clears it), with the reason, in the resident's timeline. */
export async function changeFlagReviewDate(
  database: Database,
  actor: Actor,
  councilId: number,
  residentId: number,
  flagId: number,
  input: { review_on: string | null; reason: string },
): Promise<void> {
  const at = nowIso()
  const errors = [...reviewDateErrors(input.review_on, at.slice(0, 10)), ...reasonErrors(input.reason)]
  if (errors.length > 0) throw invalid(errors)
  await database.db.transaction().execute(async (db) => {
    const resident = await repo.findResidentRow(db, councilId, residentId)
    if (!resident) throw notFound('Resident')
    if (resident.merged_into !== null)
      throw conflict(`This resident was merged into resident ${resident.merged_into}; change that record instead`)
    if (!(await changeOpenFlag(db, councilId, residentId, flagId, { review_on: input.review_on })))
      throw notFound('Flag')
    await recordChange(db, actor, councilId, residentId, {
      change: 'flag_review_changed',
      fields: ['review_on'],
      reason: input.reason,
      at,
    })
    await recordAudit(
      database,
      actor,
      { action: 'resident.flag_review', subjectType: 'resident', subjectId: residentId, detail: { flag_id: flagId } },
      db,
    )
  })
}
