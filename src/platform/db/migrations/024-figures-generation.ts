// The figures of a closed period (every day of it over) are kept once read, and read again only
// when something they were counted from has changed: `figures_generation` counts, per council,
// the changes that can alter a closed period's figures. The rollups' own changes to past days are
// counted by the metrics feature as it writes them (it knows which days are past). The rest are
// counted here by triggers, so no feature, import or command can change them unseen:
// - a resident merged, unmerged, added already merged, or deleted (residents in contact count a
//   merged record as its survivor);
// - an e-account verified, moved to another resident, added verified, or deleted (e-account
//   take-up counts residents verified by the period's end);
// - a service's online availability (digital take-up counts cases of services offered online).
import { sql } from 'kysely'
import type { Migration } from 'kysely/migration'
import type { Engine } from '../../../config.ts'
import type { AnyDb } from './columns.ts'

/** The row changes that alter closed periods' figures: table, event, and the condition (NEW/OLD). */
const WATCHED = [
  {
    name: 'resident_merged',
    table: 'resident',
    event: 'update of merged_into',
    when: 'old.merged_into is distinct from new.merged_into',
  },
  { name: 'resident_added_merged', table: 'resident', event: 'insert', when: 'new.merged_into is not null' },
  { name: 'resident_deleted', table: 'resident', event: 'delete', when: null },
  {
    name: 'e_account_verified',
    table: 'e_account',
    event: 'update of verified_at, resident_id',
    when: 'old.verified_at is distinct from new.verified_at or old.resident_id is distinct from new.resident_id',
  },
  { name: 'e_account_added_verified', table: 'e_account', event: 'insert', when: 'new.verified_at is not null' },
  { name: 'e_account_deleted', table: 'e_account', event: 'delete', when: null },
  {
    name: 'service_online',
    table: 'service',
    event: 'update of online_available',
    when: 'old.online_available is distinct from new.online_available',
  },
] as const

const BUMP = (council: string) =>
  `insert into figures_generation (council_id, generation) values (${council}, 1)
   on conflict (council_id) do update set generation = figures_generation.generation + 1`

function sqliteTrigger(watched: (typeof WATCHED)[number]): string {
  const row = watched.event === 'delete' ? 'old' : 'new'
  // SQLite spells "is distinct from" as "is not".
  const when = watched.when ? `when ${watched.when.replaceAll('is distinct from', 'is not')}` : ''
  return `create trigger figures_${watched.name} after ${watched.event} on ${watched.table} for each row ${when}
    begin ${BUMP(`${row}.council_id`)}; end`
}

function postgresTrigger(watched: (typeof WATCHED)[number]): string {
  const when = watched.when ? `when (${watched.when})` : ''
  return `create trigger figures_${watched.name} after ${watched.event} on ${watched.table} for each row ${when}
    execute function figures_changed()`
}

const POSTGRES_FUNCTION = `create function figures_changed() returns trigger language plpgsql as $$
  begin
    if tg_op = 'DELETE' then ${BUMP('old.council_id')}; else ${BUMP('new.council_id')}; end if;
    return null;
  end $$`

export function figuresGenerationMigration(engine: Engine): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('figures_generation')
        .addColumn('council_id', 'integer', (col) => col.primaryKey().references('council.id'))
        .addColumn('generation', 'integer', (col) => col.notNull())
        .execute()
      if (engine === 'postgres') await sql.raw(POSTGRES_FUNCTION).execute(db)
      for (const watched of WATCHED)
        await sql.raw(engine === 'sqlite' ? sqliteTrigger(watched) : postgresTrigger(watched)).execute(db)
    },
  }
}
