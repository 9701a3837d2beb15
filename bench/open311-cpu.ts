// npm run bench -- open311-cpu: the server's own CPU time per Open311 read, beside the bare
// route's, on the Open311 bench's data. On a shared machine requests per second move with
// everyone else's work; the CPU time a server process spends on a fixed number of answers moves
// far less, so this is what changes are judged by while they are made (`npm run bench -- open311`
// remains the measurement of record).
//   BENCH_REQUESTS=… (per measurement, default 3,000) BENCH_CONNECTIONS=…
import autocannon from 'autocannon'
import type { Request } from 'autocannon'
import { cachedAppData } from './open311.ts'
import { runCopy, startApp, startBare } from './cached.ts'
import type { RunningServer } from './servers.ts'
import { positiveFromEnv } from './cached.ts'
import { say } from './say.ts'
import { cpuMicros } from './process-cpu.ts'

async function fire(url: string, paths: () => string, amount: number, connections: number): Promise<number> {
  const result = await autocannon({
    url,
    connections,
    amount,
    requests: [{ method: 'GET', setupRequest: (request: Request) => ({ ...request, path: paths() }) }],
  })
  return result.non2xx + result.errors + result.timeouts
}

async function cpuPerRequest(server: RunningServer, paths: () => string, amount: number): Promise<string> {
  const connections = positiveFromEnv('BENCH_CONNECTIONS', 10)
  await fire(server.url, paths, Math.max(200, amount / 5), connections)
  const before = cpuMicros(server.pid)
  const failures = await fire(server.url, paths, amount, connections)
  const micros = (cpuMicros(server.pid) - before) / amount
  return `${micros.toFixed(0)} µs${failures ? ` (${failures} FAILED)` : ''}`
}

export async function benchOpen311Cpu(): Promise<void> {
  const amount = positiveFromEnv('BENCH_REQUESTS', 3000)
  const { file } = await cachedAppData()
  const copy = await runCopy(file, 'open311-cpu')
  const bare = await startBare(4121)
  const app = await startApp(copy, 4122, 'open311-cpu')
  try {
    say(`CPU time per request, server process, ${amount} requests each:`)
    say(`  bare route                     ${await cpuPerRequest(bare, () => '/bare', amount)}`)
    say(`  services.json                  ${await cpuPerRequest(app, () => '/open311/v2/services.json', amount)}`)
    say(`  discovery.json                 ${await cpuPerRequest(app, () => '/open311/v2/discovery.json', amount)}`)
    const few = Math.max(50, Math.round(amount / 20))
    say(`  requests.json, 90 days         ${await cpuPerRequest(app, () => '/open311/v2/requests.json', few)}`)
    say(`  requests.xml, 90 days          ${await cpuPerRequest(app, () => '/open311/v2/requests.xml', few)}`)
  } finally {
    await Promise.all([bare.stop(), app.stop()])
  }
}

if (import.meta.main) await benchOpen311Cpu()
