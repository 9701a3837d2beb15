// Self-service's own tables: requests in progress, the form starts and submissions the completion
// rate is counted from, and the satisfaction answers. Kysely only.
import type { Selectable } from 'kysely'
import type { Queryable, RequestDraftTable } from '../../platform/db/schema.ts'

export type DraftRow = Selectable<RequestDraftTable>

export async function insertFormStart(
  db: Queryable,
  row: { council_id: number; service_id: number; e_account_id: number | null; started_at: string },
): Promise<number> {
  const inserted = await db
    .insertInto('online_form')
    .values({ ...row, submitted_at: null, case_id: null })
    .returning('id')
    .executeTakeFirstOrThrow()
  return inserted.id
}

/** Marks a form sent, unless it already was; gives what the form counted as before, for the rollup. */
export async function markFormSubmitted(
  db: Queryable,
  councilId: number,
  id: number,
  submitted: { submitted_at: string; case_id: number },
): Promise<{ started_at: string; service_id: number } | undefined> {
  const before = await db
    .selectFrom('online_form')
    .select(['started_at', 'service_id'])
    .where('council_id', '=', councilId)
    .where('id', '=', id)
    .where('submitted_at', 'is', null)
    .executeTakeFirst()
  if (!before) return undefined
  await db.updateTable('online_form').set(submitted).where('council_id', '=', councilId).where('id', '=', id).execute()
  return before
}

export async function insertDraft(db: Queryable, row: RequestDraftTable): Promise<void> {
  await db.insertInto('request_draft').values(row).execute()
}

export function findDraft(db: Queryable, councilId: number, token: string, now: string): Promise<DraftRow | undefined> {
  return db
    .selectFrom('request_draft')
    .selectAll()
    .where('council_id', '=', councilId)
    .where('token', '=', token)
    .where('expires_at', '>', now)
    .executeTakeFirst()
}

export async function updateDraft(
  db: Queryable,
  councilId: number,
  token: string,
  changes: { answers?: string; requester?: string; expires_at: string },
): Promise<void> {
  await db
    .updateTable('request_draft')
    .set(changes)
    .where('council_id', '=', councilId)
    .where('token', '=', token)
    .execute()
}

export async function deleteDraft(db: Queryable, councilId: number, token: string): Promise<void> {
  await db.deleteFrom('request_draft').where('council_id', '=', councilId).where('token', '=', token).execute()
}

/** Requests left unfinished past their expiry: their answers are not kept. */
export async function deleteExpiredDrafts(db: Queryable, now: string): Promise<number> {
  const result = await db.deleteFrom('request_draft').where('expires_at', '<=', now).executeTakeFirst()
  return Number(result.numDeletedRows)
}

export async function insertSurveyResponse(
  db: Queryable,
  row: { council_id: number; case_id: number; score: number; comment: string | null; created_at: string },
): Promise<void> {
  await db
    .insertInto('survey_response')
    .values({ ...row, contact_id: null })
    .execute()
}

export async function surveyAnswered(db: Queryable, councilId: number, caseId: number): Promise<boolean> {
  const row = await db
    .selectFrom('survey_response')
    .select('id')
    .where('council_id', '=', councilId)
    .where('case_id', '=', caseId)
    .executeTakeFirst()
  return row !== undefined
}

/** Whether the case has an answer given since a moment: the rating when resolved is one per resolution. */
export async function surveyAnsweredSince(
  db: Queryable,
  councilId: number,
  caseId: number,
  since: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('survey_response')
    .select('id')
    .where('council_id', '=', councilId)
    .where('case_id', '=', caseId)
    .where('created_at', '>=', since)
    .executeTakeFirst()
  return row !== undefined
}

/** Forms started and submitted in a period: the completion rate's two counts. */
export async function formCounts(
  db: Queryable,
  councilId: number,
  from: string,
  to: string,
): Promise<{ started: number; submitted: number }> {
  const row = await db
    .selectFrom('online_form')
    .select((eb) => [eb.fn.countAll<number>().as('started'), eb.fn.count<number>('submitted_at').as('submitted')])
    .where('council_id', '=', councilId)
    .where('started_at', '>=', from)
    .where('started_at', '<', to)
    .executeTakeFirstOrThrow()
  return { started: Number(row.started), submitted: Number(row.submitted) }
}
