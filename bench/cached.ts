// Helpers the Open311 and figures benchmarks share: generated data kept between runs while its
// recipe is unchanged, the app in its own process logging to a file, and each measurement's
// server-side times read back from that log (the time the app spent, without the queue on the
// load generator's side of a busy two-core machine).
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readFileSync, readSync, rmSync } from 'node:fs'
import { statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os'
import { openDatabase } from '../src/platform/db/database.ts'
import { migrateToLatest } from '../src/platform/db/migrate.ts'
import type { Generated } from './generate.ts'
import { dataDir, projectDir } from './paths.ts'
import { startServer } from './servers.ts'
import type { RunningServer } from './servers.ts'
import { load } from './load.ts'
import type { LoadOptions, LoadResult } from './load.ts'
import { say } from './say.ts'

export const seconds = Number(process.env.BENCH_SECONDS ?? 10)
export const connections = Number(process.env.BENCH_CONNECTIONS ?? 10)
const WARM_UP_SECONDS = 3

export type Cached = Generated & { recipe: string; madeAt: string }

/**
 * The file `name`.db in bench/.data made by `make`, reused while its recipe (sizes, seed, span,
 * schema) is the same: a large data set takes minutes to make.
 */
export async function cachedData(
  name: string,
  recipe: string,
  make: (file: string) => Promise<Generated>,
  maxAgeDays = Infinity,
): Promise<{ file: string; generated: Cached }> {
  const file = join(dataDir, `${name}.db`)
  const metaFile = join(dataDir, `${name}.json`)
  if (existsSync(file) && existsSync(metaFile)) {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as Cached
    const ageDays = (Date.now() - Date.parse(meta.madeAt)) / 86_400_000
    if (meta.recipe === recipe && ageDays <= maxAgeDays) {
      say(`Reusing ${file} (generated in ${meta.seconds.toFixed(1)} s)`)
      return { file, generated: meta }
    }
  }
  mkdirSync(dataDir, { recursive: true })
  rmSync(metaFile, { force: true })
  const madeAt = new Date().toISOString()
  const generated = { ...(await make(file)), recipe, madeAt }
  writeFileSync(metaFile, JSON.stringify(generated, null, 2))
  say(`Generated in ${generated.seconds.toFixed(1)} s: ${rowsText(generated.rows)}`)
  return { file, generated }
}

export function rowsText(rows: Record<string, number>): string {
  return Object.entries(rows)
    .map(([table, n]) => `${table} ${n.toLocaleString('en-GB')}`)
    .join(', ')
}

/** A fresh, migrated copy of `file` for one run to use, so the kept data is never written to. */
export async function runCopy(file: string, name: string): Promise<string> {
  const copy = join(dataDir, `${name}-run.db`)
  for (const suffix of ['', '-wal', '-shm']) rmSync(copy + suffix, { force: true })
  copyFileSync(file, copy)
  const database = openDatabase({ engine: 'sqlite', file: copy })
  try {
    await migrateToLatest(database)
  } finally {
    await database.close()
  }
  return copy
}

export type AppServer = RunningServer & { logFile: string }

/** `frontdoor serve` on `file` in production mode, its request log kept for server times. */
/** The app serving a copy of bench data; `nodeArgs` go to Node before the app's script. */
export async function startApp(
  file: string,
  port: number,
  name: string,
  nodeArgs: readonly string[] = [],
): Promise<AppServer> {
  const logFile = join(dataDir, `${name}-app.log`)
  const server = await startServer(
    join(projectDir, 'src/main.ts'),
    ['serve'],
    port,
    {
      NODE_ENV: 'production',
      DATABASE_URL: `sqlite:${file}`,
      DATA_DIR: dataDir,
      SESSION_SECRET: randomBytes(32).toString('hex'),
      SEED_DEMO: 'false',
      LOG_LEVEL: 'info',
      PUBLIC_URL: 'https://contact.example.gov.uk',
    },
    '/health',
    logFile,
    nodeArgs,
  )
  return { ...server, logFile }
}

export const startBare = (port: number) => startServer(join(projectDir, 'bench/bare-server.ts'), [], port, {}, '/bare')

/** A time in milliseconds to a tenth, or to a hundredth under one: the log gives hundredths. */
export const milliseconds = (ms: number): string => ms.toFixed(ms < 1 ? 2 : 1)

export type Measured = LoadResult & { server?: { p50: number; p95: number; count: number } }

function percentile(sorted: readonly number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] ?? Number.NaN
}

/** The response times the app logged between two byte offsets of its log. */
function serverTimes(logFile: string, from: number, to: number): number[] {
  const length = to - from
  if (length <= 0) return []
  const buffer = Buffer.alloc(length)
  const fd = openSync(logFile, 'r')
  try {
    readSync(fd, buffer, 0, length, from)
  } finally {
    closeSync(fd)
  }
  const times: number[] = []
  for (const line of buffer.toString('utf8').split('\n')) {
    const match = /"responseTime":([\d.]+)/.exec(line)
    if (match && !line.includes('"/health"')) times.push(Number(match[1]))
  }
  return times.sort((a, b) => a - b)
}

const logSize = (file: string) => (existsSync(file) ? statSync(file).size : 0)

/** A warm-up, then a measured run; with the app's log, its own time for each request too. */
export async function measure(
  name: string,
  options: Omit<LoadOptions, 'connections' | 'seconds'>,
  app?: AppServer,
  clients = connections,
): Promise<Measured> {
  await load({ ...options, connections: clients, seconds: WARM_UP_SECONDS })
  // The log is written a moment after each answer: a short pause keeps the warm-up's lines out.
  await new Promise((resolve) => setTimeout(resolve, 300))
  const start = app ? logSize(app.logFile) : 0
  const result: Measured = await load({ ...options, connections: clients, seconds })
  if (app) {
    await new Promise((resolve) => setTimeout(resolve, 300))
    const times = serverTimes(app.logFile, start, logSize(app.logFile))
    result.server = { p50: percentile(times, 0.5), p95: percentile(times, 0.95), count: times.length }
  }
  const server = result.server
    ? `   server p50 ${milliseconds(result.server.p50)} ms p95 ${milliseconds(result.server.p95)} ms`
    : ''
  say(
    `  ${name.padEnd(30)} ${result.requestsPerSecond.toFixed(0).padStart(7)} req/s   p50 ${result.p50.toFixed(1)} ms   p95 ${result.p95.toFixed(1)} ms${server}${result.failures ? `   FAILURES ${result.failures}` : ''}`,
  )
  return result
}

export function machine(): string {
  const [one, five] = loadavg()
  return `${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; load average ${one?.toFixed(1)} (1 min), ${five?.toFixed(1)} (5 min)`
}

export function positiveFromEnv(name: string, fallback: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw.trim() === '') return fallback
  const value = Number(raw.replace(/_/g, ''))
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number above 0, not "${raw}"`)
  return value
}
