// npm run bench -- dashboard: the manager's dashboard page for a whole year on the figures
// benchmark's council (bench/metrics-data.ts: ten years of 1,000,000 contacts a year with their
// calls and cases, the rollups rebuilt), measured in this process on SQLite, one request at a time:
//   the page over HTTP (app.inject: guard, session, figures, ten charts drawn, the page rendered),
//   as viewed again (a closed year's figures kept), as first viewed after a change to that year (its
//   figures read again from the rollups, the years before it kept) and after a change to every year
//   (a merge: every figure read again; the charts, kept by their data, are not drawn again);
//   its dearest parts, read again each time.
//   Target: the page's p95 under 200 ms. BENCH_YEARS, BENCH_CONTACTS_PER_YEAR, BENCH_RESIDENTS
//   shrink the data while developing; BENCH_REPEATS (default 30) sets the number of timed runs.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { openDatabase } from '../src/platform/db/database.ts'
import type { Database } from '../src/platform/db/database.ts'
import { loadConfig } from '../src/config.ts'
import { buildApp } from '../src/app.ts'
import { createSession } from '../src/platform/auth/sessions.ts'
import { sessionCookieName } from '../src/platform/auth/session-cookie.ts'
import { createStaffAccount } from '../src/features/staff-sign-in/service.ts'
import { dashboardFor } from '../src/features/dashboards/service.ts'
import { contactsByChannel, metricsFor } from '../src/features/metrics/service.ts'
import { countFiguresChange } from '../src/features/metrics/closed.ts'
import { dataDir } from './paths.ts'
import { machine, positiveFromEnv, rowsText, runCopy } from './cached.ts'
import { figuresData, LAST_YEAR } from './metrics-data.ts'
import { say } from './say.ts'

const NAME = 'dashboard'
const YEAR = { from: `${LAST_YEAR}-01-01`, to: `${LAST_YEAR}-12-31` }
const NEXT_YEAR = `${LAST_YEAR + 1}-01-01`

// CPU time beside wall time: SQLite runs in this process, so a run's CPU time is its own work
// whatever else the shared machine is doing, where wall time waits for the other engineers' tests.
type Timing = { p50: number; p95: number; cpuP50: number; cpuP95: number; runs: number }

const percentile = (list: number[], share: number): number => {
  const sorted = [...list].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] as number
}

/** Times `work`; `before`, untimed, runs ahead of each run. */
async function timed(runs: number, work: () => Promise<unknown>, before?: () => Promise<unknown>): Promise<Timing> {
  await work()
  const times: number[] = []
  const cpu: number[] = []
  for (let i = 0; i < runs; i++) {
    await before?.()
    const started = performance.now()
    const used = process.cpuUsage()
    await work()
    times.push(performance.now() - started)
    const { user, system } = process.cpuUsage(used)
    cpu.push((user + system) / 1000)
  }
  const at = (share: number) => ({ wall: percentile(times, share), cpu: percentile(cpu, share) })
  return { p50: at(0.5).wall, p95: at(0.95).wall, cpuP50: at(0.5).cpu, cpuP95: at(0.95).cpu, runs: times.length }
}

async function managerCookie(database: Database, councilId: number): Promise<string> {
  const actor = { kind: 'system' as const, id: null, label: 'bench', councilId }
  const made = await createStaffAccount(database, actor, {
    councilId,
    name: 'Benchmark Manager',
    email: `manager-${Date.now()}@bench.example`,
    roles: ['manager'],
  })
  if (!made.ok) throw new Error('the benchmark manager could not be made')
  await database.db.updateTable('staff_user').set({ must_change_password: 0 }).where('id', '=', made.id).execute()
  const { token } = await createSession(database.db, {
    councilId,
    subjectKind: 'staff',
    subjectId: made.id,
    data: { stage: 'signed_in' },
  })
  return `${sessionCookieName({ secure: true })}=${token}`
}

export async function benchDashboard(): Promise<void> {
  const { file, generated } = await figuresData()
  const copy = await runCopy(file, NAME)
  const database = openDatabase({ engine: 'sqlite', file: copy })
  const runs = positiveFromEnv('BENCH_REPEATS', 30)
  const councilId = generated.councilId
  try {
    const cookie = await managerCookie(database, councilId)
    const config = loadConfig({
      NODE_ENV: 'production',
      PUBLIC_URL: 'https://localhost',
      SESSION_SECRET: 'b'.repeat(64),
      LOG_LEVEL: 'silent',
    })
    const app = await buildApp({ config, database })
    const url = `/staff/dashboard?from=${YEAR.from}&to=${YEAR.to}`
    try {
      const first = await app.inject({ url, headers: { host: 'localhost', cookie, accept: 'text/html' } })
      if (first.statusCode !== 200) throw new Error(`${url} answered ${first.statusCode}: ${first.body.slice(0, 200)}`)
      say(`The dashboard for ${YEAR.from} to ${YEAR.to}: ${(first.body.length / 1024).toFixed(0)} KiB of HTML`)
      const view = async () => {
        const response = await app.inject({ url, headers: { host: 'localhost', cookie, accept: 'text/html' } })
        if (response.statusCode !== 200) throw new Error(`${url} answered ${response.statusCode}`)
      }
      // As a write to a day of the year would: that year's kept figures are read again, the other
      // years' stay kept. A merge (or a rebuild) changes every year: all are read again.
      const changed = () => countFiguresChange(database.db, councilId, [String(LAST_YEAR)])
      const changedAll = () => countFiguresChange(database.db, councilId)
      const page = await timed(runs, view)
      const firstView = await timed(runs, view, changed)
      const firstViewAll = await timed(runs, view, changedAll)
      const whole = await timed(runs, () => dashboardFor(database.db, councilId, YEAR), changed)
      // The parts that cost most: each headline period's figures (three a page), and eleven years by channel.
      const period = { from: YEAR.from, to: NEXT_YEAR }
      const figures = await timed(runs, () => metricsFor(database.db, councilId, period), changed)
      const years = await timed(
        runs,
        () => contactsByChannel(database.db, councilId, { from: `${LAST_YEAR - 10}-01-01`, to: NEXT_YEAR }, 'year'),
        changed,
      )
      report(generated.rows, { page, firstView, firstViewAll, whole, figures, years })
    } finally {
      await app.close()
    }
  } finally {
    await database.close()
  }
}

type Timings = { page: Timing; firstView: Timing; firstViewAll: Timing; whole: Timing; figures: Timing; years: Timing }

function report(rows: Record<string, number>, t: Timings): void {
  const ms = (n: number) => `${n.toFixed(1)} ms`
  const row = (name: string, x: Timing, target = '') =>
    say(`| ${name} | ${ms(x.p50)} | ${ms(x.p95)} | ${ms(x.cpuP50)} | ${ms(x.cpuP95)} | ${target} |`)
  say()
  say(`Machine: ${machine()}`)
  say(`Data: ${rowsText(rows)}`)
  say()
  say(
    `| Measurement (SQLite, in process, one at a time, ${t.page.runs} runs) | p50 | p95 | CPU p50 | CPU p95 | target |`,
  )
  say('|---|---:|---:|---:|---:|---|')
  const met = (x: Timing) => `p95 < 200 ms: ${x.p95 < 200 ? 'met' : 'MISSED'}`
  row('GET /staff/dashboard, a closed year, viewed again', t.page, met(t.page))
  row('… first view after a change to the year', t.firstView, met(t.firstView))
  row('… first view after a change to every year (a merge)', t.firstViewAll, met(t.firstViewAll))
  row('dashboardFor after a change: figures, chart data, charts', t.whole)
  row('… metricsFor after a change, one period (three a page)', t.figures)
  row('… contactsByChannel after a change, eleven years by year', t.years)
  writeFileSync(
    join(dataDir, `${NAME}-results.json`),
    JSON.stringify({ at: new Date().toISOString(), machine: machine(), rows, ...t }, null, 2),
  )
}

if (import.meta.main) await benchDashboard()
