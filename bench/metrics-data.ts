// The figures benchmark's data: years of contacts with the cases they raise, a call for every
// phone contact, e-accounts for some residents, and the rollups built by the metrics rebuild, as
// `frontdoor metrics rebuild` would build them for a council that had records before upkeep.
import { sql } from 'kysely'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { DatabaseSync } from 'node:sqlite'
import { migrateToLatest } from '../src/platform/db/migrate.ts'
import { dataDir } from './paths.ts'
import { openDatabase } from '../src/platform/db/database.ts'
import { rebuildCouncilRollups } from '../src/features/metrics/service.ts'
import { generateBenchData, schemaDigest, SEED } from './generate.ts'
import type { BenchSizes, Catalogue, Generated } from './generate.ts'
import { withoutIndexes } from './bulk.ts'
import { cachedData, positiveFromEnv } from './cached.ts'
import type { Cached } from './cached.ts'
import { say } from './say.ts'

export const LAST_YEAR = 2025

export type FiguresSizes = BenchSizes & { years: number }

export function figuresSizes(): FiguresSizes {
  const years = positiveFromEnv('BENCH_YEARS', 10)
  const contacts = years * positiveFromEnv('BENCH_CONTACTS_PER_YEAR', 1_000_000)
  return { years, residents: positiveFromEnv('BENCH_RESIDENTS', 100_000), contacts, cases: Math.round(contacts / 20) }
}

// Calls from the phone contacts: waits and queues vary with the contact's id, so the same data
// gives the same calls; an abandoned contact is a call nobody answered.
const CALLS = `
  insert into "call" (council_id, queue, offered_at, answered_at, ended_at, abandoned, contact_id)
  select council_id,
    case id % 4 when 0 then 'council-tax' when 1 then 'housing' else 'general' end,
    strftime('%Y-%m-%dT%H:%M:%fZ', started_at, '-' || ((id * 7919) % 300) || ' seconds'),
    case when outcome = 'abandoned' then null else started_at end,
    strftime('%Y-%m-%dT%H:%M:%fZ', started_at, '+' || coalesce(handle_seconds, 0) || ' seconds'),
    case when outcome = 'abandoned' then 1 else 0 end,
    id
  from contact where channel = 'phone' and direction = 'inbound'`

// Three residents in ten with an e-account, verified on a day spread over the years, so take-up grows.
const E_ACCOUNTS = (years: number) => `
  insert into e_account (council_id, resident_id, email, verified_at, failed_sign_ins, created_at)
  select council_id, id, 'resident' || id || '@example.org',
    strftime('%Y-%m-%dT%H:%M:%fZ', '${LAST_YEAR - years + 1}-01-01', '+' || ((id * 37) % (${years} * 365)) || ' days'),
    0, created_at
  from resident where id % 10 < 3`

function moreRows(years: number) {
  return (sqlite: DatabaseSync, _catalogue: Catalogue): Record<string, number> => {
    const rows: Record<string, number> = {}
    withoutIndexes(sqlite, ['call', 'e_account'], () => {
      rows.call = Number(sqlite.prepare(CALLS).run().changes)
      rows.e_account = Number(sqlite.prepare(E_ACCOUNTS(years)).run().changes)
    })
    return rows
  }
}

async function make(file: string, sizes: FiguresSizes): Promise<Generated> {
  say(
    `Generating ${sizes.years} years of ${(sizes.contacts / sizes.years).toLocaleString('en-GB')} contacts, with calls and cases…`,
  )
  const span = {
    from: new Date(Date.UTC(LAST_YEAR - sizes.years + 1, 0, 1)),
    to: new Date(Date.UTC(LAST_YEAR, 11, 31, 23, 59, 59)),
  }
  const generated = await generateBenchData(file, sizes, SEED, { span, extra: moreRows(sizes.years) })
  const started = performance.now()
  const database = openDatabase({ engine: 'sqlite', file })
  try {
    const rebuilt = await rebuildCouncilRollups(database, generated.councilId)
    say(
      `Rollups rebuilt from ${rebuilt.contacts.toLocaleString('en-GB')} contacts and ${rebuilt.calls.toLocaleString('en-GB')} calls`,
    )
  } finally {
    await database.close()
  }
  const rebuild = (performance.now() - started) / 1000
  return {
    ...generated,
    seconds: generated.seconds + rebuild,
    steps: { ...generated.steps, 'rollups rebuilt': rebuild },
  }
}

/**
 * Kept data made the same way under an older schema is migrated forward and its rollups rebuilt
 * (as `frontdoor metrics rebuild` would after a migration adding rollups), minutes instead of the
 * 22 that making it again takes. Its records are the same: the recipe differed by schema alone.
 */
async function bringForward(name: string, recipe: string): Promise<void> {
  const file = join(dataDir, `${name}.db`)
  const metaFile = join(dataDir, `${name}.json`)
  if (!existsSync(file) || !existsSync(metaFile)) return
  const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as Cached
  const wanted = JSON.parse(recipe) as { schema: string }
  const old = JSON.parse(meta.recipe) as { schema: string }
  if (meta.recipe === recipe || JSON.stringify({ ...old, schema: wanted.schema }) !== recipe) return
  say(`Bringing ${file} forward from schema ${old.schema} to ${wanted.schema}: migrating, then rebuilding the rollups…`)
  const started = performance.now()
  const database = openDatabase({ engine: 'sqlite', file })
  try {
    // The kept data may lack migrations numbered below its last (merged from another branch
    // since): they are run too, then the record of them put in name order as a database migrated
    // from nothing would have it, so every later migration run accepts it.
    await migrateToLatest(database, { unordered: true })
    await sql`update kysely_migration set timestamp = (select min(timestamp) from kysely_migration)`.execute(
      database.db,
    )
    await rebuildCouncilRollups(database, meta.councilId)
  } finally {
    await database.close()
  }
  const rebuild = (performance.now() - started) / 1000
  say(`Brought forward in ${rebuild.toFixed(1)} s`)
  const steps = { ...meta.steps, [`migrated to ${wanted.schema} and rollups rebuilt`]: rebuild }
  writeFileSync(metaFile, JSON.stringify({ ...meta, recipe, schema: wanted.schema, steps }, null, 2))
}

export async function figuresData() {
  const sizes = figuresSizes()
  const recipe = JSON.stringify({ sizes, seed: SEED, schema: schemaDigest(), lastYear: LAST_YEAR })
  await bringForward('metrics', recipe)
  return cachedData('metrics', recipe, (file) => make(file, sizes))
}
