// When an outbox worker claimed each message it is sending, so a message left at 'sending' by a
// worker that stopped part way can be told apart from one being sent now, and taken up again.
import type { Migration } from 'kysely/migration'
import type { Engine } from '../../../config.ts'
import type { AnyDb } from './columns.ts'
import { columns } from './columns.ts'

export function notificationClaimsMigration(engine: Engine): Migration {
  const c = columns(engine)
  return {
    async up(db: AnyDb) {
      await c.addTime(db, 'notification', 'claimed_at').execute()
      // Messages already at 'sending' were claimed at some unknown earlier time: counting from
      // now, they are taken up again once the usual wait has passed, not straight away.
      await db
        .updateTable('notification')
        .set({ claimed_at: new Date().toISOString() })
        .where('status', '=', 'sending')
        .execute()
    },
  }
}
