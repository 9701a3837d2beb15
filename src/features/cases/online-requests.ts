// A resident's own request sent from the public pages: the case (which counts as a web contact)
// and whatever the caller must write with it — the confirmation in the outbox, the form's
// completion — in one transaction, once per form. The form's one-time token is kept against the
// case, so sending the last page twice raises one case and answers both times with it.
import type { Database } from '../../platform/db/database.ts'
import type { Queryable } from '../../platform/db/schema.ts'
import { inTransaction } from '../../platform/db/transaction.ts'
import { isUniqueViolation } from '../../platform/db/errors.ts'
import type { Actor } from '../../platform/audit/audit.ts'
import { createCase } from './create-case.ts'
import type { Case, CreateCaseInput } from './case-types.ts'
import * as repo from './repo.ts'

export type OnlineSubmission = {
  /** The form's one-time token. */
  token: string
  /** The case to raise, worked out in the transaction (a requester's new resident record is written first). */
  prepare: (trx: Queryable) => Promise<CreateCaseInput>
}

export type RaisedOnline = { id: number; reference: string; serviceId: number; repeated: boolean }

/** Writes that belong with the new case, run inside its transaction. */
export type AlongsideCase = (trx: Queryable, created: Case) => Promise<void>

async function raisedBefore(db: Queryable, councilId: number, token: string): Promise<RaisedOnline | undefined> {
  const caseId = await repo.findSubmission(db, councilId, token)
  if (caseId === undefined) return undefined
  const row = await repo.findCaseRow(db, councilId, caseId)
  return row && { id: row.id, reference: row.reference, serviceId: row.service_id, repeated: true }
}

/** Raises the case of a request sent online, with the caller's writes, unless this form raised one already. */
export async function raiseOnline(
  database: Database,
  actor: Actor,
  councilId: number,
  submission: OnlineSubmission,
  alongside: AlongsideCase,
): Promise<RaisedOnline> {
  try {
    return await inTransaction(database, undefined, async (trx) => {
      const earlier = await raisedBefore(trx, councilId, submission.token)
      if (earlier) return earlier
      const input = await submission.prepare(trx)
      const created = await createCase(database, actor, councilId, input, trx)
      await repo.insertSubmission(trx, {
        council_id: councilId,
        token: submission.token,
        case_id: created.id,
        created_at: created.created_at,
      })
      await alongside(trx, created)
      return { id: created.id, reference: created.reference, serviceId: created.service_id, repeated: false }
    })
  } catch (error) {
    // Two sends of the last page at the same moment: the second loses the race for the token.
    const earlier = isUniqueViolation(error) ? await raisedBefore(database.db, councilId, submission.token) : undefined
    if (earlier === undefined) throw error
    return earlier
  }
}

/** The case a form raised, if it was sent: how its confirmation page finds the reference again. */
export function raisedByForm(database: Database, councilId: number, token: string): Promise<RaisedOnline | undefined> {
  return raisedBefore(database.db, councilId, token)
}
