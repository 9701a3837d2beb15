// The telephony commands as an operator runs them, each in a process of its own against the file
// an app serves: `telephony secret` prints a secret the platform can sign with (and the one before
// stops working), `import calls` names a bad row by its line, `metrics rebuild` puts back figures
// the rollups lost, and `staff disable` will not lock the council out of its own administration.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { nowIso } from '../src/platform/db/database.ts'
import type { Database } from '../src/platform/db/database.ts'
import { createApiToken } from '../src/platform/auth/tokens.ts'
import { signatureFor } from '../src/features/telephony/signature.ts'
import { countFiguresChange } from '../src/features/metrics/service.ts'
import { addStaff } from './support/accounts.ts'
import { cliSandbox, oneErrorLine } from './support/cli.ts'

const CALLS = [
  'external_id,queue,offered_at,answered_at,ended_at,agent_email,caller_number',
  'k-1,main,2025-03-03T09:00:00Z,2025-03-03T09:00:40Z,2025-03-03T09:04:00Z,,01632 960001',
  'k-2,main,2025-03-03T09:10:00Z,not a time,,,',
  'k-3,main,2025-03-03T09:20:00Z,,2025-03-03T09:22:00Z,,',
].join('\n')

describe('frontdoor telephony, import calls, metrics rebuild and staff disable', () => {
  const sandbox = cliSandbox('cli-telephony', { SEED_DEMO: 'false', SESSION_SECRET: 'x'.repeat(32) })
  let database: Database
  let app: FastifyInstance
  let councilId: number
  let manager: string

  const signedQueueWait = (secret: string) => {
    const url = '/api/v1/telephony/queues/main'
    const timestamp = String(Math.floor(Date.now() / 1000))
    return app.inject({
      method: 'GET',
      url,
      headers: {
        host: 'localhost',
        'x-frontdoor-timestamp': timestamp,
        'x-frontdoor-signature': signatureFor(secret, timestamp, url),
      },
    })
  }
  const callFigures = async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/metrics?from=2025-03-01&to=2025-04-01',
      headers: { authorization: `Bearer ${manager}` },
    })
    assert.equal(response.statusCode, 200, response.body)
    const { calls_offered, average_speed_of_answer_seconds, abandonment_rate, service_level } = response.json()
      .groups[0] as Record<string, number | null>
    return { calls_offered, average_speed_of_answer_seconds, abandonment_rate, service_level }
  }

  before(async () => {
    ;({ database, app } = await sandbox.open())
    const row = await database.db
      .insertInto('council')
      .values({
        slug: 'cli',
        name: 'CLI District Council',
        hostnames: JSON.stringify(['localhost']),
        settings: '{}',
        created_at: nowIso(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    councilId = row.id
    manager = (await createApiToken(database, councilId, 'manager', 'figures')).token
  })
  after(() => sandbox.close())

  it('prints a new telephony secret on its last line that signs requests, and the one before stops working', async () => {
    const first = sandbox.run('telephony', 'secret', '--council', 'cli')
    assert.equal(first.status, 0, first.stderr)
    const firstSecret = first.stdout.trimEnd().split('\n').at(-1)!
    assert.match(firstSecret, /^fdtel_\S+$/)
    assert.equal((await signedQueueWait(firstSecret)).statusCode, 200)
    const second = sandbox.run('telephony', 'secret')
    assert.equal(second.status, 0, second.stderr)
    const secondSecret = second.stdout.trimEnd().split('\n').at(-1)!
    assert.notEqual(secondSecret, firstSecret)
    assert.equal((await signedQueueWait(firstSecret)).statusCode, 401)
    assert.equal((await signedQueueWait(secondSecret)).statusCode, 200)
    oneErrorLine(sandbox.run('telephony', 'rotate'), /usage: frontdoor telephony secret/)
  })

  it('imports a calls file, naming the bad row by its line and never printing a caller’s number', async () => {
    const file = join(tmpdir(), `frontdoor-calls-${process.pid}.csv`)
    writeFileSync(file, CALLS + '\n')
    const run = sandbox.run('import', 'calls', file)
    assert.equal(run.status, 1, run.stderr)
    assert.match(run.stdout, / {2}inserted {2}2\n {2}updated {3}0\n {2}rejected {2}1\n/)
    assert.match(run.stdout, /^line 3: answered_at /m)
    assert.doesNotMatch(run.stdout + run.stderr, /01632|960001/)
    const stored = await database.db.selectFrom('call').select(['external_id', 'caller_number_hash']).execute()
    assert.deepEqual(stored.map((call) => call.external_id).sort(), ['k-1', 'k-3'])
    assert.ok(stored.every((call) => !String(call.caller_number_hash).includes('960001')))
    const again = sandbox.run('import', 'calls', file)
    rmSync(file)
    assert.match(again.stdout, / {2}inserted {2}0\n {2}updated {3}2\n/)
    // k-1 answered in 40 s (within 60 s); k-3 abandoned.
    assert.deepEqual(await callFigures(), {
      calls_offered: 2,
      average_speed_of_answer_seconds: 40,
      abandonment_rate: 0.5,
      service_level: 0.5,
    })
  })

  it('rebuilds rollups the figures lost, giving the same figures as before', async () => {
    const before = await callFigures()
    await database.db.deleteFrom('call_rollup').execute()
    // Rollups changed behind the app's back in SQL must count a change, or a closed period's kept figures stand.
    await countFiguresChange(database.db, councilId)
    assert.equal((await callFigures()).calls_offered, 0)
    const run = sandbox.run('metrics', 'rebuild', '--council', 'cli')
    assert.equal(run.status, 0, run.stderr)
    assert.match(run.stdout, /Rollups of CLI District Council rebuilt from .*2 calls/)
    assert.deepEqual(await callFigures(), before)
  })

  it('refuses to disable the last active administrator, with one line and exit code 2, and disables one of two', async () => {
    const only = await addStaff(database, councilId, ['admin'], { email: 'only.admin@council.example' })
    oneErrorLine(
      sandbox.run('staff', 'disable', '--email', 'only.admin@council.example'),
      /only\.admin@council\.example: This is the council’s last active administrator/,
    )
    const still = await database.db
      .selectFrom('staff_user')
      .select('active')
      .where('id', '=', only.id)
      .executeTakeFirst()
    assert.equal(still?.active, 1)
    await addStaff(database, councilId, ['admin'], { email: 'second.admin@council.example' })
    const run = sandbox.run('staff', 'disable', '--email', 'only.admin@council.example')
    assert.equal(run.status, 0, run.stderr)
    assert.match(run.stdout, /^Disabled only\.admin@council\.example/)
    oneErrorLine(
      sandbox.run('staff', 'disable', '--email', 'second.admin@council.example'),
      /last active administrator/,
    )
  })

  it('names the agent emails that match no member of staff, with their lines, and imports those calls without one', async () => {
    await addStaff(database, councilId, ['advisor'], { email: 'known.agent@council.example' })
    const file = join(tmpdir(), `frontdoor-agents-${process.pid}.csv`)
    const row = (id: string, agent: string) =>
      `${id},main,2025-03-04T09:00:00Z,2025-03-04T09:00:20Z,2025-03-04T09:03:00Z,${agent},01632 960009`
    writeFileSync(
      file,
      [
        CALLS.split('\n')[0],
        row('g-1', 'known.agent@council.example'),
        row('g-2', 'ghost@nowhere.example'),
        row('g-3', 'Ghost@Nowhere.example'),
        row('g-4', 'typo@council.example'),
        row('g-5', 'ghost@nowhere.example'),
      ].join('\n') + '\n',
    )
    const run = sandbox.run('import', 'calls', file)
    rmSync(file)
    assert.equal(run.status, 0, run.stderr)
    assert.match(run.stdout, / {2}inserted {2}5\n/)
    assert.match(
      run.stdout,
      /^3 calls name an agent who is not a member of staff: ghost@nowhere\.example \(lines 3, 4, 6\); imported without an agent$/m,
    )
    assert.match(run.stdout, /^1 call names an agent who is not a member of staff: typo@council\.example \(line 5\)/m)
    assert.doesNotMatch(run.stdout + run.stderr, /known\.agent|01632|960009/)
    const agents = await database.db
      .selectFrom('call')
      .select(['external_id', 'agent_staff_id'])
      .where('external_id', 'like', 'g-%')
      .orderBy('external_id')
      .execute()
    assert.deepEqual(
      agents.map((call) => call.agent_staff_id === null),
      [false, true, true, true, true],
    )
  })
})
