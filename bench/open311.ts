// npm run bench -- open311: the public Open311 reads of a council raising 1,000,000 cases a year,
// with the app and a bare Fastify route each in its own process, measured in one run:
//   the bare route and services.json in rounds, back to back · services.json with
//   `Accept-Encoding: gzip`, for comparison · requests.json over the default 90 days, by
//   service_code, by status and by both · requests.json with one client
// services.json is reported as a share of the bare route's requests per second (target ≥ 50 %):
// the median of the rounds' shares, each round measuring both one straight after the other (in
// turn first), because on this shared machine the bare route alone moved by half between the
// start of a run and its end. requests.json is reported by its p95, client-side and as the app
// logged it (target < 50 ms).
//   BENCH_CASES_PER_YEAR=… BENCH_RESIDENTS=… BENCH_SECONDS=… BENCH_CONNECTIONS=… BENCH_SHARE_ROUNDS=…
import { DatabaseSync } from 'node:sqlite'
import { join } from 'node:path'
import { writeFileSync } from 'node:fs'
import { seededRandom } from '../src/features/demo/random.ts'
import { generateBenchData, schemaDigest, SEED } from './generate.ts'
import { withoutIndexes } from './bulk.ts'
import type { BenchSizes } from './generate.ts'
import { dataDir } from './paths.ts'
import type { AppServer, Measured } from './cached.ts'
import { cachedData, connections, machine, measure, positiveFromEnv, rowsText, runCopy, seconds } from './cached.ts'
import { milliseconds, startApp, startBare } from './cached.ts'
import { say } from './say.ts'

const NAME = 'open311'
const YEAR_MS = 365 * 24 * 3_600_000
const WINDOW_MS = 90 * 24 * 3_600_000

function sizes(): BenchSizes {
  const cases = positiveFromEnv('BENCH_CASES_PER_YEAR', 1_000_000)
  // Most contacts that raise nothing are not cases; a quarter more contacts than cases keeps the year's mix.
  return { residents: positiveFromEnv('BENCH_RESIDENTS', 100_000), contacts: Math.round(cases * 1.25), cases }
}

// Where the cases are: six in ten of a known resident's are about their home (its UPRN and
// address, which the answer must coarsen to a postcode sector), the rest at a point in the street.
const LOCATIONS = [
  `update "case" set location_uprn = a.uprn, location_address = a.address_line_1 || ', ' || a.town || ' ' || a.postcode
   from resident_address a where a.resident_id = "case".resident_id and a.is_primary = 1 and "case".id % 10 < 6`,
  `update "case" set location_address = (("case".id % 180) + 1) || ' High Street',
   latitude = 51.45 + ("case".id % 997) / 10000.0, longitude = -0.2 + ("case".id % 991) / 10000.0
   where location_address is null`,
]

function locate(sqlite: DatabaseSync): Record<string, number> {
  let located = 0
  withoutIndexes(sqlite, ['case'], () => {
    for (const update of LOCATIONS) located += Number(sqlite.prepare(update).run().changes)
  })
  return { 'case located': located }
}

/** A year of cases up to the moment it is made: the default 90 days then hold a quarter of them. */
export async function cachedAppData() {
  const wanted = sizes()
  const recipe = JSON.stringify({
    wanted,
    seed: SEED,
    schema: schemaDigest(),
    span: 'the year to when it was made',
    locations: LOCATIONS,
  })
  return cachedData(
    NAME,
    recipe,
    (file) => {
      say(`Generating a year of ${wanted.cases.toLocaleString('en-GB')} cases for Open311…`)
      const to = new Date()
      return generateBenchData(file, wanted, SEED, {
        span: { from: new Date(to.getTime() - YEAR_MS), to },
        extra: locate,
      })
    },
    // Kept for a week: the default 90 days still hold 83 days or more of it.
    7,
  )
}

type Catalogue = { codes: string[]; casesInWindow: number }

function catalogueOf(file: string): Catalogue {
  const sqlite = new DatabaseSync(file, { readOnly: true })
  try {
    const codes = sqlite.prepare('select open311_code from service where active = 1 order by id').all()
    const since = new Date(Date.now() - WINDOW_MS).toISOString()
    const inWindow = sqlite.prepare('select count(*) as n from "case" where created_at >= ?').get(since) as {
      n: number
    }
    return { codes: codes.map((row) => String(row.open311_code)), casesInWindow: Number(inWindow.n) }
  } finally {
    sqlite.close()
  }
}

type Results = Record<'servicesGzip' | 'requests' | 'byService' | 'byStatus' | 'byBoth' | 'requestsAlone', Measured> & {
  rounds: ShareRound[]
}

/** services.json and the bare route measured back to back, and the first's share of the second. */
type ShareRound = { bare: Measured; services: Measured; share: number }

type Load = Parameters<typeof measure>[1]

async function shareRounds(bare: Load, services: Load, app: AppServer): Promise<ShareRound[]> {
  const bareRoute = () => measure('bare route', bare)
  const servicesJson = () => measure('services.json', services, app)
  const rounds: ShareRound[] = []
  for (let i = 0; i < positiveFromEnv('BENCH_SHARE_ROUNDS', 3); i++) {
    // Measured in the order written: in turn, the bare route first, then services.json first.
    const round =
      i % 2 === 0
        ? { bare: await bareRoute(), services: await servicesJson() }
        : { services: await servicesJson(), bare: await bareRoute() }
    rounds.push({ ...round, share: (100 * round.services.requestsPerSecond) / round.bare.requestsPerSecond })
  }
  return rounds
}

/** The round whose share is the median (the lower middle of an even number). */
function medianRound(rounds: readonly ShareRound[]): ShareRound {
  return [...rounds].sort((a, b) => a.share - b.share)[Math.floor((rounds.length - 1) / 2)] as ShareRound
}

async function measureAll(bareUrl: string, app: Awaited<ReturnType<typeof startApp>>, codes: string[]) {
  const random = seededRandom(SEED)
  const bare = { url: bareUrl, next: () => ({ path: '/bare' }) }
  const requests = (query: () => string) => ({
    url: app.url,
    next: () => ({ path: `/open311/v2/requests.json${query()}` }),
  })
  const code = () => encodeURIComponent(random.pick(codes))
  const status = () => random.pick(['open', 'closed'])
  const services = { url: app.url, next: () => ({ path: '/open311/v2/services.json' }) }
  const results: Partial<Results> = {}
  results.rounds = await shareRounds(bare, services, app)
  // What an Open311 client (any HTTP library) sends: reported beside the target's measurement, not instead of it.
  results.servicesGzip = await measure(
    'services.json, gzip',
    { url: app.url, headers: { 'accept-encoding': 'gzip' }, next: () => ({ path: '/open311/v2/services.json' }) },
    app,
  )
  results.requests = await measure(
    'requests.json, 90 days',
    requests(() => ''),
    app,
  )
  results.byService = await measure(
    'requests.json?service_code',
    requests(() => `?service_code=${code()}`),
    app,
  )
  results.byStatus = await measure(
    'requests.json?status',
    requests(() => `?status=${status()}`),
    app,
  )
  results.byBoth = await measure(
    'requests.json, code and status',
    requests(() => `?service_code=${code()}&status=${status()}`),
    app,
  )
  results.requestsAlone = await measure(
    'requests.json, 1 client',
    requests(() => ''),
    app,
    1,
  )
  return results as Results
}

function report(results: Results, rows: Record<string, number>, catalogue: Catalogue): boolean {
  const middle = medianRound(results.rounds)
  const bare = middle.bare.requestsPerSecond
  const share = middle.share
  say()
  say(`Machine: ${machine()}`)
  say(
    `Data: ${rowsText(rows)}; ${catalogue.codes.length} services; ${catalogue.casesInWindow.toLocaleString('en-GB')} cases in the last 90 days`,
  )
  say(`Load: ${connections} connections, ${seconds} s per measurement after a 3 s warm-up`)
  const each = results.rounds.map(
    (r) =>
      `${r.services.requestsPerSecond.toFixed(0)} of ${r.bare.requestsPerSecond.toFixed(0)} (${r.share.toFixed(1)} %)`,
  )
  say(`services.json against the bare route, req/s, round by round: ${each.join('; ')}`)
  say(`Shares below are of the bare route of the median round (${bare.toFixed(0)} req/s)`)
  say()
  say('| Measurement | req/s | share of bare | p50 / p95 (client) | p50 / p95 (server) | target |')
  say('|---|---:|---:|---:|---:|---|')
  const row = (name: string, r: Measured, target: string) =>
    say(
      `| ${name} | ${r.requestsPerSecond.toFixed(0)} | ${((100 * r.requestsPerSecond) / bare).toFixed(1)} % | ${r.p50.toFixed(1)} / ${r.p95.toFixed(1)} ms | ${r.server ? `${milliseconds(r.server.p50)} / ${milliseconds(r.server.p95)} ms` : ''} | ${target} |`,
    )
  row('services.json', middle.services, `≥ 50 % of bare: ${share >= 50 ? 'met' : 'MISSED'}`)
  row('… `Accept-Encoding: gzip`, as clients send it', results.servicesGzip, 'for comparison')
  const p95Target = (r: Measured) => `p95 < 50 ms: ${(r.server?.p95 ?? Infinity) < 50 ? 'met' : 'MISSED'} (server)`
  row('requests.json, last 90 days', results.requests, p95Target(results.requests))
  row('… with service_code', results.byService, p95Target(results.byService))
  row('… with status', results.byStatus, p95Target(results.byStatus))
  row('… with service_code and status', results.byBoth, p95Target(results.byBoth))
  row(
    'requests.json, 1 client',
    results.requestsAlone,
    `p95 < 50 ms: ${results.requestsAlone.p95 < 50 ? 'met' : 'MISSED'} (client)`,
  )
  const measured = [
    ...Object.entries(results).flatMap(([name, r]) => (name === 'rounds' ? [] : [r as Measured])),
    ...results.rounds.flatMap((r) => [r.bare, r.services]),
  ]
  const failures = measured.reduce((n, r) => n + r.failures, 0)
  if (failures > 0) say(`\n${failures} responses were errors: these figures are not valid`)
  writeFileSync(
    join(dataDir, `${NAME}-results.json`),
    JSON.stringify(
      { at: new Date().toISOString(), machine: machine(), connections, seconds, bare, results, rows },
      null,
      2,
    ),
  )
  return failures === 0
}

export async function benchOpen311(): Promise<void> {
  const { file, generated } = await cachedAppData()
  const copy = await runCopy(file, NAME)
  const catalogue = catalogueOf(copy)
  const bare = await startBare(4111)
  const app = await startApp(copy, 4112, NAME)
  try {
    say(`Measuring Open311 (${connections} connections, ${seconds} s each):`)
    const results = await measureAll(bare.url, app, catalogue.codes)
    if (!report(results, generated.rows, catalogue)) process.exitCode = 1
  } finally {
    await Promise.all([bare.stop(), app.stop()])
  }
}

if (import.meta.main) await benchOpen311()
