// Stored cross-site scripting: hostile text saved through the API or a form comes back on every
// page that shows it as text — escaped in the HTML, and inert in a real browser.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES } from '../support/databases.ts'
import { testApp } from '../support/app.ts'
import type { TestApp } from '../support/app.ts'
import { XSS } from './payloads.ts'
import { TestClient } from '../support/client.ts'
import { fillPath, pageRoutes } from '../support/pages.ts'
import { audienceOf } from '../../src/platform/auth/sign-in-paths.ts'
import { addAccount, addStaff, sessionCookie } from '../support/accounts.ts'
import { addService, addTeam, goodAnswers, addPartner } from '../support/fixtures.ts'

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
      const team = await t.database.db
        .insertInto('team')
        .values({ council_id: t.councilId, name: 'Waste', email: null, created_at: new Date().toISOString() })
        .returning('id')
        .executeTakeFirstOrThrow()
      for (const [index, payload] of XSS.entries()) {
        const response = await t.app.inject({
          method: 'POST',
          url: '/api/v1/services',
          headers: t.as('admin'),
          payload: {
            name: `Service ${payload}`,
            open311_code: `code-${index}`,
            open311_group: `Group ${payload}`,
            team_id: team.id,
            target_hours: 8,
            offline_route: `Phone ${payload}`,
          },
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

/** The same hostile text in every free-text field a signed-in page shows. */
const HOSTILE = XSS.slice(0, 2).join('')

for (const engine of ENGINES) {
  describe(`stored XSS on signed-in pages (${engine})`, () => {
    let t: TestApp
    let reference: string
    let referralId: number
    const cookies: Record<'resident' | 'partner' | 'dpo', string> = { resident: '', partner: '', dpo: '' }

    before(async () => {
      t = await testApp(engine, { env: { RATE_LIMITS: 'false' } })
      const resident = await t.app.inject({
        method: 'POST',
        url: '/api/v1/residents',
        headers: t.as('advisor'),
        payload: { given_name: HOSTILE, family_name: HOSTILE, accessibility_needs: HOSTILE },
      })
      assert.equal(resident.statusCode, 201, resident.body)
      const residentId = resident.json<{ id: number }>().id
      const service = await addService(t.database, t.councilId, await addTeam(t.database, t.councilId, 'Waste'))
      const raised = await t.app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        headers: t.as('advisor'),
        payload: {
          service_id: service.id,
          resident_id: residentId,
          channel: 'phone',
          created_by: 'staff',
          answers: goodAnswers,
        },
      })
      assert.equal(raised.statusCode, 201, raised.body)
      reference = raised.json<{ reference: string }>().reference
      const note = await t.app.inject({
        method: 'POST',
        url: `/api/v1/cases/${raised.json<{ id: number }>().id}/notes`,
        headers: t.as('caseworker'),
        payload: { body: HOSTILE, visibility: 'public' },
      })
      assert.equal(note.statusCode, 201)
      const account = await addAccount(t.database, t.councilId, residentId)
      await t.database.db
        .updateTable('e_account')
        .set({ given_name: HOSTILE, family_name: HOSTILE })
        .where('id', '=', account.id)
        .execute()
      cookies.resident = await sessionCookie(t.database, t.councilId, { kind: 'resident', id: account.id })

      const partnerId = await addPartner(t.database, t.councilId, HOSTILE)
      const referral = await t.database.db
        .insertInto('referral')
        .values({
          council_id: t.councilId,
          partner_org_id: partnerId,
          resident_id: residentId,
          case_id: null,
          reason: HOSTILE,
          consent_given_at: new Date().toISOString(),
          consent_method: 'verbal',
          consent_recorded_by: null,
          status: 'sent',
          outcome: HOSTILE,
          created_at: new Date().toISOString(),
          updated_at: new Date().toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      referralId = referral.id
      const partner = await addStaff(t.database, t.councilId, ['partner'], { partnerOrgId: partnerId, name: HOSTILE })
      cookies.partner = await sessionCookie(t.database, t.councilId, { kind: 'staff', id: partner.id })
      const dpo = await addStaff(t.database, t.councilId, ['dpo'], { name: HOSTILE })
      cookies.dpo = await sessionCookie(t.database, t.councilId, { kind: 'staff', id: dpo.id })
    })
    after(() => t.close())

    it('shows names, notes, reasons and outcomes as text on every page that renders them', async () => {
      // Today's pages must answer with the page; any other page is checked for escaping whatever it answers.
      const shownToday = [
        '/account',
        '/account/requests',
        `/account/requests/${reference}`,
        '/partner/referrals',
        `/partner/referrals/${referralId}`,
        '/staff',
        `/staff/audit?person=${encodeURIComponent(HOSTILE)}&actor=${encodeURIComponent(HOSTILE)}`,
      ]
      const ids = { reference, id: String(referralId) }
      const pages: [keyof typeof cookies, string][] = pageRoutes(t.app).flatMap(
        (route): [keyof typeof cookies, string][] => {
          const url = route === '/staff/audit' ? shownToday.at(-1)! : fillPath(route, ids)
          if (audienceOf(route) === 'resident') return [['resident', url]]
          return [
            ['partner', url],
            ['dpo', url],
          ]
        },
      )
      for (const url of shownToday)
        assert.ok(
          pages.some(([, page]) => page === url),
          `${url} is walked`,
        )
      for (const [who, url] of pages) {
        const page = await t.app.inject({ url, headers: { accept: 'text/html', cookie: cookies[who] } })
        if (
          shownToday.includes(url) &&
          (who !== 'dpo' || !url.startsWith('/partner/')) &&
          (who !== 'partner' || !url.startsWith('/staff/audit'))
        )
          assert.ok(page.statusCode === 200 || page.statusCode === 400, `${url} → ${page.statusCode}`)
        const type = String(page.headers['content-type'] ?? '')
        if (page.statusCode === 200 && !type.startsWith('text/html')) {
          // A download (the resident's own data as JSON, a CSV) is data, not markup: it must say so, and
          // forbid the browser from guessing otherwise, so a name in it can never run as a script.
          assert.match(type, /^(application\/json|text\/csv|application\/pdf)/, `${url} is served as ${type}`)
          assert.equal(page.headers['x-content-type-options'], 'nosniff', url)
          continue
        }
        for (const payload of XSS) assertEscaped(page.body, payload, url)
      }
      const account = await t.app.inject({
        url: '/account',
        headers: { accept: 'text/html', cookie: cookies.resident },
      })
      assert.ok(account.body.includes('&lt;script&gt;window.__xss=1&lt;/script&gt;'), 'the name is shown, escaped')
    })

    it('shows what was typed into a refused form as text', async () => {
      const client = new TestClient(t.app)
      const refused = await client.submit('/account/create', {
        given_name: HOSTILE,
        family_name: HOSTILE,
        email: `x${HOSTILE}@example.test`,
        password: 'short',
        confirm: 'other',
      })
      assert.equal(refused.statusCode, 400)
      for (const payload of XSS) assertEscaped(refused.body, payload, 'the refused create-account form')
    })
  })
}
