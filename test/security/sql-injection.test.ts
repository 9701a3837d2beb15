// SQL injection through every query and path parameter of every API read and every page, on both engines.
// Each answer must be a clean 200 or 4xx with no database error in it, a search for a payload
// must find nothing (not everything), and nothing stored may change.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES } from '../support/databases.ts'
import { testApp } from '../support/app.ts'
import type { TestApp } from '../support/app.ts'
import { SQL_ERROR_MARKERS, SQL_INJECTION } from './payloads.ts'
import { addAccount, addStaff, sessionCookie } from '../support/accounts.ts'
import { fillPath, pageRoutes, pathParameters } from '../support/pages.ts'
import { audienceOf } from '../../src/platform/auth/sign-in-paths.ts'
import { FORM_FIELDS } from '../../src/features/audit-search/pages.ts'

type Parameter = { name: string; in: 'query' | 'path' }
type OpenApi = { paths: Record<string, Record<string, { parameters?: Parameter[] }>> }

async function tableCounts(t: TestApp): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  for (const table of ['resident', 'case', 'contact', 'service', 'staff_user', 'audit_event'] as const) {
    const row = await t.database.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    counts[table] = Number(row.n)
  }
  return counts
}

for (const engine of ENGINES) {
  describe(`SQL injection in API parameters (${engine})`, () => {
    let t: TestApp
    let doc: OpenApi

    before(async () => {
      t = await testApp(engine)
      for (const [given, family] of [
        ['Ada', 'Smith'],
        ['Bea', 'Jones'],
      ]) {
        const created = await t.app.inject({
          method: 'POST',
          url: '/api/v1/residents',
          headers: t.as('advisor'),
          payload: { given_name: given, family_name: family },
        })
        assert.equal(created.statusCode, 201)
      }
      doc = (await t.app.inject({ url: '/api/docs/json' })).json<OpenApi>()
    })
    after(() => t.close())

    it('answers every payload in every read parameter without a database error', async () => {
      const leaks: string[] = []
      const before = await tableCounts(t)
      let tried = 0
      for (const [path, operations] of Object.entries(doc.paths)) {
        const get = operations.get
        if (!get || !path.startsWith('/api/v1/')) continue
        for (const parameter of get.parameters ?? []) {
          for (const payload of SQL_INJECTION) {
            const url =
              parameter.in === 'path'
                ? path.replace(`{${parameter.name}}`, encodeURIComponent(payload)).replace(/\{\w+\}/g, '1')
                : `${path.replace(/\{\w+\}/g, '1')}?${new URLSearchParams({ [parameter.name]: payload }).toString()}`
            const response = await t.app.inject({ url, headers: t.as('admin') })
            tried += 1
            // Problems may quote the path they were asked for: look for database errors in the rest.
            const answer = response.body
              .split(encodeURIComponent(payload))
              .join('')
              .split(JSON.stringify(payload).slice(1, -1))
              .join('')
            if (response.statusCode >= 500 || SQL_ERROR_MARKERS.test(answer))
              leaks.push(`${url} → ${response.statusCode} ${response.body.slice(0, 120)}`)
          }
        }
      }
      assert.ok(tried > 100, `tried ${tried} parameter payloads`)
      assert.deepEqual(leaks, [])
      assert.deepEqual(await tableCounts(t), { ...before, audit_event: (await tableCounts(t)).audit_event })
    })

    it('answers every payload in every path and query parameter of every page without a database error', async () => {
      const dpo = await addStaff(t.database, t.councilId, ['dpo', 'admin'])
      const staffCookie = await sessionCookie(t.database, t.councilId, { kind: 'staff', id: dpo.id })
      const residentCookie = await sessionCookie(t.database, t.councilId, {
        kind: 'resident',
        id: (await addAccount(t.database, t.councilId, null)).id,
      })
      // Today's pages read these; a page is attacked through every one of them and its path parameters.
      const queryNames = ['cursor', 'returnTo', 'signedOut', ...FORM_FIELDS]
      const pages = pageRoutes(t.app)
      for (const covered of ['/staff/audit', '/partner/referrals', '/account/requests'])
        assert.ok(pages.includes(covered), `the route table lists ${covered}`)
      const leaks: string[] = []
      let tried = 0
      const withoutToken = (html: string) => html.replace(/value="[^"]*"/g, '')
      for (const route of pages) {
        const cookie = audienceOf(route) === 'resident' ? residentCookie : staffCookie
        const get = (url: string) => t.app.inject({ url, headers: { accept: 'text/html', cookie } })
        const bare = withoutToken((await get(fillPath(route, {}))).body)
        // Each parameter the page answers differently to is attacked on its own (a bad date must not
        // hide the person searched for); all of them together reach every page.
        // A cursor is opaque, so a bad one may look like none: every page's cursor is attacked alone.
        const read: string[] = ['cursor']
        for (const name of queryNames.filter((name) => name !== 'cursor'))
          if (withoutToken((await get(`${fillPath(route, {})}?${name}=zzprobe`)).body) !== bare) read.push(name)
        if (route === '/staff/audit')
          assert.deepEqual(read, ['cursor', ...FORM_FIELDS], 'each audit search field is attacked alone')
        const urls = (payload: string) => [
          ...pathParameters(route).map((name) => fillPath(route, { [name]: payload })),
          `${fillPath(route, {})}?${new URLSearchParams(queryNames.map((name) => [name, payload]))}`,
          ...read.map((name) => `${fillPath(route, {})}?${new URLSearchParams({ [name]: payload })}`),
        ]
        for (const payload of SQL_INJECTION) {
          for (const url of urls(payload)) {
            const response = await get(url)
            tried += 1
            const answer = response.body.split(payload).join('').split(payload.replace(/'/g, '&#39;')).join('')
            // Hidden tokens (CSRF, a form's one-time token) are random text: "pG_" or "sTack" can
            // turn up in one by chance, so their values are not read.
            const shown = answer
              .replace(/<script[\s\S]*?<\/script>/g, '')
              .replace(/(<input type="hidden"[^>]*value=")[^"]*"/g, '$1"')
            const marker = SQL_ERROR_MARKERS.exec(shown)
            if (response.statusCode >= 500 || marker)
              leaks.push(
                `${url} → ${response.statusCode} ${marker?.[0] ?? ''} ${marker ? shown.slice(Math.max(0, marker.index - 60), marker.index + 40) : ''}`,
              )
          }
        }
      }
      assert.ok(tried >= pages.length * SQL_INJECTION.length, `tried ${tried} page payloads`)
      assert.deepEqual(leaks, [])
    })

    it('finds nobody when the search box is given a tautology', async () => {
      for (const payload of ["' OR '1'='1", "%' OR '%'='", "' OR 1=1 --"]) {
        const response = await t.app.inject({
          url: `/api/v1/residents?${new URLSearchParams({ q: payload })}`,
          headers: t.as('advisor'),
        })
        assert.equal(response.statusCode, 200, payload)
        assert.deepEqual(response.json<{ items: unknown[] }>().items, [], payload)
      }
      const real = await t.app.inject({ url: '/api/v1/residents?q=smith', headers: t.as('advisor') })
      assert.equal(real.json<{ items: unknown[] }>().items.length, 1, 'a real search still finds its resident')
    })
  })
}
