// npm run bench -- metrics-writes: what rollup upkeep costs the contact write a council's systems
// make, POST /api/v1/contacts, on the figures benchmark's council. Two servers on one copy of the
// data: the app as it is, and the app with the contacts feature's upkeep taken out by a module hook
// (bench/no-upkeep). Rounds alternate between them; each counts the server process's own CPU time
// over a fixed number of writes (a shared machine moves requests per second far more), and checks
// that the rollups grew by exactly the writes with upkeep and not at all without.
//   BENCH_WRITES (per round, default 4,000), BENCH_WRITE_ROUNDS (default 9), BENCH_CONNECTIONS (10).
import { join } from 'node:path'
import autocannon from 'autocannon'
import type { Request } from 'autocannon'
import { openDatabase } from '../src/platform/db/database.ts'
import type { Database } from '../src/platform/db/database.ts'
import { createApiToken } from '../src/platform/auth/tokens.ts'
import { seededRandom } from '../src/features/demo/random.ts'
import { connections, machine, positiveFromEnv, runCopy, startApp } from './cached.ts'
import type { AppServer } from './cached.ts'
import { figuresData, figuresSizes } from './metrics-data.ts'
import { projectDir } from './paths.ts'
import { SEED } from './generate.ts'
import { say } from './say.ts'
import { contactInput, median } from './metrics-writes.ts'
import { cpuMicros } from './process-cpu.ts'

type Writes = { url: string; token: string; body: () => string }

// Timed to the last answer: autocannon reports a fixed number of requests only at its next
// one-second tick, so its own end rounded a round of 4,000 quick writes up to a whole second.
async function write(writes: Writes, amount: number): Promise<{ failures: number; perSecond: number }> {
  const started = performance.now()
  let last = started
  let instance: autocannon.Instance | undefined
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: writes.url,
        connections,
        amount,
        headers: { authorization: `Bearer ${writes.token}`, 'content-type': 'application/json' },
        requests: [
          { method: 'POST', path: '/api/v1/contacts', setupRequest: (r: Request) => ({ ...r, body: writes.body() }) },
        ],
      },
      (error, result) => (error ? reject(error as Error) : resolve(result)),
    )
  })
  instance?.on('response', () => {
    last = performance.now()
  })
  const result = await done
  return { failures: result.non2xx + result.errors + result.timeouts, perSecond: amount / ((last - started) / 1000) }
}

/** Contacts counted in the daily rollup: what a write with upkeep adds to. */
async function rolledUp(database: Database, councilId: number): Promise<number> {
  const row = await database.db
    .selectFrom('metric_rollup')
    .select((eb) => eb.fn.sum<number>('contacts').as('contacts'))
    .where('council_id', '=', councilId)
    .executeTakeFirstOrThrow()
  return Number(row.contacts)
}

type Round = { cpuMicroseconds: number; perSecond: number }

async function round(server: AppServer, writes: Writes, amount: number): Promise<Round> {
  const before = cpuMicros(server.pid)
  const { failures, perSecond } = await write({ ...writes, url: server.url }, amount)
  if (failures > 0) throw new Error(`${failures} of ${amount} contact writes failed`)
  return { cpuMicroseconds: (cpuMicros(server.pid) - before) / amount, perSecond }
}

export async function benchMetricsWrites(): Promise<void> {
  const amount = positiveFromEnv('BENCH_WRITES', 4000)
  const rounds = positiveFromEnv('BENCH_WRITE_ROUNDS', 9)
  const { file, generated } = await figuresData()
  const copy = await runCopy(file, 'metrics-writes')
  const councilId = generated.councilId
  const database = openDatabase({ engine: 'sqlite', file: copy })
  const random = seededRandom(SEED)
  const residents = figuresSizes().residents
  try {
    const { token } = await createApiToken(database, councilId, 'advisor', 'benchmark writes')
    const services = (await database.db.selectFrom('service').select('id').execute()).map((row) => row.id)
    const body = () => JSON.stringify(contactInput(random, residents, services))
    const servers = {
      withUpkeep: await startApp(copy, 4131, 'metrics-writes'),
      withoutUpkeep: await startApp(copy, 4132, 'metrics-writes-without', [
        '--import',
        join(projectDir, 'bench/no-upkeep/register.ts'),
      ]),
    }
    const writes: Writes = { url: '', token, body }
    const times: Record<keyof typeof servers, Round[]> = { withUpkeep: [], withoutUpkeep: [] }
    try {
      say(
        `POST /api/v1/contacts: ${rounds} rounds of ${amount.toLocaleString('en-GB')} each way, ${connections} clients`,
      )
      for (const server of Object.values(servers)) await round(server, writes, Math.max(200, amount / 5))
      for (let r = 0; r < rounds; r++) {
        const order =
          r % 2 === 0 ? (['withUpkeep', 'withoutUpkeep'] as const) : (['withoutUpkeep', 'withUpkeep'] as const)
        for (const name of order) {
          const counted = await rolledUp(database, councilId)
          times[name].push(await round(servers[name], writes, amount))
          const added = (await rolledUp(database, councilId)) - counted
          const expected = name === 'withUpkeep' ? amount : 0
          if (added !== expected) throw new Error(`${name}: the rollups grew by ${added}, not ${expected}`)
        }
      }
    } finally {
      await Promise.all(Object.values(servers).map((server) => server.stop()))
    }
    report(times)
  } finally {
    await database.close()
  }
}

function report(times: Record<'withUpkeep' | 'withoutUpkeep', Round[]>): void {
  const cpu = (name: keyof typeof times) => median(times[name].map((t) => t.cpuMicroseconds))
  const rate = (name: keyof typeof times) => median(times[name].map((t) => t.perSecond))
  say()
  say(`Machine: ${machine()}`)
  say('| POST /api/v1/contacts | writes/s (median) | server CPU µs a write (median) | each round |')
  say('|---|---:|---:|---|')
  for (const name of ['withUpkeep', 'withoutUpkeep'] as const)
    say(
      `| ${name} | ${rate(name).toFixed(0)} | ${cpu(name).toFixed(0)} | ${times[name].map((t) => t.cpuMicroseconds.toFixed(0)).join(', ')} |`,
    )
  const share = (cpu('withUpkeep') - cpu('withoutUpkeep')) / cpu('withUpkeep')
  say(
    `Upkeep costs ${(100 * share).toFixed(1)} % of the write's server CPU time (target < 10 %: ${share < 0.1 ? 'met' : 'MISSED'}).`,
  )
}

if (import.meta.main) await benchMetricsWrites()
