// npm run bench: first times the importer (bench/imports.ts: a first import and a re-import of
// generated files), then generates (or reuses) 100,000 residents and 1,000,000 contacts and measures
// in one run, with the app and a bare Fastify server each in its own process:
//   a bare route · GET a resident · resident search · POST a contact · the bare route again
// and reports each as a share of the bare route's requests per second, with search latency.
//   BENCH_SECONDS=10 BENCH_CONNECTIONS=10 BENCH_RESIDENTS=… BENCH_CONTACTS=… (see generate.ts)
//   npm run bench -- imports   (only the importer)     npm run bench -- http   (only the HTTP load)
//   npm run bench -- desk      (the advisor's desk pages, bench/desk.ts)
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { availableParallelism, cpus, totalmem } from 'node:os'
import { openDatabase } from '../src/platform/db/database.ts'
import { migrateToLatest } from '../src/platform/db/migrate.ts'
import { createApiToken } from '../src/platform/auth/tokens.ts'
import { seededRandom } from '../src/features/demo/random.ts'
import { generateBenchData, schemaDigest, sizesFromEnv, SEED } from './generate.ts'
import type { BenchSizes, Generated } from './generate.ts'
import { benchFile, benchMetaFile, dataDir, runFile, projectDir } from './paths.ts'
import { startServer } from './servers.ts'
import { load } from './load.ts'
import type { LoadOptions, LoadResult } from './load.ts'
import { residentCount, searchQueries } from './queries.ts'
import { say } from './say.ts'
import { measureImports } from './imports.ts'
import { measureDesk } from './desk.ts'
import { runSelfServiceBench } from './self-service.ts'

const seconds = Number(process.env.BENCH_SECONDS ?? 10)
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10)
const WARM_UP_SECONDS = 3

function sameSizes(a: BenchSizes, b: BenchSizes): boolean {
  return a.residents === b.residents && a.contacts === b.contacts && a.cases === b.cases
}

/** The generated data, made afresh unless a file of the same sizes and seed is already there. */
async function benchData(sizes: BenchSizes): Promise<Generated> {
  if (existsSync(benchFile) && existsSync(benchMetaFile)) {
    const meta = JSON.parse(readFileSync(benchMetaFile, 'utf8')) as Generated
    if (sameSizes(meta.sizes, sizes) && meta.seed === SEED && meta.schema === schemaDigest()) {
      say(`Reusing ${benchFile} (generated in ${meta.seconds.toFixed(1)} s)`)
      return meta
    }
  }
  mkdirSync(dataDir, { recursive: true })
  rmSync(benchMetaFile, { force: true })
  say(
    `Generating ${sizes.residents.toLocaleString('en-GB')} residents and ${sizes.contacts.toLocaleString('en-GB')} contacts…`,
  )
  const generated = await generateBenchData(benchFile, sizes)
  writeFileSync(benchMetaFile, JSON.stringify(generated, null, 2))
  say(`Generated in ${generated.seconds.toFixed(1)} s`)
  return generated
}

/** A fresh copy for this run to write to, and an advisor's API token in it. */
async function prepareRunCopy(councilId: number): Promise<string> {
  for (const suffix of ['', '-wal', '-shm']) rmSync(runFile + suffix, { force: true })
  copyFileSync(benchFile, runFile)
  const database = openDatabase({ engine: 'sqlite', file: runFile })
  try {
    await migrateToLatest(database)
    return (await createApiToken(database, councilId, 'advisor', 'benchmark')).token
  } finally {
    await database.close()
  }
}

/** Peak resident memory of a process, from /proc (Linux), in MiB. */
function peakMemoryMiB(pid: number): number | null {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match ? Number(match[1]) / 1024 : null
  } catch {
    return null
  }
}

async function measure(
  name: string,
  options: Omit<LoadOptions, 'connections' | 'seconds'>,
  clients = connections,
): Promise<LoadResult> {
  await load({ ...options, connections: clients, seconds: WARM_UP_SECONDS })
  const result = await load({ ...options, connections: clients, seconds })
  say(
    `  ${name.padEnd(16)} ${result.requestsPerSecond.toFixed(0).padStart(7)} req/s   p50 ${result.p50.toFixed(1)} ms   p95 ${result.p95.toFixed(1)} ms   p99 ${result.p99.toFixed(1)} ms${result.failures ? `   FAILURES ${result.failures}` : ''}`,
  )
  return result
}

type Results = Record<'bareBefore' | 'getResident' | 'search' | 'searchAlone' | 'postContact' | 'bareAfter', LoadResult>

async function measureAll(
  bareUrl: string,
  appUrl: string,
  token: string,
  residents: number,
  queries: string[],
): Promise<Results> {
  const random = seededRandom(SEED)
  const auth = { authorization: `Bearer ${token}` }
  const bare = { url: bareUrl, next: () => ({ path: '/bare' }) }
  const bareBefore = await measure('bare route', bare)
  const getResident = await measure('GET resident', {
    url: appUrl,
    headers: auth,
    next: () => ({ path: `/api/v1/residents/${random.int(1, residents)}` }),
  })
  const searching = {
    url: appUrl,
    headers: auth,
    next: () => ({ path: `/api/v1/residents?q=${encodeURIComponent(random.pick(queries))}&limit=20` }),
  }
  const search = await measure('resident search', searching)
  // One advisor searching while nobody else is: the latency a person at the desk sees, without
  // the queue that ten simultaneous searches on one Node thread build up.
  const searchAlone = await measure('search, 1 client', searching, 1)
  const postContact = await measure('POST contact', {
    url: appUrl,
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    next: () => ({
      path: '/api/v1/contacts',
      body: JSON.stringify({
        channel: random.pick(['phone', 'phone', 'face_to_face', 'email']),
        resident_id: random.int(1, residents),
        outcome: random.pick(['resolved_first_contact', 'signposted', 'callback_booked']),
        handle_seconds: random.int(60, 900),
        avoidable: random.chance(0.2),
        notes: 'Benchmark contact: asked about a missed bin collection',
      }),
    }),
  })
  const bareAfter = await measure('bare route', bare)
  return { bareBefore, getResident, search, searchAlone, postContact, bareAfter }
}

function report(results: Results, generated: Generated, memoryMiB: number | null): boolean {
  const bare = (results.bareBefore.requestsPerSecond + results.bareAfter.requestsPerSecond) / 2
  const share = (r: LoadResult) => (100 * r.requestsPerSecond) / bare
  const rows = [
    ['GET a resident', share(results.getResident), '≥ 35 %', share(results.getResident) >= 35],
    ['POST a contact', share(results.postContact), '≥ 15 %', share(results.postContact) >= 15],
    ['resident search', share(results.search), '—', true],
  ] as const
  say()
  say(
    `Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
  )
  say(
    `Data: ${Object.entries(generated.rows)
      .map(([t, n]) => `${t} ${n.toLocaleString('en-GB')}`)
      .join(', ')}`,
  )
  say(`Load: ${connections} connections, ${seconds} s per measurement after ${WARM_UP_SECONDS} s warm-up`)
  say(
    `Bare route: ${results.bareBefore.requestsPerSecond.toFixed(0)} req/s before, ${results.bareAfter.requestsPerSecond.toFixed(0)} after; ratios use the mean, ${bare.toFixed(0)}`,
  )
  say()
  say('| Measurement | req/s | share of bare | target | p95 |')
  say('|---|---:|---:|---|---:|')
  for (const [name, pct, target, met] of rows) {
    const result =
      name === 'GET a resident' ? results.getResident : name === 'POST a contact' ? results.postContact : results.search
    say(
      `| ${name} | ${result.requestsPerSecond.toFixed(0)} | ${pct.toFixed(1)} % | ${target}${target === '—' ? '' : met ? ' met' : ' MISSED'} | ${result.p95.toFixed(1)} ms |`,
    )
  }
  for (const [name, result] of [
    [`resident search p95, ${connections} clients`, results.search],
    ['resident search p95, 1 client', results.searchAlone],
  ] as const) {
    say(
      `| ${name} | ${result.requestsPerSecond.toFixed(0)} | | < 25 ms${result.p95 < 25 ? ' met' : ' MISSED'} | ${result.p95.toFixed(1)} ms |`,
    )
  }
  if (memoryMiB !== null) say(`\nApp server peak resident memory: ${memoryMiB.toFixed(0)} MiB`)
  const failures = Object.values(results).reduce((n, r) => n + r.failures, 0)
  if (failures > 0) say(`\n${failures} responses were errors: these figures are not valid`)
  writeFileSync(
    join(dataDir, 'results.json'),
    JSON.stringify(
      { at: new Date().toISOString(), connections, seconds, bare, results, memoryMiB, sizes: generated.sizes },
      null,
      2,
    ),
  )
  return failures === 0
}

async function main(): Promise<void> {
  const part = process.argv[2]
  if (part === 'open-data') return (await import('./open-data.ts')).measureOpenData()
  if (part === 'desk') return measureDesk(await benchData(sizesFromEnv()))
  if (part === 'self-service') return void (process.exitCode = (await runSelfServiceBench()) ? 0 : 1)
  if (part === 'open311') return (await import('./open311.ts')).benchOpen311()
  if (part === 'open311-cpu') return (await import('./open311-cpu.ts')).benchOpen311Cpu()
  if (part === 'metrics') return (await import('./metrics.ts')).benchMetrics()
  if (part === 'dashboard') return (await import('./dashboard.ts')).benchDashboard()
  if (part === 'metrics-writes') return (await import('./metrics-writes-http.ts')).benchMetricsWrites()
  if (part !== 'http') await measureImports()
  if (part === 'imports') return
  const generated = await benchData(sizesFromEnv())
  const token = await prepareRunCopy(generated.councilId)
  const residents = residentCount(runFile)
  const queries = searchQueries(runFile)
  const bare = await startServer(join(projectDir, 'bench/bare-server.ts'), [], 4101, {}, '/bare')
  const app = await startServer(
    join(projectDir, 'src/main.ts'),
    ['serve'],
    4102,
    {
      NODE_ENV: 'production',
      DATABASE_URL: `sqlite:${runFile}`,
      DATA_DIR: dataDir,
      SESSION_SECRET: randomBytes(32).toString('hex'),
      SEED_DEMO: 'false',
      LOG_LEVEL: 'info',
      // Production wants the address people use; the bench calls loopback, which is fine for the API.
      PUBLIC_URL: 'https://contact.example.gov.uk',
    },
    '/health',
  )
  try {
    say(`Measuring (${connections} connections, ${seconds} s each):`)
    const results = await measureAll(bare.url, app.url, token, residents, queries)
    const valid = report(results, generated, peakMemoryMiB(app.pid))
    if (!valid) process.exitCode = 1
  } finally {
    await Promise.all([bare.stop(), app.stop()])
  }
}

await main()
