// Open311 clients: an API token may now hold the machine role `open311` and carries the channel
// its requests arrive on (`web` for an app, `partner` for another council). The cases an Open311
// client sends are remembered with the key that sent them and their public photo link, and
// timeline events get an index by time for the servicerequestupdates feed.
import { sql } from 'kysely'
import type { Migration } from 'kysely/migration'
import type { Engine } from '../../../config.ts'
import { API_TOKEN_ROLES, OPEN311_CHANNELS } from '../values.ts'
import type { AnyDb } from './columns.ts'
import { columns } from './columns.ts'

const roleCheck = () => sql`role in (${sql.join(API_TOKEN_ROLES.map((role) => sql.lit(role)))})`

/** PostgreSQL changes a check constraint in place. */
async function widenRolesOnPostgres(db: AnyDb): Promise<void> {
  await db.schema.alterTable('api_token').dropConstraint('api_token_role_check').execute()
  await db.schema.alterTable('api_token').addCheckConstraint('api_token_role_check', roleCheck()).execute()
}

/** SQLite cannot change a check constraint: the small token table is copied into a new one. */
async function widenRolesOnSqlite(db: AnyDb, engine: Engine): Promise<void> {
  const c = columns(engine)
  await c
    .council(c.id(db.schema.createTable('api_token_013')))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('role', 'text', (col) => col.notNull())
    .addColumn('token_hash', 'text', (col) => col.notNull().unique())
    .$call((t) => c.time(t, 'created_at', true))
    .$call((t) => c.time(t, 'last_used_at'))
    .$call((t) => c.time(t, 'revoked_at'))
    .addCheckConstraint('api_token_role_check', roleCheck())
    .execute()
  await sql`insert into api_token_013 (id, council_id, name, role, token_hash, created_at, last_used_at, revoked_at)
    select id, council_id, name, role, token_hash, created_at, last_used_at, revoked_at from api_token`.execute(db)
  await db.schema.dropTable('api_token').execute()
  await db.schema.alterTable('api_token_013').renameTo('api_token').execute()
}

export function open311Migration(engine: Engine): Migration {
  const c = columns(engine)
  return {
    async up(db: AnyDb) {
      if (engine === 'postgres') await widenRolesOnPostgres(db)
      else await widenRolesOnSqlite(db, engine)
      await db.schema
        .alterTable('api_token')
        .addColumn('channel', 'text', (col) =>
          col.check(sql`channel is null or channel in (${sql.join(OPEN311_CHANNELS.map((v) => sql.lit(v)))})`),
        )
        .execute()
      await db.schema
        .createTable('open311_request')
        .addColumn('case_id', 'integer', (col) => col.primaryKey().references('case.id').onDelete('cascade'))
        .addColumn('council_id', 'integer', (col) => col.notNull().references('council.id'))
        .addColumn('api_token_id', 'integer', (col) => col.notNull().references('api_token.id'))
        .addColumn('media_url', 'text')
        .$call((t) => c.time(t, 'created_at', true))
        .execute()
      await db.schema.createIndex('case_event_council_at').on('case_event').columns(['council_id', 'at']).execute()
    },
  }
}
