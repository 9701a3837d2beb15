import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES, testDatabase } from '../../../test/support/databases.ts'
import type { TestDatabase } from '../../../test/support/databases.ts'
import { nowIso } from '../db/database.ts'
import { createApiToken, findTokenHolder, hashToken, revokeApiToken } from './tokens.ts'

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
      assert.equal(await revokeApiToken(database, councilId, id), true)
      assert.equal(await findTokenHolder(database, token), undefined)
      assert.equal(await revokeApiToken(database, councilId, id), false, 'revoking twice changes nothing')
    })

    it('lets a council revoke only its own tokens', async () => {
      const { id, token } = await createApiToken(database, councilId, 'admin', 'ours')
      assert.equal(await revokeApiToken(database, otherCouncilId, id), false)
      assert.notEqual(await findTokenHolder(database, token), undefined)
    })
  })
}
