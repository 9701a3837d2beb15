// `frontdoor token create|list|revoke` as an operator runs them against the file an app serves:
// a revoked token is refused by the API at once, and both changes are in the audit trail.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import type { Database } from '../src/platform/db/database.ts'
import { nowIso } from '../src/platform/db/database.ts'
import { cliSandbox, oneErrorLine } from './support/cli.ts'

describe('frontdoor token', () => {
  const sandbox = cliSandbox('cli-tokens', { SEED_DEMO: 'false' })
  const run = (...args: string[]) => sandbox.run('token', ...args)
  let database: Database
  let app: FastifyInstance

  before(async () => {
    ;({ database, app } = await sandbox.open())
    await database.db
      .insertInto('council')
      .values({ slug: 'ashby', name: 'Ashby District Council', hostnames: '[]', settings: '{}', created_at: nowIso() })
      .execute()
  })
  after(() => sandbox.close())

  const apiStatus = async (token: string) =>
    (await app.inject({ url: '/api/v1/residents', headers: { authorization: `Bearer ${token}` } })).statusCode

  it('lists, then revokes, a token the API stops accepting at once; both changes audited', async () => {
    assert.equal(run('list').stdout, 'Ashby District Council has no API tokens.\n')
    const created = run('create', '--role', 'advisor', '--name', 'contact centre')
    assert.equal(created.status, 0, created.stderr)
    const token = created.stdout.trimEnd().split('\n').at(-1)!
    const id = /^Token (\d+) "contact centre"/.exec(created.stdout)?.[1]
    assert.ok(id, created.stdout)
    assert.equal(await apiStatus(token), 200)

    const listed = run('list')
    assert.equal(listed.status, 0, listed.stderr)
    assert.match(listed.stdout, new RegExp(`^\\s+${id}  advisor\\s+contact centre  \\(created \\S+, live\\)$`, 'm'))
    assert.ok(!listed.stdout.includes(token.slice(3)), 'a listing never shows a token')

    const revoked = run('revoke', '--id', id)
    assert.equal(revoked.status, 0, revoked.stderr)
    assert.match(revoked.stdout, new RegExp(`Revoked token ${id} of Ashby District Council`))
    assert.equal(await apiStatus(token), 401)
    assert.match(run('list').stdout, /contact centre {2}\(created \S+, revoked \S+\)/)
    oneErrorLine(run('revoke', '--id', id), new RegExp(`Ashby District Council has no live token ${id}`))

    const audit = await database.db
      .selectFrom('audit_event')
      .select(['action', 'actor_label', 'subject_id'])
      .where('subject_type', '=', 'api_token')
      .orderBy('id')
      .execute()
    assert.deepEqual(
      audit.map((event) => ({ ...event })),
      [
        { action: 'api_token_created', actor_label: 'cli', subject_id: id },
        { action: 'api_token_revoked', actor_label: 'cli', subject_id: id },
      ],
    )
  })
})
