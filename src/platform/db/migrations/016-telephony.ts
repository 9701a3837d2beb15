// Phone records and call backs: the telephony platform's shared secret per council (sealed), the
// signed events already received (so a replay is refused), calls still waiting in a queue, and what a call back needs beyond the
// first migration's row — who to ask for, how many times it was tried, who claimed it — with one
// row per attempt, each of which is also a contact.
import { sql } from 'kysely'
import type { Migration } from 'kysely/migration'
import type { Engine } from '../../../config.ts'
import { columns } from './columns.ts'
import type { AnyDb } from './columns.ts'

export const CALLBACK_ATTEMPT_OUTCOMES = ['answered', 'no_answer', 'wrong_number'] as const

export function telephonyMigration(engine: Engine): Migration {
  const c = columns(engine)
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('telephony_secret')
        .addColumn('council_id', 'integer', (col) => col.primaryKey().references('council.id'))
        .addColumn('sealed_secret', 'text', (col) => col.notNull())
        .$call((t) => c.time(t, 'created_at', true))
        .execute()

      await c
        .council(c.appendOnlyId(db.schema.createTable('telephony_event')))
        .addColumn('event_id', 'text', (col) => col.notNull())
        .addColumn('signature', 'text', (col) => col.notNull())
        .$call((t) => c.time(t, 'received_at', true))
        .addUniqueConstraint('telephony_event_id_unique', ['council_id', 'event_id'])
        .addUniqueConstraint('telephony_event_signature_unique', ['council_id', 'signature'])
        .execute()
      await db.schema.createIndex('telephony_event_received').on('telephony_event').column('received_at').execute()

      // A call still ringing in a queue: \`call\` holds only calls answered or abandoned (its check
      // says one or the other), so the wait is kept here until the platform says which.
      await c
        .council(c.id(db.schema.createTable('call_in_queue')))
        .addColumn('external_id', 'text', (col) => col.notNull())
        .addColumn('queue', 'text', (col) => col.notNull())
        .$call((t) => c.time(t, 'offered_at', true))
        .addColumn('caller_number_hash', 'text')
        .addUniqueConstraint('call_in_queue_external_id_unique', ['council_id', 'external_id'])
        .execute()

      await db.schema.alterTable('callback').addColumn('name', 'text').execute()
      await db.schema
        .alterTable('callback')
        .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
        .execute()
      await c.addTime(db, 'callback', 'claimed_at').execute()
      await c.addTime(db, 'callback', 'done_at').execute()

      const outcomes = sql.join(CALLBACK_ATTEMPT_OUTCOMES.map((outcome) => sql.lit(outcome)))
      await c
        .council(c.id(db.schema.createTable('callback_attempt')))
        .addColumn('callback_id', 'integer', (col) => col.notNull().references('callback.id'))
        .addColumn('contact_id', 'integer', (col) => col.notNull().references('contact.id'))
        .addColumn('staff_user_id', 'integer', (col) => col.notNull().references('staff_user.id'))
        .addColumn('outcome', 'text', (col) => col.notNull().check(sql`outcome in (${outcomes})`))
        .$call((t) => c.time(t, 'at', true))
        .execute()
      await db.schema.createIndex('callback_attempt_callback').on('callback_attempt').column('callback_id').execute()
      // The advisor's "calls you answered in the last few minutes" look-up.
      await db.schema
        .createIndex('call_agent_answered')
        .on('call')
        .columns(['council_id', 'agent_staff_id', 'answered_at'])
        .execute()
      await db.schema
        .createIndex('call_queue_offered')
        .on('call')
        .columns(['council_id', 'queue', 'offered_at'])
        .execute()
    },
  }
}
