// The open-data benchmark: a council's requests file streamed out whole, and its monthly contact
// figures (every figure, by month, channel and service, suppressed), on SQLite.
//   npm run bench -- open-data     BENCH_OPEN_DATA_CASES=300000 BENCH_OPEN_DATA_SERVICES=30 BENCH_OPEN_DATA_YEARS=3
import { Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { Readable } from 'node:stream'
import { testDatabase } from '../test/support/databases.ts'
import { createTestCouncil } from '../test/support/app.ts'
import { addService, addTeam } from '../test/support/fixtures.ts'
import { CHANNELS } from '../src/platform/db/values.ts'
import { rebuildCouncilRollups } from '../src/features/metrics/service.ts'
import { datasetFile } from '../src/features/open-data/service.ts'
import type { DatasetName, Format } from '../src/features/open-data/service.ts'
import type { Database } from '../src/platform/db/database.ts'
import { say } from './say.ts'

const CASES = Number(process.env.BENCH_OPEN_DATA_CASES ?? 300_000)
const SERVICES = Number(process.env.BENCH_OPEN_DATA_SERVICES ?? 30)
const YEARS = Number(process.env.BENCH_OPEN_DATA_YEARS ?? 3)
const DAY_MS = 86_400_000

async function fill(database: Database, councilId: number): Promise<void> {
  const teamId = await addTeam(database, councilId)
  const services: number[] = []
  for (let i = 0; i < SERVICES; i++)
    services.push((await addService(database, councilId, teamId, { open311_code: `service-${i}` })).id)
  const end = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1)
  const start = end - YEARS * 365 * DAY_MS
  const step = (end - start) / CASES
  for (let from = 0; from < CASES; from += 1000) {
    await database.db.transaction().execute(async (trx) => {
      const rows = []
      for (let i = from; i < Math.min(from + 1000, CASES); i++) {
        const at = new Date(start + i * step).toISOString()
        const resolved = i % 3 === 0 ? null : new Date(start + i * step + ((i % 7) + 1) * 3_600_000).toISOString()
        rows.push({
          council_id: councilId,
          reference: `FD-${at.slice(0, 4)}-${String(i).padStart(7, '0')}`,
          service_id: services[(i * 7919) % SERVICES]!,
          status: resolved ? ('resolved' as const) : ('open' as const),
          priority: 'normal' as const,
          channel: CHANNELS[(i * 31) % CHANNELS.length]!,
          created_by: i % 4 === 0 ? ('staff' as const) : ('resident' as const),
          answers: '{}',
          location_address: i % 2 === 0 ? `${i} High Street, Testville AB${i % 9} ${i % 10}XY` : null,
          due_at: new Date(start + i * step + 4 * 3_600_000).toISOString(),
          resolved_at: resolved,
          created_at: at,
          updated_at: resolved ?? at,
        })
      }
      await trx.insertInto('case').values(rows).execute()
    })
  }
  await rebuildCouncilRollups(database, councilId)
}

async function timeFile(database: Database, councilId: number, name: DatasetName, format: Format) {
  let bytes = 0
  const before = process.memoryUsage().rss
  let peak = before
  const started = performance.now()
  const cpu = process.cpuUsage()
  await pipeline(
    Readable.from(datasetFile(database, councilId, name, format)),
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        bytes += chunk.length
        peak = Math.max(peak, process.memoryUsage().rss)
        done()
      },
    }),
  )
  const seconds = (performance.now() - started) / 1000
  const used = process.cpuUsage(cpu)
  return {
    name,
    format,
    seconds,
    cpuSeconds: (used.user + used.system) / 1e6,
    mb: bytes / 1e6,
    rssMb: before / 1e6,
    peakRssMb: peak / 1e6,
  }
}

export async function measureOpenData(): Promise<void> {
  const database = await testDatabase('sqlite')
  try {
    const councilId = await createTestCouncil(database)
    say(`open data: ${CASES} cases over ${YEARS} years, ${SERVICES} services (SQLite)`)
    await fill(database, councilId)
    for (const [name, format] of [
      ['requests', 'csv'],
      ['requests', 'json'],
      ['contact-figures', 'csv'],
    ] as const) {
      const t = await timeFile(database, councilId, name, format)
      say(
        `  ${t.name}.${t.format}: ${t.mb.toFixed(1)} MB in ${t.seconds.toFixed(1)} s ` +
          `(${t.cpuSeconds.toFixed(1)} s CPU), RSS ${t.rssMb.toFixed(0)} MB before, ${t.peakRssMb.toFixed(0)} MB at most`,
      )
    }
  } finally {
    await database.close()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await measureOpenData()
