// npm run bench -- metrics: the figures of a council with ten years of 1,000,000 contacts a year
// (with their calls and cases; the rollups built by the metrics rebuild), measured in one run:
//   metricsFor and metricsFromRecords for the last whole year, in this process (their ratio);
//   contact writes with and without rollup upkeep, in this process (upkeep's share);
//   GET /api/v1/metrics for that year from the app in its own process (target p95 < 200 ms).
//   BENCH_YEARS=… BENCH_CONTACTS_PER_YEAR=… BENCH_RESIDENTS=… to shrink it while developing;
//   BENCH_WRITES (per round, default 2,000), BENCH_WRITE_ROUNDS (5), BENCH_SECONDS, BENCH_CONNECTIONS.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { openDatabase } from '../src/platform/db/database.ts'
import type { Database } from '../src/platform/db/database.ts'
import { createApiToken } from '../src/platform/auth/tokens.ts'
import type { Actor } from '../src/platform/audit/audit.ts'
import { metricsFor, metricsFromRecords } from '../src/features/metrics/service.ts'
import { countFiguresChange } from '../src/features/metrics/closed.ts'
import type { Period } from '../src/features/metrics/service.ts'
import { seededRandom } from '../src/features/demo/random.ts'
import { SEED } from './generate.ts'
import { dataDir } from './paths.ts'
import type { Measured } from './cached.ts'
import { connections, machine, measure, positiveFromEnv, rowsText, runCopy, seconds, startApp } from './cached.ts'
import { figuresData, figuresSizes, LAST_YEAR } from './metrics-data.ts'
import { contactWrites } from './metrics-writes.ts'
import type { WriteVariant, WriteTimes } from './metrics-writes.ts'
import { say } from './say.ts'

const NAME = 'metrics'
const PERIOD: Period = { from: `${LAST_YEAR}-01-01`, to: `${LAST_YEAR + 1}-01-01` }

// CPU time beside wall time: SQLite runs in this process, so a run's CPU time is its own work
// whatever else the shared machine is doing.
type Timing = { p50: number; p95: number; cpuP50: number; cpuP95: number; runs: number }

function percentile(list: number[], share: number): number {
  const sorted = [...list].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] as number
}

async function timed<T>(runs: number, work: () => Promise<T>): Promise<{ timing: Timing; last: T }> {
  const times: number[] = []
  const cpu: number[] = []
  let last: T | undefined
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    const used = process.cpuUsage()
    last = await work()
    times.push(performance.now() - started)
    const { user, system } = process.cpuUsage(used)
    cpu.push((user + system) / 1000)
  }
  const [p50, p95, cpuP50, cpuP95] = [
    percentile(times, 0.5),
    percentile(times, 0.95),
    percentile(cpu, 0.5),
    percentile(cpu, 0.95),
  ]
  return { timing: { p50, p95, cpuP50, cpuP95, runs: times.length }, last: last as T }
}

type Figures = { rollups: Timing; kept: Timing; records: Timing; agree: boolean }

/**
 * The year's figures from the rollups and from the records, in this process, on the same data.
 * From the rollups twice: read again after a change to the year (as the first view after any
 * write to one of its days), and as kept (a closed period viewed again).
 */
async function figuresBothWays(database: Database, councilId: number): Promise<Figures> {
  say(`Figures for ${PERIOD.from} to ${PERIOD.to} (to exclusive), in this process:`)
  const repeats = positiveFromEnv('BENCH_REPEATS', 30)
  const rollups = await timed(repeats, async () => {
    await countFiguresChange(database.db, councilId)
    return metricsFor(database.db, councilId, PERIOD)
  })
  say(
    `  metricsFor (rollups)          p50 ${rollups.timing.p50.toFixed(1)} ms   p95 ${rollups.timing.p95.toFixed(1)} ms`,
  )
  const kept = await timed(repeats, () => metricsFor(database.db, councilId, PERIOD))
  say(`  metricsFor (kept)             p50 ${kept.timing.p50.toFixed(1)} ms   p95 ${kept.timing.p95.toFixed(1)} ms`)
  const records = await timed(positiveFromEnv('BENCH_RECORD_REPEATS', 5), () =>
    metricsFromRecords(database.db, councilId, PERIOD),
  )
  say(
    `  metricsFromRecords (records)  p50 ${records.timing.p50.toFixed(1)} ms   p95 ${records.timing.p95.toFixed(1)} ms`,
  )
  const agree = JSON.stringify(rollups.last) === JSON.stringify(records.last)
  if (!agree) say('  The two DIFFER: the rollups do not hold what the records count')
  return { rollups: rollups.timing, kept: kept.timing, records: records.timing, agree }
}

type Http = { figures: Measured; alone: Measured; afterChange: Timing }

// A year's figures take long enough that ten clients at once would each wait for the nine before
// them, longer than the load generator waits: one client, then two (a few managers at once).
const HTTP_CLIENTS = Math.min(connections, 2)

/**
 * One request at a time, each after a change to the year counted through a second connection (as
 * a write from another process would be): every answer reads the year's rollups again.
 */
async function afterEachChange(file: string, url: string, token: string, councilId: number): Promise<Timing> {
  const database = openDatabase({ engine: 'sqlite', file })
  try {
    const { timing } = await timed(positiveFromEnv('BENCH_REPEATS', 30), async () => {
      await countFiguresChange(database.db, councilId)
      const response = await fetch(`${url}/api/v1/metrics?from=${PERIOD.from}&to=${PERIOD.to}`, {
        headers: { authorization: `Bearer ${token}` },
      })
      if (response.status !== 200) throw new Error(`the metrics API answered ${response.status}`)
      await response.arrayBuffer()
    })
    say(`  after each change, 1 client     p50 ${timing.p50.toFixed(1)} ms   p95 ${timing.p95.toFixed(1)} ms (client)`)
    return timing
  } finally {
    await database.close()
  }
}

async function overHttp(file: string, token: string, councilId: number): Promise<Http> {
  const app = await startApp(file, 4122, NAME)
  try {
    say(`GET /api/v1/metrics for the year (${seconds} s each):`)
    const asked = {
      url: app.url,
      headers: { authorization: `Bearer ${token}` },
      next: () => ({ path: `/api/v1/metrics?from=${PERIOD.from}&to=${PERIOD.to}` }),
    }
    const alone = await measure('GET /api/v1/metrics, 1 client', asked, app, 1)
    const figures = await measure(`… ${HTTP_CLIENTS} clients`, asked, app, HTTP_CLIENTS)
    const afterChange = await afterEachChange(file, app.url, token, councilId)
    return { figures, alone, afterChange }
  } finally {
    await app.stop()
  }
}

function report(
  rows: Record<string, number>,
  figures: Figures,
  writes: Record<WriteVariant, WriteTimes>,
  http: Http,
): boolean {
  const ratio = figures.records.p50 / figures.rollups.p50
  const upkeep = 1 - writes.withoutUpkeep.perSecond / writes.withUpkeep.perSecond
  const cost =
    (writes.withUpkeep.cpuMicroseconds - writes.withoutUpkeep.cpuMicroseconds) / writes.withUpkeep.cpuMicroseconds
  const met = (ok: boolean) => (ok ? 'met' : 'MISSED')
  say()
  say(`Machine: ${machine()}`)
  say(`Data: ${rowsText(rows)}`)
  say()
  say('| Measurement | p50 | p95 | target |')
  say('|---|---:|---:|---|')
  const ms = (n: number) => `${n.toFixed(1)} ms`
  const cpu = (t: Timing) => `CPU p50 ${ms(t.cpuP50)}, p95 ${ms(t.cpuP95)}`
  say(
    `| metricsFor, a year, read again after a change, in process | ${ms(figures.rollups.p50)} | ${ms(figures.rollups.p95)} | ${cpu(figures.rollups)} |`,
  )
  say(
    `| metricsFor, a year, kept, in process | ${ms(figures.kept.p50)} | ${ms(figures.kept.p95)} | ${cpu(figures.kept)} |`,
  )
  say(
    `| metricsFromRecords, the same year, in process | ${ms(figures.records.p50)} | ${ms(figures.records.p95)} | ${cpu(figures.records)} |`,
  )
  for (const [clients, result] of [
    [1, http.alone],
    [HTTP_CLIENTS, http.figures],
  ] as const) {
    const server = result.server
    say(
      `| GET /api/v1/metrics, a year, ${clients} client(s), server | ${ms(server?.p50 ?? NaN)} | ${ms(server?.p95 ?? NaN)} | p95 < 200 ms: ${met((server?.p95 ?? Infinity) < 200)} |`,
    )
    say(`| … client side (${result.requestsPerSecond.toFixed(1)} req/s) | ${ms(result.p50)} | ${ms(result.p95)} | |`)
  }
  const after = http.afterChange
  say(
    `| GET /api/v1/metrics, a year, each after a change to it, client side | ${ms(after.p50)} | ${ms(after.p95)} | p95 < 200 ms: ${met(after.p95 < 200)} |`,
  )
  say()
  say(
    `From records takes ${ratio.toFixed(0)}× as long as from the rollups (p50); the two ${figures.agree ? 'agree' : 'DIFFER'}.`,
  )
  say()
  say('| Contact write | writes/s | wall µs a write | CPU µs a write |')
  say('|---|---:|---:|---:|')
  for (const [name, times] of Object.entries(writes))
    say(
      `| ${name} | ${times.perSecond.toFixed(0)} | ${times.microseconds.toFixed(0)} | ${times.cpuMicroseconds.toFixed(0)} |`,
    )
  say(
    `Upkeep costs ${(100 * cost).toFixed(1)} % of a write's CPU time (target < 10 %: ${met(cost < 0.1)}); by wall clock, throughput without it is ${(-100 * upkeep).toFixed(1)} % higher.`,
  )
  const failures = http.figures.failures + http.alone.failures
  if (failures > 0) say(`\n${failures} responses were errors: these figures are not valid`)
  writeFileSync(
    join(dataDir, `${NAME}-results.json`),
    JSON.stringify({ at: new Date().toISOString(), machine: machine(), rows, figures, ratio, writes, http }, null, 2),
  )
  return failures === 0 && figures.agree
}

export async function benchMetrics(): Promise<void> {
  const { file, generated } = await figuresData()
  const copy = await runCopy(file, NAME)
  const database = openDatabase({ engine: 'sqlite', file: copy })
  let token: string
  let figures: Figures
  let writes: Record<WriteVariant, WriteTimes>
  try {
    const issued = await createApiToken(database, generated.councilId, 'manager', 'benchmark')
    token = issued.token
    figures = await figuresBothWays(database, generated.councilId)
    const actor: Actor = { kind: 'token', id: issued.id, label: 'benchmark', councilId: generated.councilId }
    writes = await contactWrites(database, actor, figuresSizes().residents, seededRandom(SEED))
  } finally {
    await database.close()
  }
  const http = await overHttp(copy, token, generated.councilId)
  if (!report(generated.rows, figures, writes, http)) process.exitCode = 1
}

if (import.meta.main) await benchMetrics()
