// A site that has no council yet (a fresh production database) says what to run, on every page
// that needs one, instead of failing.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../app.ts'
import { loadConfig } from '../../config.ts'
import { nowIso } from '../db/database.ts'
import { ENGINES, testDatabase } from '../../../test/support/databases.ts'
import type { TestDatabase } from '../../../test/support/databases.ts'

for (const engine of ENGINES) {
  describe(`pages before any council exists (${engine})`, () => {
    let database: TestDatabase
    let app: FastifyInstance
    before(async () => {
      database = await testDatabase(engine)
      app = await buildApp({ config: loadConfig({ NODE_ENV: 'test', SESSION_SECRET: 'x'.repeat(32) }), database })
    })
    after(async () => {
      await app.close()
      await database.close()
    })

    it('answers 503 naming the commands that set a council up, on the home page and every sign-in page', async () => {
      for (const url of ['/', '/staff/sign-in', '/account/sign-in', '/account/create']) {
        const response = await app.inject({ url, headers: { accept: 'text/html' } })
        assert.equal(response.statusCode, 503, url)
        assert.match(response.body, /frontdoor council create/, url)
      }
    })

    it('with two councils, tells a host neither answers to that no council answers there, not that none is set up', async () => {
      for (const [slug, host] of [
        ['ashby', 'contact.ashby.example'],
        ['vale', 'contact.vale.example'],
      ] as const)
        await database.db
          .insertInto('council')
          .values({ slug, name: slug, hostnames: JSON.stringify([host]), settings: '{}', created_at: nowIso() })
          .execute()
      const response = await app.inject({ url: '/', headers: { accept: 'text/html', host: 'elsewhere.example' } })
      assert.equal(response.statusCode, 421, 'Misdirected Request: this server has no site at that host')
      assert.match(response.body, /No council answers at this address/)
      assert.doesNotMatch(response.body, /No council has been set up/)
      const known = await app.inject({ url: '/', headers: { accept: 'text/html', host: 'contact.vale.example' } })
      assert.equal(known.statusCode, 200)
    })
  })
}
