// The import benchmark: generated residents, contacts and cases files imported through the app's own
// importer, each twice (the first run inserts; the re-run of the unchanged file finds every row
// already there), on SQLite and, when PG_URL is set, PostgreSQL.
//   node bench/imports.ts            BENCH_IMPORT_ROWS=200000 residents (contacts as many, cases a quarter)
//                                    BENCH_IMPORT_KINDS=residents (or residents,contacts)
// Run on its own or as the first part of `npm run bench`.
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs'
import { once } from 'node:events'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Engine } from '../src/config.ts'
import { testDatabase } from '../test/support/databases.ts'
import { createTestCouncil } from '../test/support/app.ts'
import { CHANNELS, CONTACT_OUTCOMES } from '../src/platform/db/values.ts'
import { importCsv } from '../src/features/imports/service.ts'
import type { ImportKind } from '../src/features/imports/service.ts'
import { addTeamAndService } from '../src/features/imports/test-fixtures.ts'
import { say } from './say.ts'

/** `cpuSeconds` is this process's CPU time: on a shared machine it moves less than the clock. */
export type ImportTiming = {
  engine: string
  kind: ImportKind
  run: 'first' | 're-run'
  rows: number
  seconds: number
  cpuSeconds: number
}

const RESIDENT_HEADER =
  'external_id,given_name,family_name,date_of_birth,email,phone,address_line_1,town,postcode,preferred_channel,language'
const CONTACT_HEADER =
  'external_id,resident_external_id,channel,direction,started_at,handle_seconds,service_code,outcome'
const CASE_HEADER = 'external_id,resident_external_id,service_code,channel,created_by,created_at,status,resolved_at'

async function writeLines(path: string, header: string, count: number, line: (i: number) => string): Promise<void> {
  const file = createWriteStream(path)
  file.write(header + '\n')
  for (let i = 0; i < count; i++) if (!file.write(line(i) + '\n')) await once(file, 'drain')
  file.end()
  await once(file, 'finish')
}

function residentLine(i: number): string {
  const born = `19${String(40 + (i % 60)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}`
  const phone = `07700 9${String(i % 100_000).padStart(5, '0')}`
  return `resident-${i},Given${i},Family${i % 5000},${born},person${i}@example.org,${phone},${i} High Street,Exampleton,AB${i % 90} ${i % 10}CD,email,English`
}

function contactLine(residents: number) {
  return (i: number) => {
    const started = new Date(Date.UTC(2015, 0, 1) + i * 60_000).toISOString()
    const channel = CHANNELS[i % CHANNELS.length]
    const outcome = CONTACT_OUTCOMES[i % CONTACT_OUTCOMES.length]
    return `contact-${i},resident-${i % residents},${channel},inbound,${started},${i % 600},missed-bin,${outcome}`
  }
}

function caseLine(residents: number) {
  return (i: number) => {
    const created = new Date(Date.UTC(2016, 0, 1) + i * 3_600_000)
    const resolved = new Date(created.getTime() + 86_400_000).toISOString()
    return `case-${i},resident-${i % residents},missed-bin,phone,staff,${created.toISOString()},resolved,${resolved}`
  }
}

/** BENCH_IMPORT_KINDS=residents measures only that file (contacts and cases need the residents first). */
type MeasuredKind = Exclude<ImportKind, 'calls' | 'addresses'>

function kinds(): MeasuredKind[] {
  const wanted = (process.env.BENCH_IMPORT_KINDS ?? 'residents,contacts,cases').split(',')
  return (['residents', 'contacts', 'cases'] as const).filter((kind) => wanted.includes(kind))
}

async function timeBoth(
  engine: Engine,
  files: Record<MeasuredKind, { path: string; rows: number }>,
): Promise<ImportTiming[]> {
  const database = await testDatabase(engine)
  const timings: ImportTiming[] = []
  try {
    const councilId = await createTestCouncil(database)
    await addTeamAndService(database, councilId)
    for (const kind of kinds()) {
      for (const run of ['first', 're-run'] as const) {
        const cpu = process.cpuUsage()
        const report = await importCsv(database, councilId, kind, files[kind].path)
        const used = process.cpuUsage(cpu)
        if (report.read !== files[kind].rows || report.rejected !== 0)
          throw new Error(`${kind}: expected ${files[kind].rows} rows and no rejections, got ${JSON.stringify(report)}`)
        const timing = {
          engine: database.label,
          kind,
          run,
          rows: report.read,
          seconds: report.elapsedMs / 1000,
          cpuSeconds: (used.user + used.system) / 1e6,
        }
        say(
          `  ${timing.engine.padEnd(8)} ${kind.padEnd(9)} ${run.padEnd(6)} ${timing.rows.toLocaleString('en-GB')} rows in ${timing.seconds.toFixed(1)} s (CPU ${timing.cpuSeconds.toFixed(1)} s)` +
            ` (${Math.round(timing.rows / timing.seconds).toLocaleString('en-GB')} rows/s; inserted ${report.inserted}, updated ${report.updated})`,
        )
        timings.push(timing)
      }
    }
  } finally {
    await database.close()
  }
  return timings
}

export async function measureImports(rows = Number(process.env.BENCH_IMPORT_ROWS ?? 200_000)): Promise<ImportTiming[]> {
  const dir = mkdtempSync(join(tmpdir(), 'frontdoor-bench-imports-'))
  try {
    const cases = Math.max(1, Math.floor(rows / 4))
    const files = {
      residents: { path: join(dir, 'residents.csv'), rows },
      contacts: { path: join(dir, 'contacts.csv'), rows },
      cases: { path: join(dir, 'cases.csv'), rows: cases },
    }
    await writeLines(files.residents.path, RESIDENT_HEADER, rows, residentLine)
    await writeLines(files.contacts.path, CONTACT_HEADER, rows, contactLine(rows))
    await writeLines(files.cases.path, CASE_HEADER, cases, caseLine(rows))
    say(`Imports (${rows.toLocaleString('en-GB')} residents and contacts, ${cases.toLocaleString('en-GB')} cases):`)
    const timings = await timeBoth('sqlite', files)
    if (process.env.PG_URL) timings.push(...(await timeBoth('postgres', files)))
    else say('  PG_URL is not set: PostgreSQL not measured')
    return timings
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (import.meta.main) await measureImports()
