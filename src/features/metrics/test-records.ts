// Rows written straight into the tables for the figures' tests, each with its rollup upkeep in the
// same transaction, as the owning feature does it: calls (until telephony writes them), survey
// responses and online forms (self-service writes them only at the present moment), and contacts
// and cases as they are.
import type { Insertable } from 'kysely'
import type { Database } from '../../platform/db/database.ts'
import type { CallTable, CaseTable, ContactTable, Queryable } from '../../platform/db/schema.ts'
import {
  rollupCalls,
  rollupCases,
  rollupContacts,
  rollupFormSubmitted,
  rollupOnlineForms,
  rollupSurveyResponses,
} from './service.ts'

export type TestContact = Pick<
  Insertable<ContactTable>,
  'channel' | 'direction' | 'started_at' | 'outcome' | 'handle_seconds' | 'service_id' | 'resident_id'
> & { avoidable?: 0 | 1 }

export async function writeContact(db: Queryable, councilId: number, contact: TestContact): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const row = {
      council_id: councilId,
      handle_seconds: null,
      service_id: null,
      resident_id: null,
      created_at: contact.started_at,
      ...contact,
      avoidable: contact.avoidable ?? 0,
    }
    const { id } = await trx.insertInto('contact').values(row).returning('id').executeTakeFirstOrThrow()
    await rollupContacts(trx, councilId, { added: [row] })
    return id
  })
}

export type TestCase = Pick<
  Insertable<CaseTable>,
  'service_id' | 'channel' | 'created_by' | 'created_at' | 'due_at' | 'resolved_at' | 'resident_id'
>

let caseNumber = 0

export async function writeCase(db: Queryable, councilId: number, c: TestCase): Promise<number> {
  return db.transaction().execute(async (trx) => {
    caseNumber += 1
    const row = {
      council_id: councilId,
      reference: `FD-TEST-${process.pid}-${caseNumber}`,
      status: c.resolved_at ? ('resolved' as const) : ('open' as const),
      priority: 'normal' as const,
      answers: '{}',
      updated_at: c.created_at,
      resident_id: null,
      due_at: null,
      resolved_at: null,
      ...c,
    }
    const { id } = await trx.insertInto('case').values(row).returning('id').executeTakeFirstOrThrow()
    await rollupCases(trx, councilId, { added: [row] })
    return id
  })
}

export type TestCall = Pick<Insertable<CallTable>, 'queue' | 'offered_at' | 'answered_at'> & { abandoned?: 0 | 1 }

export async function writeCall(db: Queryable, councilId: number, call: TestCall): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = { council_id: councilId, answered_at: null, ...call, abandoned: call.abandoned ?? 0 }
    await trx.insertInto('call').values(row).execute()
    await rollupCalls(trx, councilId, { added: [row] })
  })
}

type About = { channel: ContactTable['channel'] | null; service_id: number | null }

export async function writeSurvey(
  db: Queryable,
  councilId: number,
  response: { case_id?: number; contact_id?: number; score: number; created_at: string },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = { council_id: councilId, case_id: null, contact_id: null, comment: null, ...response }
    await trx.insertInto('survey_response').values(row).execute()
    const about: About | undefined =
      row.case_id !== null
        ? await trx
            .selectFrom('case')
            .select(['channel', 'service_id'])
            .where('id', '=', row.case_id)
            .executeTakeFirst()
        : row.contact_id !== null
          ? await trx
              .selectFrom('contact')
              .select(['channel', 'service_id'])
              .where('id', '=', row.contact_id)
              .executeTakeFirst()
          : undefined
    await rollupSurveyResponses(trx, councilId, {
      added: [{ ...row, channel: about?.channel ?? null, service_id: about?.service_id ?? null }],
    })
  })
}

export async function writeForm(
  db: Queryable,
  councilId: number,
  form: { service_id: number; started_at: string; submitted_at: string | null },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('online_form')
      .values({ council_id: councilId, e_account_id: null, case_id: null, ...form })
      .execute()
    await rollupOnlineForms(trx, councilId, { added: [form] })
  })
}

/** Sends a form started earlier, as the self-service journey does: the row and its rollup change together. */
export async function submitForm(db: Queryable, councilId: number, id: number, submittedAt: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const form = await trx
      .selectFrom('online_form')
      .select(['started_at', 'service_id'])
      .where('id', '=', id)
      .where('submitted_at', 'is', null)
      .executeTakeFirst()
    if (!form) return
    await trx.updateTable('online_form').set({ submitted_at: submittedAt }).where('id', '=', id).execute()
    await rollupFormSubmitted(trx, councilId, form, submittedAt)
  })
}

export async function setOnlineAvailable(database: Database, serviceId: number, online: boolean): Promise<void> {
  await database.db
    .updateTable('service')
    .set({ online_available: online ? 1 : 0 })
    .where('id', '=', serviceId)
    .execute()
}
