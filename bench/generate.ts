// The benchmark's data: one district council with 100,000 residents, 1,000,000 contacts over ten
// years, ~50,000 cases, a team and the demo catalogue's services, in a fresh SQLite file.
//   node bench/generate.ts                    (BENCH_RESIDENTS=10000 BENCH_CONTACTS=100000 for a quick one)
// The schema comes from the app's own migrations; the rows go in through node:sqlite prepared
// statements in one transaction, with indexes and the search triggers set aside and rebuilt after,
// which is several times faster than keeping them up to date row by row.
import { readFileSync, readdirSync, rmSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { DatabaseSync } from 'node:sqlite'
import { openDatabase } from '../src/platform/db/database.ts'
import { migrateToLatest } from '../src/platform/db/migrate.ts'
import { searchTextFor } from '../src/features/residents/search-text.ts'
import { seededRandom } from '../src/features/demo/random.ts'
import { DEMO_SERVICES, storedForm } from '../src/features/demo/catalogue-data.ts'
import { bulkInserter, withoutIndexes } from './bulk.ts'
import { generateResidents } from './people.ts'
import type { BenchResident } from './people.ts'
import { CASE_COLUMNS, CONTACT_COLUMNS, writeHistory } from './history.ts'
import { say } from './say.ts'

export type BenchSizes = { residents: number; contacts: number; cases: number }

export type Generated = {
  sizes: BenchSizes
  seed: number
  /** Digest of the migrations that made the schema: data made by other migrations is not reused. */
  schema: string
  councilId: number
  seconds: number
  /** Rows per table actually written. */
  rows: Record<string, number>
  /** Seconds each step took, in order. */
  steps: Record<string, number>
}

export const DEFAULT_SIZES: BenchSizes = { residents: 100_000, contacts: 1_000_000, cases: 50_000 }
export const SEED = 20_260_401
const CREATED_AT = '2015-01-01T00:00:00.000Z'
const FROM = new Date('2015-01-01T00:00:00Z')
const TO = new Date('2025-12-31T23:59:59Z')

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]
  if (raw === undefined || raw.trim() === '') return fallback
  const value = Number(raw.replace(/_/g, ''))
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number above 0, not "${raw}"`)
  return value
}

/** Sizes from BENCH_RESIDENTS, BENCH_CONTACTS and BENCH_CASES; cases default to one per 20 contacts. */
export function sizesFromEnv(env: NodeJS.ProcessEnv = process.env): BenchSizes {
  const residents = positiveInteger(env, 'BENCH_RESIDENTS', DEFAULT_SIZES.residents)
  const contacts = positiveInteger(env, 'BENCH_CONTACTS', DEFAULT_SIZES.contacts)
  const cases = positiveInteger(env, 'BENCH_CASES', Math.max(1, Math.round(contacts / 20)))
  if (cases > contacts) throw new Error('BENCH_CASES cannot exceed BENCH_CONTACTS: each case is raised by a contact')
  return { residents, contacts, cases }
}

export type Catalogue = {
  councilId: number
  teamId: number
  services: { id: number; demand: number; targetHours: number }[]
}

/** The council, its team and services, through Kysely: a few rows, written as the app would. */
async function writeCatalogue(file: string): Promise<Catalogue> {
  const database = openDatabase({ engine: 'sqlite', file })
  try {
    await migrateToLatest(database)
    const db = database.db
    const council = await db
      .insertInto('council')
      .values({
        slug: 'bench',
        name: 'Benchmark District Council',
        hostnames: JSON.stringify(['127.0.0.1', 'localhost']),
        settings: '{}',
        created_at: CREATED_AT,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const team = await db
      .insertInto('team')
      .values({ council_id: council.id, name: 'Customer Services', email: null, created_at: CREATED_AT })
      .returning('id')
      .executeTakeFirstOrThrow()
    const services = []
    for (const service of DEMO_SERVICES) {
      const row = await db
        .insertInto('service')
        .values({
          council_id: council.id,
          name: service.name,
          slug: service.slug,
          description: service.description,
          lgsl_code: service.lgsl,
          open311_code: service.code,
          open311_group: service.group,
          team_id: team.id,
          partner_org_id: null,
          target_hours: service.targetHours,
          online_available: service.online ? 1 : 0,
          offline_route: service.offlineRoute,
          keywords: service.keywords.join(' '),
          form: JSON.stringify(storedForm(service)),
          active: 1,
          created_at: CREATED_AT,
          updated_at: CREATED_AT,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      services.push({ id: row.id, demand: service.demand, targetHours: service.targetHours })
    }
    return { councilId: council.id, teamId: team.id, services }
  } finally {
    await database.close()
  }
}

function writeResidents(
  sqlite: DatabaseSync,
  councilId: number,
  residents: readonly BenchResident[],
): Record<string, number> {
  const people = bulkInserter(sqlite, 'resident', [
    'id',
    'council_id',
    'given_name',
    'family_name',
    'date_of_birth',
    'preferred_channel',
    'language',
    'digital_status',
    'search_text',
    'created_at',
    'updated_at',
  ])
  const addresses = bulkInserter(sqlite, 'resident_address', [
    'council_id',
    'resident_id',
    'address_line_1',
    'town',
    'postcode',
    'uprn',
    'is_primary',
    'created_at',
  ])
  const details = bulkInserter(sqlite, 'resident_contact_detail', [
    'council_id',
    'resident_id',
    'kind',
    'value',
    'is_primary',
    'created_at',
  ])
  residents.forEach((r, index) => {
    const id = index + 1
    const searchText = searchTextFor({
      given_name: r.givenName,
      family_name: r.familyName,
      postcodes: [r.home.postcode],
      phones: [r.mobile, r.landline],
      emails: [r.email],
    })
    people.add([
      id,
      councilId,
      r.givenName,
      r.familyName,
      r.dateOfBirth,
      r.preferredChannel,
      r.language,
      r.digitalStatus,
      searchText,
      CREATED_AT,
      CREATED_AT,
    ])
    addresses.add([councilId, id, r.home.line1, r.home.town, r.home.postcode, r.home.uprn, 1, CREATED_AT])
    if (r.email) details.add([councilId, id, 'email', r.email, 1, CREATED_AT])
    if (r.mobile) details.add([councilId, id, 'phone', r.mobile, 1, CREATED_AT])
    if (r.landline) details.add([councilId, id, 'phone', r.landline, r.mobile ? 0 : 1, CREATED_AT])
  })
  for (const inserter of [people, addresses, details]) inserter.finish()
  return { resident: people.count, resident_address: addresses.count, resident_contact_detail: details.count }
}

const migrationsDir = new URL('../src/platform/db/migrations/', import.meta.url)

/** A digest of every migration's source, so a changed index or column makes the data afresh. */
export function schemaDigest(): string {
  const hash = createHash('sha256')
  for (const name of readdirSync(migrationsDir).sort())
    hash.update(name).update(readFileSync(new URL(name, migrationsDir)))
  return hash.digest('hex').slice(0, 16)
}

export type GenerateOptions = {
  /** The contacts' time span; by default 2015 to the end of 2025. */
  span?: { from: Date; to: Date }
  /** More rows written in the same transaction once contacts and cases are in (their indexes rebuilt): rows per table. */
  extra?: (sqlite: DatabaseSync, catalogue: Catalogue) => Record<string, number>
}

/** Writes a fresh benchmark database to `file`, replacing any there. */
export async function generateBenchData(
  file: string,
  sizes: BenchSizes,
  seed = SEED,
  options: GenerateOptions = {},
): Promise<Generated> {
  const span = options.span ?? { from: FROM, to: TO }
  const started = performance.now()
  const steps: Record<string, number> = {}
  let lap = started
  const step = (name: string) => {
    const now = performance.now()
    steps[name] = (now - lap) / 1000
    lap = now
  }
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true })
  const catalogue = await writeCatalogue(file)
  step('schema and catalogue')
  const random = seededRandom(seed)
  const residents = generateResidents(sizes.residents, random, span.to.getUTCFullYear())
  step('residents planned')

  // Foreign keys are checked once at the end instead of on every row.
  const sqlite = new DatabaseSync(file, { enableForeignKeyConstraints: false })
  const rows: Record<string, number> = {}
  try {
    // A throwaway file: no rollback journal and no fsync while loading; WAL again before the app opens it.
    sqlite.exec(
      'pragma journal_mode = off; pragma synchronous = off; pragma cache_size = -262144; pragma temp_store = memory',
    )
    sqlite.exec('begin')
    withoutIndexes(
      sqlite,
      ['resident', 'resident_address', 'resident_contact_detail'],
      () => {
        Object.assign(rows, writeResidents(sqlite, catalogue.councilId, residents))
        step('residents written')
      },
      { triggers: true },
    )
    step('resident indexes')
    sqlite.exec(`insert into resident_search(resident_search) values ('rebuild')`)
    step('search index')
    withoutIndexes(sqlite, ['contact', 'case'], () => {
      const contacts = bulkInserter(sqlite, 'contact', CONTACT_COLUMNS)
      const cases = bulkInserter(sqlite, 'case', CASE_COLUMNS)
      const { perYear } = writeHistory({ ...catalogue, ...sizes, ...span }, random, contacts, cases)
      contacts.finish()
      cases.finish()
      const counter = sqlite.prepare(
        'insert into case_reference_counter (council_id, year, last_number) values (?, ?, ?)',
      )
      for (const [year, last] of perYear) counter.run(catalogue.councilId, year, last)
      rows.contact = contacts.count
      rows.case = cases.count
      step('contacts and cases written')
    })
    step('contact and case indexes')
    if (options.extra) {
      Object.assign(rows, options.extra(sqlite, catalogue))
      step('more rows')
    }
    sqlite.exec('commit')
    const broken = sqlite.prepare('pragma foreign_key_check').all()
    if (broken.length > 0)
      throw new Error(`generated data breaks ${broken.length} foreign keys, e.g. ${JSON.stringify(broken[0])}`)
    step('foreign keys checked')
    sqlite.exec('analyze')
    sqlite.exec('pragma journal_mode = wal')
    step('analysed')
  } finally {
    sqlite.close()
  }
  return {
    sizes,
    seed,
    schema: schemaDigest(),
    councilId: catalogue.councilId,
    seconds: (performance.now() - started) / 1000,
    rows,
    steps,
  }
}

if (import.meta.main) {
  const { benchFile } = await import('./paths.ts')
  const sizes = sizesFromEnv()
  say(
    `Generating ${sizes.residents.toLocaleString('en-GB')} residents, ${sizes.contacts.toLocaleString('en-GB')} contacts and ${sizes.cases.toLocaleString('en-GB')} cases into ${benchFile}…`,
  )
  const generated = await generateBenchData(benchFile, sizes)
  say(
    `Done in ${generated.seconds.toFixed(1)} s: ${Object.entries(generated.rows)
      .map(([table, n]) => `${table} ${n.toLocaleString('en-GB')}`)
      .join(', ')}`,
  )
  say(
    `Steps: ${Object.entries(generated.steps)
      .map(([name, s]) => `${name} ${s.toFixed(1)} s`)
      .join(', ')}`,
  )
}
