// A resident's own requests pages: their cases and nobody else's, the public timeline only, and
// an explanation instead of an error while their account is not linked to their record; every word,
// status, date and time in the language the resident reads in.
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
import { untranslated } from '../../platform/i18n/translate.ts'
import type { CaseEvent } from '../cases/service.ts'
import { timelineEntries } from './present.ts'
import { RESIDENT_STATUS_WORDS } from '../cases/service.ts'

type Made = { id: number; reference: string }

const WELSH_MONTH = '(Ionawr|Chwefror|Mawrth|Ebrill|Mai|Mehefin|Gorffennaf|Awst|Medi|Hydref|Tachwedd|Rhagfyr)'
/** A Welsh date and a time as GOV.UK writes one, with Welsh words for midday and midnight. */
const WELSH_WHEN = new RegExp(
  `\\d{1,2} ${WELSH_MONTH} 20\\d\\d am (\\d{1,2}(:\\d\\d)?[ap]m|12 hanner dydd|12 hanner nos)<`,
)
/** Nunjucks writes an apostrophe as &#39;: Welsh is full of them ("Wedi'i ganslo"). */
const apostrophe = (text: string) => text.replace(/'/g, '&#39;')
const title = (body: string) => /<title>([^<]*)<\/title>/.exec(body)?.[1]?.trim()

function event(kind: CaseEvent['kind'], at: string, to_status: CaseEvent['to_status'] = null): CaseEvent {
  return {
    id: 1,
    kind,
    from_status: null,
    to_status,
    visibility: 'public',
    body: null,
    actor_kind: 'staff',
    actor_id: null,
    at,
    detail: null,
  }
}

describe('a resident’s request in their own words', () => {
  it('has Welsh for every status a request can have', () => {
    assert.deepEqual(untranslated('cy', Object.values(RESIDENT_STATUS_WORDS)), [])
  })

  it('writes the timeline in the reader’s language, on the London clock', () => {
    // 11:00 UTC in July is midday in London (summer time); in February London is on UTC, so 00:00 UTC
    // is midnight there. 13:12 UTC in July is 2:12pm, the reviewer's "6 July 2026 at 2:12pm".
    const events = [
      event('created', '2026-07-06T13:12:00Z'),
      event('status_changed', '2026-07-07T11:00:00Z', 'in_progress'),
      event('status_changed', '2027-02-01T00:00:00Z', 'closed'),
    ]
    assert.deepEqual(
      timelineEntries('en', events).map((e) => [e.heading, e.when]),
      [
        ['Status changed to closed', '1 February 2027 at midnight'],
        ['Status changed to in progress', '7 July 2026 at midday'],
        ['We received your request', '6 July 2026 at 2:12pm'],
      ],
    )
    assert.deepEqual(
      timelineEntries('cy', events).map((e) => [e.heading, e.when]),
      [
        ['Statws wedi newid i wedi cau', '1 Chwefror 2027 am 12 hanner nos'],
        ['Statws wedi newid i ar waith', '7 Gorffennaf 2026 am 12 hanner dydd'],
        ['Cawsom eich cais', '6 Gorffennaf 2026 am 2:12pm'],
      ],
    )
  })
})

for (const engine of ENGINES) {
  describe(`a resident’s own requests pages (${engine})`, () => {
    let t: TestApp
    let mine: Made
    let someoneElses: Made
    let me: TestClient
    let accountId: number
    let serviceId: number
    let teamId: number

    before(async () => {
      t = await testApp(engine)
      teamId = await addTeam(t.database, t.councilId, 'Waste')
      const service = await addService(t.database, t.councilId, teamId)
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
      assert.match(title(page.body) ?? '', /^Your requests – /)
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
      assert.match(title(page.body) ?? '', new RegExp(`^Request ${mine.reference} – `))
      assert.match(page.body, /govuk-tag--light-blue">\s*In progress/)
      assert.match(page.body, /Update from the council/)
      assert.match(page.body, /Bin missed twice/)
      assert.match(page.body, /A crew will come on Tuesday/)
      assert.match(page.body, /Status changed to in progress/)
      assert.match(page.body, /We received your request/)
      // Times as GOV.UK writes them for residents: "2:05pm", "10am", "midday", never "14:05".
      assert.match(page.body, /\d{1,2} [A-Z][a-z]+ 20\d\d at (\d{1,2}(:\d\d)?[ap]m|midday|midnight)</)
      assert.doesNotMatch(page.body, / at \d{2}:\d{2}</)
      assert.doesNotMatch(page.body, /Internal:/)
    })

    /** A service of its own, and a resident with an account who can sign in to see their requests. */
    async function residentOfService(name: string, code: string) {
      const service = await addService(t.database, t.councilId, teamId, { name, open311_code: code })
      const residentId = await addResident(t.database, t.councilId)
      const signIn = async () =>
        signedInClient(t, { kind: 'resident', id: (await addAccount(t.database, t.councilId, residentId)).id })
      return { service, residentId, signIn }
    }

    it('reads in Welsh to a resident who chose Cymraeg: titles, statuses, the timeline, dates and times', async () => {
      const { service, residentId, signIn } = await residentOfService(
        'Report a missed bin collection',
        'missed-bin-collection',
      )
      const closed = await raiseCase(t, service.id, residentId)
      const cancelled = await raiseCase(t, service.id, residentId)
      const status = async (made: Made, payload: object) =>
        assert.equal(
          (
            await t.app.inject({
              method: 'POST',
              url: `/api/v1/cases/${made.id}/status`,
              headers: t.as('caseworker'),
              payload,
            })
          ).statusCode,
          200,
        )
      await status(closed, { status: 'in_progress' })
      await status(closed, { status: 'resolved', resolution: 'Collected on Tuesday' })
      await status(closed, { status: 'closed' })
      await status(cancelled, { status: 'cancelled' })
      const welsh = await signIn()

      const list = await welsh.get('/account/requests?lang=cy')
      assert.equal(list.statusCode, 200)
      assert.match(title(list.body) ?? '', /^Eich ceisiadau – /)
      assert.match(list.body, /<h1[^>]*>Eich ceisiadau<\/h1>/)
      assert.match(list.body, /Rhoi gwybod am fin na chafodd ei gasglu/)
      assert.match(list.body, /govuk-tag--grey">\s*Wedi cau\s*</)
      assert.match(list.body, new RegExp(`govuk-tag--red">\\s*${apostrophe("Wedi'i ganslo")}\\s*<`))
      assert.match(list.body, new RegExp(`<td[^>]*>\\d{1,2} ${WELSH_MONTH} 20\\d\\d</td>`))
      assert.doesNotMatch(list.body, />\s*(Closed|Cancelled|Your requests|Report a missed bin collection)\s*</)

      // The language is remembered: the request page is Welsh without asking again.
      const page = await welsh.get(`/account/requests/${closed.reference}`)
      assert.equal(page.statusCode, 200)
      assert.match(title(page.body) ?? '', new RegExp(`^Cais ${closed.reference} – `))
      assert.match(page.body, /<h1[^>]*>Rhoi gwybod am fin na chafodd ei gasglu<\/h1>/)
      assert.match(page.body, /govuk-tag--grey">\s*Wedi cau\s*</)
      const headings = [...page.body.matchAll(/<h3[^>]*>([^<]*)<\/h3>/g)].map((m) => m[1])
      assert.deepEqual(headings, [
        'Statws wedi newid i wedi cau',
        apostrophe("Statws wedi newid i wedi'i ddatrys"),
        'Statws wedi newid i ar waith',
        'Cawsom eich cais',
      ])
      assert.match(page.body, WELSH_WHEN)
      assert.doesNotMatch(page.body, / at \d|Status changed|We received your request|Closed</)

      // English is unchanged for the same request once the resident picks English again.
      const english = await welsh.get(`/account/requests/${closed.reference}?lang=en`)
      assert.match(title(english.body) ?? '', new RegExp(`^Request ${closed.reference} – `))
      assert.match(english.body, /govuk-tag--grey">\s*Closed\s*</)
      assert.match(english.body, /Status changed to closed/)
    })

    it('marks a service name the council gave no Welsh as English on a Welsh page, and nothing on an English one', async () => {
      const { service, residentId, signIn } = await residentOfService('Report a loose paving slab', 'loose-paving-slab')
      const made = await raiseCase(t, service.id, residentId)
      const resident = await signIn()
      const marked = '<span lang="en">Report a loose paving slab</span>'
      assert.ok((await resident.get('/account/requests?lang=cy')).body.includes(marked), 'in the Welsh list')
      const page = await resident.get(`/account/requests/${made.reference}`)
      assert.match(page.body, new RegExp(`<h1[^>]*>${marked}</h1>`), 'as the Welsh request page’s heading')
      const english = await resident.get(`/account/requests/${made.reference}?lang=en`)
      assert.match(english.body, /<h1[^>]*>Report a loose paving slab<\/h1>/)
      assert.doesNotMatch(english.body, /<main[\s\S]*lang="en"[\s\S]*<\/main>/)
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
