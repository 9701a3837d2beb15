// npm run bench -- desk: the advisor's desk pages on the generated data (100,000 residents,
// 1,000,000 contacts), with the app in its own process and an advisor signed in by a real staff
// session. One advisor at a time, as a person at the desk works: each page is asked for in turn
// and timed from request to the last byte, on loopback, so the figure is the server's time plus
// well under a millisecond of HTTP. Measured: the search page, the single view of a resident with
// 300 timeline entries, the queue of a team with 5,000 open cases (first page and a later one,
// by due date), and logging a contact through the page (the form, then sending it).
//   BENCH_DESK_ROUNDS=… (requests per measurement, default 300) and the sizes of generate.ts
import { copyFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import { openDatabase } from '../src/platform/db/database.ts'
import { migrateToLatest } from '../src/platform/db/migrate.ts'
import type { Generated } from './generate.ts'
import { SEED } from './generate.ts'
import { seededRandom } from '../src/features/demo/random.ts'
import { benchFile, dataDir, projectDir } from './paths.ts'
import { startServer } from './servers.ts'
import { searchQueries } from './queries.ts'
import { addDeskFixture, QUEUE_CASES } from './desk-data.ts'
import type { DeskFixture } from './desk-data.ts'
import { say } from './say.ts'

const ROUNDS = Number(process.env.BENCH_DESK_ROUNDS ?? 300)
const WARM_UP = 30
const TARGET_MS = 50
const PORT = 4103
const PAGE_SIZE = 20
const deskFile = join(dataDir, 'desk.db')
/** The app runs in production mode, so its cookies carry the __Host- names. */
const SECURE = true

type Timing = { name: string; p50: number; p95: number; max: number; count: number }

function percentile(sorted: number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] ?? Number.NaN
}

/** A browser's worth of HTTP for one advisor: keeps cookies, never follows redirects. */
class Advisor {
  private readonly cookies = new Map<string, string>()
  private readonly base: string
  constructor(base: string, sessionCookie: string) {
    this.base = base
    const [name, value] = sessionCookie.split('=') as [string, string]
    this.cookies.set(name, value)
  }

  async request(
    path: string,
    form?: Record<string, string>,
  ): Promise<{ status: number; body: string; ms: number; location: string | null }> {
    const started = performance.now()
    const response = await fetch(this.base + path, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...this.cookies].map(([n, v]) => `${n}=${v}`).join('; '),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: form ? new URLSearchParams(form).toString() : undefined,
    })
    const body = await response.text()
    const ms = performance.now() - started
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';')
      const at = pair!.indexOf('=')
      this.cookies.set(pair!.slice(0, at), pair!.slice(at + 1))
    }
    return { status: response.status, body, ms, location: response.headers.get('location') }
  }
}

function hidden(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html)
  if (!match) throw new Error(`the page has no hidden ${name}`)
  return match[1]!.replace(/&amp;/g, '&')
}

async function timed(
  name: string,
  step: (round: number) => Promise<{ status: number; ms: number; location?: string | null }>,
  expected: number,
): Promise<Timing> {
  const times: number[] = []
  for (let round = 0; round < WARM_UP + ROUNDS; round++) {
    const { status, ms, location } = await step(round)
    if (status !== expected)
      throw new Error(`${name}: answered ${status}${location ? ` (to ${location})` : ''}, expected ${expected}`)
    if (round >= WARM_UP) times.push(ms)
  }
  times.sort((a, b) => a - b)
  const timing = { name, p50: percentile(times, 0.5), p95: percentile(times, 0.95), max: times.at(-1)!, count: ROUNDS }
  say(`  ${name.padEnd(44)} p50 ${timing.p50.toFixed(1).padStart(5)} ms   p95 ${timing.p95.toFixed(1).padStart(5)} ms`)
  return timing
}

async function measurePages(advisor: Advisor, fixture: DeskFixture, queries: string[]): Promise<Timing[]> {
  const random = seededRandom(SEED)
  const resident = `/staff/residents/${fixture.residentId}`
  const queue = `/staff/queues?view=team&team=${fixture.teamId}`
  const lastPage = Math.ceil(QUEUE_CASES / PAGE_SIZE)
  const results: Timing[] = []
  results.push(
    await timed(
      'search page',
      () => advisor.request(`/staff/search?q=${encodeURIComponent(random.pick(queries))}`),
      200,
    ),
  )
  results.push(await timed('single view, 300 timeline entries', () => advisor.request(resident), 200))
  results.push(await timed('team queue (5,000 open), page 1 by due date', () => advisor.request(queue), 200))
  results.push(
    await timed(
      'team queue, a later page by due date',
      (round) => advisor.request(`${queue}&page=${Math.floor(lastPage / 2) + (round % 10)}`),
      200,
    ),
  )
  let form = ''
  const contactForm = `/staff/contacts/new?resident=${fixture.residentId}&returnTo=${encodeURIComponent(resident)}`
  results.push(
    await timed(
      'log a contact: the form',
      async () => {
        const answer = await advisor.request(contactForm)
        form = answer.body
        return answer
      },
      200,
    ),
  )
  results.push(
    await timed(
      'log a contact: saving it',
      async () => {
        const page = await advisor.request(contactForm)
        return advisor.request('/staff/contacts', {
          _csrf: hidden(page.body, '_csrf'),
          formToken: hidden(page.body, 'formToken'),
          resident: String(fixture.residentId),
          returnTo: resident,
          channel: random.pick(['phone', 'face_to_face', 'email']),
          direction: 'inbound',
          service: String(random.pick(fixture.serviceIds)),
          outcome: random.pick(['resolved_first_contact', 'signposted', 'callback_booked']),
          avoidable: 'no',
          notes: 'Benchmark contact: asked about a missed bin collection',
          handleMinutes: '',
        })
      },
      303,
    ),
  )
  if (!form.includes('formToken')) throw new Error('the contact form did not render')
  return results
}

function report(timings: Timing[], generated: Generated): void {
  say()
  say(
    `Data: ${generated.sizes.residents.toLocaleString('en-GB')} residents, ${generated.sizes.contacts.toLocaleString('en-GB')} contacts; one advisor, ${ROUNDS} requests each after ${WARM_UP} to warm up`,
  )
  say()
  say('| Page | p50 | p95 | target |')
  say('|---|---:|---:|---|')
  for (const t of timings)
    say(
      `| ${t.name} | ${t.p50.toFixed(1)} ms | ${t.p95.toFixed(1)} ms | p95 < ${TARGET_MS} ms${t.p95 < TARGET_MS ? ' met' : ' MISSED'} |`,
    )
}

/** A copy of the generated data with the desk's fixture in it, and the advisor's session. */
async function prepareDeskCopy(councilId: number): Promise<DeskFixture> {
  for (const suffix of ['', '-wal', '-shm']) rmSync(deskFile + suffix, { force: true })
  copyFileSync(benchFile, deskFile)
  const database = openDatabase({ engine: 'sqlite', file: deskFile })
  try {
    await migrateToLatest(database)
    const fixture = await addDeskFixture(database, councilId, SECURE)
    // The generator leaves the planner statistics of its own data, in which every case is the one
    // team's; a database that is looked after has them for the cases it holds now.
    await sql`analyze "case"`.execute(database.db)
    return fixture
  } finally {
    await database.close()
  }
}

export async function measureDesk(generated: Generated): Promise<void> {
  say('Adding the desk benchmark data (a resident with 300 timeline entries, a team with 5,000 open cases)…')
  const fixture = await prepareDeskCopy(generated.councilId)
  const queries = searchQueries(deskFile)
  // A server left over from an interrupted run would answer in place of this one, on other data.
  if (
    await fetch(`http://127.0.0.1:${PORT}/health`).then(
      () => true,
      () => false,
    )
  )
    throw new Error(`something is already listening on port ${PORT}: stop it first`)
  const app = await startServer(
    join(projectDir, 'src/main.ts'),
    ['serve'],
    PORT,
    {
      NODE_ENV: 'production',
      DATABASE_URL: `sqlite:${deskFile}`,
      DATA_DIR: dataDir,
      SESSION_SECRET: randomBytes(32).toString('hex'),
      SEED_DEMO: 'false',
      LOG_LEVEL: 'info',
      PUBLIC_URL: 'https://contact.example.gov.uk',
    },
    '/health',
  )
  try {
    const advisor = new Advisor(app.url, fixture.sessionCookie)
    say('Measuring the desk, one advisor signed in:')
    report(await measurePages(advisor, fixture, queries), generated)
  } finally {
    await app.stop()
  }
}
