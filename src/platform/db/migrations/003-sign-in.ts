// Sign-in: recovery codes for staff second factors, single-use links for e-accounts (verify an
// email, reset a password), shared rate-limit counters, and the last TOTP step a staff member
// used so a code cannot be replayed inside its 30 seconds.
import type { Migration } from 'kysely/migration'
import type { Engine } from '../../../config.ts'
import type { AnyDb } from './columns.ts'
import { columns, oneOf } from './columns.ts'
import { ONE_TIME_LINK_PURPOSES } from '../values.ts'

export function signInMigration(engine: Engine): Migration {
  const c = columns(engine)
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable('staff_user').addColumn('totp_last_step', 'integer').execute()

      await c
        .id(db.schema.createTable('staff_recovery_code'))
        .$call(c.council)
        .addColumn('staff_user_id', 'integer', (col) => col.notNull().references('staff_user.id').onDelete('cascade'))
        .addColumn('code_hash', 'text', (col) => col.notNull())
        .$call((t) => c.time(t, 'created_at', true))
        .$call((t) => c.time(t, 'used_at'))
        .execute()
      await db.schema
        .createIndex('staff_recovery_code_staff')
        .on('staff_recovery_code')
        .columns(['staff_user_id'])
        .execute()

      // The id is a hash of the token in the link, so the table alone never lets anyone in.
      await db.schema
        .createTable('one_time_link')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .$call(c.council)
        .addColumn('purpose', 'text', (col) => col.notNull())
        .addColumn('e_account_id', 'integer', (col) => col.notNull().references('e_account.id').onDelete('cascade'))
        .addColumn('email', 'text', (col) => col.notNull())
        .$call((t) => c.time(t, 'created_at', true))
        .$call((t) => c.time(t, 'expires_at', true))
        .$call((t) => c.time(t, 'used_at'))
        .$call((t) => oneOf(t, 'purpose', ONE_TIME_LINK_PURPOSES))
        .execute()
      await db.schema
        .createIndex('one_time_link_account')
        .on('one_time_link')
        .columns(['e_account_id', 'purpose'])
        .execute()

      // Counters shared by every app process: a limit kept in memory would multiply by their number.
      await db.schema
        .createTable('rate_limit_bucket')
        .addColumn('key', 'text', (col) => col.primaryKey())
        .addColumn('hits', 'integer', (col) => col.notNull())
        .$call((t) => c.time(t, 'resets_at', true))
        .execute()
      await db.schema.createIndex('rate_limit_bucket_resets').on('rate_limit_bucket').columns(['resets_at']).execute()
      await db.schema
        .createIndex('e_account_oidc_subject')
        .on('e_account')
        .columns(['council_id', 'oidc_subject'])
        .execute()
      await db.schema
        .createIndex('staff_user_oidc_subject')
        .on('staff_user')
        .columns(['council_id', 'oidc_subject'])
        .execute()
    },
  }
}
