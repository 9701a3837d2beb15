// A resident's own requests pages: their cases and nobody else's, the public timeline only, and
// an explanation instead of an error while their account is not linked to their record.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES } from '../../../test/support/databases.ts'
import { nowIso } from '../../platform/db/database.ts'
import { testApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { TestClient } from '../../../test/support/client.ts'
import { addAccount, addStaff, signedInClient } from '../../../test/support/accounts.ts'
import { raiseCase } from '../cases/test-fixtures.ts'
import { addResident, addService, addTeam } from '../../../test/support/fixtures.ts'

type Made = { id: number; reference: string }

for (const engine of ENGINES) {
  describe(`a resident’s own requests pages (${engine})`, () => {
    let t: TestApp
    let mine: Made
    let someoneElses: Made
    let me: TestClient
    let accountId: number
    let serviceId: number

    before(async () => {
      t = await testApp(engine)
      const service = await addService(t.database, t.councilId, await addTeam(t.database, t.councilId, 'Waste'))
      const residentId = await addResident(t.database, t.councilId)
      serviceId = service.id
      mine = await raiseCase(t, service.id, residentId, { description: 'Bin missed twice' })
      someoneElses = await raiseCase(t, service.id, await addResident(t.database, t.councilId))
      const post = (url: string, payload: object) =>
        t.app.inject({ method: 'POST', url: `/api/v1/cases/${mine.id}${url}`, headers: t.as('caseworker'), payload })
      assert.equal(
        (await post('/notes', { body: 'Internal: check the crew rota', visibility: 'internal' })).statusCode,
        201,
      )
      assert.equal(
        (await post('/status', { status: 'in_progress', note: 'Internal: crew missed the street' })).statusCode,
        200,
      )
      assert.equal(
        (await post('/notes', { body: 'A crew will come on Tuesday', visibility: 'public' })).statusCode,
        201,
      )
      accountId = (await addAccount(t.database, t.councilId, residentId)).id
      me = await signedInClient(t, { kind: 'resident', id: accountId })
    })
    after(() => t.close())

    it('lists their own requests with the service and status, and no one else’s', async () => {
      const since = nowIso()
      const page = await me.get('/account/requests')
      assert.equal(page.statusCode, 200)
      assert.match(page.body, new RegExp(`href="/account/requests/${mine.reference}"`))
      assert.match(page.body, /Report a missed bin/)
      assert.match(page.body, /govuk-tag--light-blue">\s*In progress/)
      assert.doesNotMatch(page.body, new RegExp(someoneElses.reference))
      const audit = await t.database.db
        .selectFrom('audit_event')
        .select(['action', 'actor_label'])
        .where('at', '>=', since)
        .execute()
      assert.deepEqual(
        audit.map((e) => ({ ...e })),
        [{ action: 'case.list', actor_label: `account:${accountId}` }],
      )
    })

    it('shows one of their requests with its public timeline, never an internal note', async () => {
      const page = await me.get(`/account/requests/${mine.reference}`)
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /Bin missed twice/)
      assert.match(page.body, /A crew will come on Tuesday/)
      assert.match(page.body, /Status changed to in progress/)
      assert.match(page.body, /We received your request/)
      // Times as GOV.UK writes them for residents: "2:05pm", "10am", "midday", never "14:05".
      assert.match(page.body, /\d{1,2} [A-Z][a-z]+ 20\d\d at (\d{1,2}(:\d\d)?[ap]m|midday|midnight)</)
      assert.doesNotMatch(page.body, / at \d{2}:\d{2}</)
      assert.doesNotMatch(page.body, /Internal:/)
    })

    it('finds their request however they type the reference', async () => {
      const typed = mine.reference.toLowerCase().replace(/-/g, ' ')
      assert.equal((await me.get(`/account/requests/${encodeURIComponent(typed)}`)).statusCode, 200)
    })

    it('shows the same page not found for another resident’s request as for one that does not exist', async () => {
      const theirs = await me.get(`/account/requests/${someoneElses.reference}`)
      const none = await me.get('/account/requests/FD-2020-999999')
      assert.equal(theirs.statusCode, 404)
      assert.equal(none.statusCode, 404)
      const heading = (body: string) => /<h1[^>]*>([^<]*)<\/h1>/.exec(body)?.[1]
      assert.equal(heading(theirs.body), 'Page not found')
      assert.equal(heading(theirs.body), heading(none.body))
      assert.doesNotMatch(theirs.body, new RegExp(someoneElses.reference))
    })

    it('explains, rather than fails, while the account is not linked to a record', async () => {
      for (const account of [
        await addAccount(t.database, t.councilId, null),
        await addAccount(
          t.database,
          t.councilId,
          (await t.app.inject({ url: `/api/v1/cases/${someoneElses.id}`, headers: t.as('manager') })).json()
            .resident_id,
          { verified: false },
        ),
      ]) {
        const browser = await signedInClient(t, { kind: 'resident', id: account.id })
        const page = await browser.get('/account/requests')
        assert.equal(page.statusCode, 200)
        assert.match(page.body, /not linked to our records/)
        assert.doesNotMatch(page.body, new RegExp(someoneElses.reference))
        assert.equal((await browser.get(`/account/requests/${someoneElses.reference}`)).statusCode, 404)
      }
    })

    it('is for residents only: staff are refused, and people not signed in are sent to sign in', async () => {
      const staff = await signedInClient(t, {
        kind: 'staff',
        id: (await addStaff(t.database, t.councilId, ['admin'])).id,
      })
      assert.equal((await staff.get('/account/requests')).statusCode, 403)
      assert.equal((await staff.get(`/account/requests/${mine.reference}`)).statusCode, 403)
      const anonymous = await new TestClient(t.app).get(`/account/requests/${mine.reference}`)
      assert.equal(anonymous.statusCode, 303)
      assert.equal(
        anonymous.headers.location,
        `/account/sign-in?returnTo=${encodeURIComponent(`/account/requests/${mine.reference}`)}`,
      )
    })

    it('pages through more requests than fit on one page, and answers a broken page link in plain words', async () => {
      const residentId = await addResident(t.database, t.councilId)
      const made: Made[] = []
      for (let i = 0; i < 21; i++) made.push(await raiseCase(t, serviceId, residentId))
      const browser = await signedInClient(t, {
        kind: 'resident',
        id: (await addAccount(t.database, t.councilId, residentId)).id,
      })
      const first = await browser.get('/account/requests')
      assert.equal(first.statusCode, 200)
      const listed = (body: string) => [...body.matchAll(/href="\/account\/requests\/(FD-[^"]+)"/g)].map((m) => m[1])
      assert.deepEqual(
        listed(first.body),
        made
          .slice(1)
          .reverse()
          .map((c) => c.reference),
        'the newest twenty, newest first',
      )
      const older = /<a[^>]*href="(\/account\/requests\?cursor=[^"]+)"[^>]*rel="next"/.exec(first.body)?.[1]
      assert.ok(older, 'a link to the older requests')
      const second = await browser.get(older.replace(/&amp;/g, '&'))
      assert.equal(second.statusCode, 200)
      assert.deepEqual(listed(second.body), [made[0]!.reference], 'the oldest on the next page')
      assert.match(second.body, /href="\/account\/requests"[^>]*rel="prev"/)
      const broken = await browser.get('/account/requests?cursor=not-a-cursor')
      assert.equal(broken.statusCode, 400)
      assert.match(broken.body, /This page of your requests cannot be shown/)
      assert.doesNotMatch(/<main[\s\S]*<\/main>/.exec(broken.body)?.[0] ?? '', /API|cursor/i)
    })
  })
}
