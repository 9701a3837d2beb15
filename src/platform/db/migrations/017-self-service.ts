// Resident self-service: the answers of a request in progress, kept on the server between question
// pages (never in the browser or a log) until it is sent or expires; whether a service takes
// reports from people who give no name; and finding gazetteer addresses by postcode.
import type { Migration } from 'kysely/migration'
import type { Engine } from '../../../config.ts'
import type { AnyDb } from './columns.ts'
import { columns } from './columns.ts'

export function selfServiceMigration(engine: Engine): Migration {
  const c = columns(engine)
  return {
    async up(db: AnyDb) {
      await c
        .council(db.schema.createTable('request_draft').addColumn('token', 'text', (col) => col.primaryKey()))
        .addColumn('service_id', 'integer', (col) => col.notNull().references('service.id'))
        .addColumn('online_form_id', 'integer', (col) => col.notNull().references('online_form.id'))
        .addColumn('e_account_id', 'integer', (col) => col.references('e_account.id'))
        .addColumn('answers', 'text', (col) => col.notNull().defaultTo('{}'))
        .addColumn('requester', 'text', (col) => col.notNull().defaultTo('{}'))
        .$call((t) => c.time(t, 'created_at', true))
        .$call((t) => c.time(t, 'expires_at', true))
        .execute()
      await db.schema.createIndex('request_draft_expires').on('request_draft').columns(['expires_at']).execute()
      await db.schema
        .alterTable('service')
        .addColumn('anonymous_allowed', 'integer', (col) => col.notNull().defaultTo(0))
        .execute()
      await db.schema.createIndex('property_postcode').on('property').columns(['council_id', 'postcode']).execute()
    },
  }
}
