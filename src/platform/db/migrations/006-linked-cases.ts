// Linked cases: a report the desk finds is already open (same service, same place) is kept as its
// own case and linked to the one being worked, so both callers' words survive and the case page
// can show who else reported it. And the one-time token each "raise a case" form carries, so a
// double click or a resubmitted page raises one case, not two.
import type { Migration } from 'kysely/migration'
import type { Engine } from '../../../config.ts'
import type { AnyDb, Table } from './columns.ts'
import { columns, oneOf } from './columns.ts'

export const CASE_LINK_KINDS = ['duplicate'] as const

export function linkedCasesMigration(engine: Engine): Migration {
  const c = columns(engine)
  return {
    async up(db: AnyDb) {
      let link: Table = db.schema.createTable('case_link')
      link = c.id(link)
      link = c
        .council(link)
        .addColumn('case_id', 'integer', (col) => col.notNull().references('case.id'))
        .addColumn('linked_case_id', 'integer', (col) => col.notNull().references('case.id'))
        .addColumn('kind', 'text', (col) => col.notNull())
      link = c.time(link, 'created_at', true)
      link = link
        .addColumn('created_by_staff_id', 'integer', (col) => col.references('staff_user.id'))
        .addUniqueConstraint('case_link_pair', ['council_id', 'case_id', 'linked_case_id'])
      await oneOf(link, 'kind', CASE_LINK_KINDS).execute()
      await db.schema
        .createIndex('case_link_linked')
        .on('case_link')
        .columns(['council_id', 'linked_case_id'])
        .execute()

      let submission: Table = db.schema
        .createTable('case_submission')
        .addColumn('council_id', 'integer', (col) => col.notNull().references('council.id'))
        .addColumn('token', 'text', (col) => col.notNull())
        .addColumn('case_id', 'integer', (col) => col.notNull().references('case.id'))
      submission = c.time(submission, 'created_at', true)
      await submission.addPrimaryKeyConstraint('case_submission_pk', ['council_id', 'token']).execute()

      // The desk looks for open cases of a service at a property before raising another.
      await db.schema
        .createIndex('case_service_place')
        .on('case')
        .columns(['council_id', 'service_id', 'location_uprn'])
        .execute()
    },
  }
}
