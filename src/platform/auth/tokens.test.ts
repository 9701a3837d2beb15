import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES, testDatabase } from '../../../test/support/databases.ts'
import type { TestDatabase } from '../../../test/support/databases.ts'
import { nowIso } from '../db/database.ts'
import type { Actor } from '../audit/audit.ts'
import { createApiToken, findTokenHolder, hashToken, issueApiToken, listApiTokens, revokeApiToken } from './tokens.ts'

const CLI: Omit<Actor, 'councilId'> = { kind: 'system', id: null, label: 'cli' }

for (const engine of ENGINES) {
  describe(`API tokens (${engine})`, () => {
    let database: TestDatabase
    let councilId: number
    let otherCouncilId: number

    before(async () => {
      database = await testDatabase(engine)
      const council = (slug: string) =>
        database.db
          .insertInto('council')
          .values({ slug, name: slug, hostnames: '[]', settings: '{}', created_at: nowIso() })
          .returning('id')
          .executeTakeFirstOrThrow()
      councilId = (await council('one')).id
      otherCouncilId = (await council('two')).id
    })
    after(() => database.close())

    it('finds the holder of a new token: its council, role and name', async () => {
      const { id, token } = await createApiToken(database, councilId, 'advisor', 'contact centre')
      assert.match(token, /^fd_[\w-]{43}$/)
      assert.deepEqual(await findTokenHolder(database, token), {
        tokenId: id,
        councilId,
        role: 'advisor',
        name: 'contact centre',
        channel: null,
      })
    })

    it('stores only the hash of the token', async () => {
      const { id, token } = await createApiToken(database, councilId, 'manager', 'dashboards')
      const row = await database.db.selectFrom('api_token').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
      assert.equal(row.token_hash, hashToken(token))
      for (const value of Object.values(row))
        assert.ok(!String(value).includes(token.slice(3)), 'the token itself must not be stored')
    })

    it('gives every token a different value', async () => {
      const a = await createApiToken(database, councilId, 'admin', 'a')
      const b = await createApiToken(database, councilId, 'admin', 'b')
      assert.notEqual(a.token, b.token)
    })

    it('does not find unknown, altered or unprefixed tokens', async () => {
      const { token } = await createApiToken(database, councilId, 'dpo', 'privacy')
      assert.equal(await findTokenHolder(database, token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A')), undefined)
      assert.equal(await findTokenHolder(database, token.slice(3)), undefined)
      assert.equal(await findTokenHolder(database, hashToken(token)), undefined)
      assert.equal(await findTokenHolder(database, ''), undefined)
    })

    it('stops finding a token once it is revoked', async () => {
      const { id, token } = await createApiToken(database, councilId, 'caseworker', 'queue')
      assert.equal(await revokeApiToken(database, CLI, councilId, id), true)
      assert.equal(await findTokenHolder(database, token), undefined)
      assert.equal(await revokeApiToken(database, CLI, councilId, id), false, 'revoking twice changes nothing')
    })

    it('lets a council revoke only its own tokens', async () => {
      const { id, token } = await createApiToken(database, councilId, 'admin', 'ours')
      assert.equal(await revokeApiToken(database, CLI, otherCouncilId, id), false)
      assert.notEqual(await findTokenHolder(database, token), undefined)
    })

    it('audits a token issued and a token revoked, in the council that holds it, naming no token value', async () => {
      const { id, token } = await issueApiToken(database, CLI, {
        councilId: otherCouncilId,
        role: 'advisor',
        name: 'desk',
      })
      assert.equal((await findTokenHolder(database, token))?.name, 'desk')
      assert.equal(await revokeApiToken(database, CLI, otherCouncilId, id), true)
      assert.equal(await revokeApiToken(database, CLI, otherCouncilId, id), false)
      const events = await database.db
        .selectFrom('audit_event')
        .select(['action', 'council_id', 'actor_label', 'subject_type', 'subject_id', 'detail'])
        .where('subject_type', '=', 'api_token')
        .where('subject_id', '=', String(id))
        .orderBy('id')
        .execute()
      assert.deepEqual(
        events.map((event) => ({ ...event })),
        [
          {
            action: 'api_token_created',
            council_id: otherCouncilId,
            actor_label: 'cli',
            subject_type: 'api_token',
            subject_id: String(id),
            detail: JSON.stringify({ name: 'desk', role: 'advisor' }),
          },
          {
            action: 'api_token_revoked',
            council_id: otherCouncilId,
            actor_label: 'cli',
            subject_type: 'api_token',
            subject_id: String(id),
            detail: null,
          },
        ],
        'one event each, the second revoke changing nothing',
      )
      assert.ok(!events.some((event) => String(event.detail).includes(token.slice(3))))
    })

    it("lists a council's own tokens, oldest first, revoked ones marked, and none of another council's", async () => {
      const third = await database.db
        .insertInto('council')
        .values({ slug: 'three', name: 'three', hostnames: '[]', settings: '{}', created_at: nowIso() })
        .returning('id')
        .executeTakeFirstOrThrow()
      const kiosk = await issueApiToken(database, CLI, { councilId: third.id, role: 'advisor', name: 'kiosk' })
      await issueApiToken(database, CLI, { councilId: third.id, role: 'manager', name: 'reports' })
      await revokeApiToken(database, CLI, third.id, kiosk.id)
      const listed = await listApiTokens(database, third.id)
      assert.deepEqual(
        listed.map((t) => [t.name, t.role, t.revokedAt === null ? 'live' : 'revoked']),
        [
          ['kiosk', 'advisor', 'revoked'],
          ['reports', 'manager', 'live'],
        ],
      )
      assert.ok(!(await listApiTokens(database, councilId)).some((t) => ['kiosk', 'reports'].includes(t.name)))
    })
  })
}
