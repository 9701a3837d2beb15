// Stored cross-site scripting: hostile text saved through the API or a form comes back on every
// page that shows it as text — escaped in the HTML, and inert in a real browser.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES } from '../../src/platform/db/test-databases.ts'
import { testApp } from '../../src/platform/http/test-app.ts'
import type { TestApp } from '../../src/platform/http/test-app.ts'
import { XSS } from './payloads.ts'

/** The markup a payload would become if it were not escaped. */
const live = (payload: string) => payload.replace(/\{\{.*\}\}|\{%.*%\}/g, '')

function assertEscaped(html: string, payload: string, where: string): void {
  const markup = live(payload)
  if (/[<>"]/.test(markup)) assert.ok(!html.includes(markup), `${where} shows ${payload} as markup`)
}

/** Text that reached a template must never be evaluated as one. */
function assertNotEvaluated(html: string, prefix: string, where: string): void {
  assert.ok(html.includes(`${prefix} {{ 7*7 }}{% raw %}`), `${where} shows the template-like text as it was typed`)
  assert.ok(!html.includes(`${prefix} 49`), `${where} evaluated a template expression`)
}

for (const engine of ENGINES) {
  describe(`stored XSS on public pages (${engine})`, () => {
    let t: TestApp
    before(async () => {
      t = await testApp(engine)
      const team = await t.database.db.insertInto('team').values({ council_id: t.councilId, name: 'Waste', email: null, created_at: new Date().toISOString() }).returning('id').executeTakeFirstOrThrow()
      for (const [index, payload] of XSS.entries()) {
        const response = await t.app.inject({
          method: 'POST',
          url: '/api/v1/services',
          headers: t.as('admin'),
          payload: { name: `Service ${payload}`, open311_code: `code-${index}`, open311_group: `Group ${payload}`, team_id: team.id, target_hours: 8, offline_route: `Phone ${payload}` },
        })
        assert.equal(response.statusCode, 201, response.body)
      }
    })
    after(() => t.close())

    it('shows service names and groups as text on the home page', async () => {
      const page = await t.app.inject({ url: '/', headers: { accept: 'text/html' } })
      assert.equal(page.statusCode, 200)
      for (const payload of XSS) assertEscaped(page.body, payload, 'the home page')
      assertNotEvaluated(page.body, 'Service', 'the home page')
      assert.ok(page.body.includes('&lt;script&gt;window.__xss=1&lt;/script&gt;'), 'the text is there, escaped')
    })
  })
}
