// services.json is kept between requests while the catalogue stands still: a change to the
// catalogue, made anywhere, must show in the very next answer. Open311's reads never ask who is
// calling, so a browser's session is not read for them.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { ENGINES } from '../../../test/support/databases.ts'
import { answerOf, open311App } from '../../../test/open311/support.ts'
import type { Open311App } from '../../../test/open311/support.ts'
import { systemActor } from '../../../test/support/fixtures.ts'
import { addStaff, signedInClient } from '../../../test/support/accounts.ts'
import { buildApp } from '../../app.ts'
import { loadConfig } from '../../config.ts'
import { createService, listActiveServices, updateService } from '../catalogue/service.ts'

type Row = Record<string, unknown>

for (const engine of ENGINES) {
  describe(`Open311 services.json after a catalogue change (${engine})`, () => {
    let t: Open311App

    before(async () => {
      t = await open311App(engine)
    })
    after(() => t.close())

    const names = async () =>
      ((await answerOf(await t.get('/open311/v2/services.json'), 'json')) as Row[]).map((s) => s.service_name).sort()

    it('shows a new service, a renamed one and a withdrawn one at once', async () => {
      const actor = systemActor(t.councilId)
      assert.deepEqual(await names(), ['Book a bulky waste collection', 'Report a pothole'])
      assert.deepEqual(await names(), ['Book a bulky waste collection', 'Report a pothole'])

      const pothole = (await listActiveServices(t.database, t.councilId)).find((s) => s.open311_code === 'pothole')!
      await updateService(t.database, actor, t.councilId, pothole.id, { name: 'Report a pothole or sunken kerb' })
      assert.deepEqual(await names(), ['Book a bulky waste collection', 'Report a pothole or sunken kerb'])

      await createService(t.database, actor, t.councilId, {
        name: 'Report graffiti',
        open311_code: 'graffiti',
        team_id: pothole.team_id!,
        target_hours: 72,
        offline_route: 'Phone 01632 960 003',
      })
      assert.deepEqual(await names(), [
        'Book a bulky waste collection',
        'Report a pothole or sunken kerb',
        'Report graffiti',
      ])

      await updateService(t.database, actor, t.councilId, pothole.id, { active: false })
      assert.deepEqual(await names(), ['Book a bulky waste collection', 'Report graffiti'])
    })

    it('shows a change another connection commits, as from another process, in the next answer', async () => {
      const before = await names()
      const other = t.database.another()
      try {
        await other.db
          .updateTable('service')
          .set({ name: 'Report graffiti or fly-posting', updated_at: new Date().toISOString() })
          .where('council_id', '=', t.councilId)
          .where('open311_code', '=', 'graffiti')
          .execute()
        assert.deepEqual(
          await names(),
          before.map((name) => (name === 'Report graffiti' ? 'Report graffiti or fly-posting' : name)),
        )
      } finally {
        await other.close()
      }
    })

    it(`${engine === 'sqlite' ? 'runs no query' : 'reads the stamp and councils'} for an answer while nothing has changed`, async () => {
      await t.get('/open311/v2/services.json')
      let queries = 0
      const metrics = t.database.onQuery
      t.database.onQuery = (ms, ok) => {
        queries++
        metrics?.(ms, ok)
      }
      try {
        for (let i = 0; i < 3; i++) assert.equal((await t.get('/open311/v2/services.json')).statusCode, 200)
      } finally {
        if (metrics) t.database.onQuery = metrics
      }
      // PostgreSQL has no cheap signal that another process changed them (docs/decisions.md).
      assert.equal(queries, engine === 'sqlite' ? 0 : 6)
    })

    it('sends the list compressed as the client asks, the same list as uncompressed, and changed when the catalogue changes', async () => {
      const asked = (encoding?: string) =>
        t.app.inject({
          method: 'GET',
          url: '/open311/v2/services.json',
          ...(encoding === undefined ? {} : { headers: { 'accept-encoding': encoding } }),
        })
      const plain = await asked()
      assert.equal(plain.headers['content-encoding'], undefined)
      assert.match(String(plain.headers.vary), /accept-encoding/)
      const br = await asked('gzip, deflate, br')
      assert.equal(br.headers['content-encoding'], 'br')
      assert.match(String(br.headers.vary), /accept-encoding/)
      assert.equal(br.headers['x-content-type-options'], 'nosniff')
      assert.equal(brotliDecompressSync(br.rawPayload).toString(), plain.body)
      const gzip = await asked('gzip;q=1, br;q=0.5')
      assert.equal(gzip.headers['content-encoding'], 'gzip')
      assert.equal(gunzipSync(gzip.rawPayload).toString(), plain.body)
      assert.equal((await asked('identity')).body, plain.body)

      const actor = systemActor(t.councilId)
      const graffiti = (await listActiveServices(t.database, t.councilId)).find((s) => s.open311_code === 'graffiti')!
      await updateService(t.database, actor, t.councilId, graffiti.id, { name: 'Report graffiti on a wall' })
      const changed = JSON.parse(brotliDecompressSync((await asked('br')).rawPayload).toString()) as Row[]
      assert.ok(changed.some((service) => service.service_name === 'Report graffiti on a wall'))
      assert.equal(JSON.stringify(changed), (await asked()).body)
    })

    it('tells a client its copy still stands in a bodiless 304, in either format and encoding, until the catalogue changes', async () => {
      const asked = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers })
      const first = await asked('/open311/v2/services.json')
      const tag = String(first.headers.etag)
      assert.match(tag, /^W\/"[\w-]{22}"$/)
      assert.equal(first.headers['cache-control'], 'no-cache')
      const conditions: Record<string, string>[] = [
        { 'if-none-match': tag },
        { 'if-none-match': `"elsewhere", ${tag}`, 'accept-encoding': 'br' },
      ]
      for (const headers of conditions) {
        const again = await asked('/open311/v2/services.json', headers)
        assert.equal(again.statusCode, 304)
        assert.equal(again.rawPayload.length, 0)
        assert.equal(again.headers.etag, tag)
        assert.equal(again.headers['content-encoding'], undefined)
      }
      const xml = await asked('/open311/v2/services.xml', { 'if-none-match': tag })
      assert.equal(xml.statusCode, 200, 'the XML list is another answer with a tag of its own')
      assert.notEqual(xml.headers.etag, tag)
      assert.equal((await asked('/open311/v2/services.json', { 'if-none-match': 'W/"old"' })).statusCode, 200)

      const actor = systemActor(t.councilId)
      const graffiti = (await listActiveServices(t.database, t.councilId)).find((s) => s.open311_code === 'graffiti')!
      await updateService(t.database, actor, t.councilId, graffiti.id, { name: 'Report graffiti on a bridge' })
      const changed = await asked('/open311/v2/services.json', { 'if-none-match': tag })
      assert.equal(changed.statusCode, 200)
      assert.notEqual(changed.headers.etag, tag)
      assert.ok((JSON.parse(changed.body) as Row[]).some((s) => s.service_name === 'Report graffiti on a bridge'))
    })

    it("reads no session for a signed-in browser's request: the answer is the public one, cacheable, with every security header", async () => {
      const staff = await addStaff(t.database, t.councilId, ['advisor'])
      const browser = await signedInClient(t, { kind: 'staff', id: staff.id })
      const staffHome = await browser.get('/staff')
      assert.equal(staffHome.statusCode, 200, 'the cookie does sign in on a page')
      assert.equal(staffHome.headers['cache-control'], 'no-store')

      const services = await browser.get('/open311/v2/services.json')
      assert.equal(services.statusCode, 200)
      assert.equal(
        services.headers['cache-control'],
        'no-cache',
        'no session was read: the public list, kept and checked',
      )
      assert.equal(services.headers['set-cookie'], undefined)
      assert.equal(services.headers['x-content-type-options'], 'nosniff')
      assert.match(String(services.headers['content-security-policy']), /frame-ancestors 'none'/)
      assert.equal((JSON.parse(services.body) as Row[]).length, 2)
    })

    it('a page still reads its session and sets its form token and language; an Open311 read sets no cookie, whatever is sent', async () => {
      const staff = await addStaff(t.database, t.councilId, ['advisor'])
      const browser = await signedInClient(t, { kind: 'staff', id: staff.id })
      const page = await browser.get('/?lang=cy')
      assert.equal(page.statusCode, 200)
      assert.equal(page.headers['cache-control'], 'no-store', 'the session was read')
      assert.match(page.body, /<html[^>]* lang="cy"/)
      const set = page.cookies.map((cookie) => cookie.name)
      assert.ok(set.includes('frontdoor-language'), 'the language picked is remembered')
      assert.ok(set.includes('frontdoor-csrf'), 'the page’s forms get a token')
      assert.ok(browser.cookies.size >= 3, 'the browser now holds session, form and language cookies')

      for (const url of [
        '/open311/v2/services.json?lang=cy',
        '/open311/v2/services.xml?lang=en',
        '/open311/v2/discovery.json',
      ]) {
        const answer = await browser.get(url)
        assert.equal(answer.statusCode, 200, url)
        assert.equal(answer.headers['set-cookie'], undefined, url)
        assert.notEqual(answer.headers['cache-control'], 'no-store', `${url}: no session was read`)
      }
    })

    it('refuses to start with a route that is anonymous or open to every site but not a public read', async () => {
      const marks = [
        [{ anonymous: true }, /only a public read can be anonymous/],
        [{ openData: true }, /only a public read can be open to every site/],
      ] as const
      for (const [mark, refusal] of marks)
        for (const route of [
          { method: 'GET' as const, permission: 'cases:read' as const },
          { method: 'POST' as const, permission: 'public' as const },
        ]) {
          await assert.rejects(
            buildApp({
              config: loadConfig({ NODE_ENV: 'test', SESSION_SECRET: 'x'.repeat(32) }),
              database: t.database,
              extraRoutes: async (app) => {
                app.route({
                  method: route.method,
                  url: '/marked-test',
                  config: { permission: route.permission, ...mark },
                  handler: async () => 'no',
                })
              },
            }),
            refusal,
          )
        }
    })

    it("moves discovery's changeset on to a withdrawal, which the listed services' own times would not show", async () => {
      const changeset = async () => {
        const body = (await answerOf(await t.get('/open311/v2/discovery.json'), 'json')) as { changeset: string }
        return body.changeset
      }
      const before = await changeset()
      const active = await listActiveServices(t.database, t.councilId)
      const newest = active.reduce((a, b) => (a.updated_at >= b.updated_at ? a : b))
      assert.equal(before, newest.updated_at)
      await updateService(t.database, systemActor(t.councilId), t.councilId, newest.id, { active: false })
      const after = await changeset()
      assert.ok(after > before, `${after} should be later than ${before}`)
      const xml = String(await answerOf(await t.get('/open311/v2/discovery.xml'), 'xml'))
      assert.ok(xml.includes(`<changeset>${after}</changeset>`), xml)
    })
  })
}
