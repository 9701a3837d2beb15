// The desk's search, "Add a resident" and single view, through the pages on both engines: what an
// advisor sees, what other roles are refused, and that every search and view is audited.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES } from '../../../test/support/databases.ts'
import { testApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import type { TestClient } from '../../../test/support/client.ts'
import { csrfTokenIn } from '../../../test/support/client.ts'
import { addStaff, signedInClient } from '../../../test/support/accounts.ts'
import { addPartner, addService, addTeam, systemActor } from '../../../test/support/fixtures.ts'
import { addNotification, addReferral, daysAgo } from '../contacts/test-fixtures.ts'
import { raiseCase } from '../cases/test-fixtures.ts'
import { addVulnerabilityFlag, createResident, mergeResidents } from '../residents/service.ts'
import { logContact } from '../contacts/service.ts'
import { addRequestedCallBacks } from '../telephony/service.ts'
import type { Role } from '../../platform/db/values.ts'

/** The names of the residents listed, in order. */
const resultNames = (html: string) =>
  [
    ...html.matchAll(
      /<h3 class="govuk-heading-s[^"]*"><a class="govuk-link" href="\/staff\/residents\/\d+">([^<]+)<\/a>/g,
    ),
  ].map((m) => m[1])
const timelineTitles = (html: string) =>
  [...html.matchAll(/<h3 class="moj-timeline__title">([\s\S]*?)<\/h3>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ''))

for (const engine of ENGINES) {
  describe(`the advisor's desk pages (${engine})`, () => {
    let t: TestApp
    let advisor: TestClient
    let margaretHigh: number
    let margaretLow: number
    let smithson: number
    let caseRef: { id: number; reference: string }

    async function signedIn(roles: Role[]): Promise<TestClient> {
      const staff = await addStaff(t.database, t.councilId, roles)
      return signedInClient(t, { kind: 'staff', id: staff.id })
    }
    const auditOf = (action: string) =>
      t.database.db
        .selectFrom('audit_event')
        .select(['actor_label', 'subject_id', 'detail'])
        .where('action', '=', action)
        .orderBy('id', 'desc')
        .executeTakeFirst()

    before(async () => {
      t = await testApp(engine)
      const actor = systemActor(t.councilId)
      const add = (input: Parameters<typeof createResident>[3]) => createResident(t.database, actor, t.councilId, input)
      margaretHigh = (
        await add({
          given_name: 'Margaret',
          family_name: 'Smith',
          date_of_birth: '1950-03-27',
          phones: ['07700 900123'],
          addresses: [
            { address_line_1: '1 High Street', town: 'Exampleton', postcode: 'EX1 1AA', uprn: '100012345678' },
          ],
          digital_status: 'needs_help',
        })
      ).id
      margaretLow = (
        await add({
          given_name: 'Margaret',
          family_name: 'Smith',
          emails: ['maggie@example.test'],
          addresses: [{ address_line_1: '9 Low Road', postcode: 'EX2 2BB' }],
        })
      ).id
      smithson = (
        await add({
          given_name: 'Anna',
          family_name: 'Smithson',
          addresses: [{ address_line_1: '3 Mill Lane', postcode: 'EX1 1AB' }],
        })
      ).id
      const duplicate = (await add({ given_name: 'Maggie', family_name: 'Smith' })).id
      await mergeResidents(t.database, actor, t.councilId, margaretHigh, duplicate)
      const service = await addService(t.database, t.councilId, await addTeam(t.database, t.councilId, 'Waste'))
      caseRef = await raiseCase(t, service.id, margaretHigh)
      await addVulnerabilityFlag(t.database, actor, t.councilId, margaretHigh, { reason: 'Lives alone' })
      await t.database.db
        .insertInto('vulnerability_flag')
        .values({
          council_id: t.councilId,
          resident_id: margaretHigh,
          reason: 'Recently bereaved',
          review_on: '2020-01-01',
          created_by: null,
          created_at: daysAgo(400),
          ended_at: null,
        })
        .execute()
      for (let day = 30; day >= 1; day--)
        await logContact(t.database, actor, t.councilId, {
          channel: day % 2 === 0 ? 'phone' : 'email',
          resident_id: margaretHigh,
          outcome: 'resolved_first_contact',
          started_at: daysAgo(day),
          notes: `Contact ${day} days ago`,
        })
      await addNotification(t.database, t.councilId, margaretHigh, daysAgo(5, 12))
      await addReferral(
        t.database,
        t.councilId,
        await addPartner(t.database, t.councilId),
        margaretHigh,
        '2026-02-03T10:00:00.000Z',
      )
      advisor = await signedIn(['advisor'])
    })
    after(() => t.close())

    it('finds residents by partial surname, exact surname first, telling two Margaret Smiths apart', async () => {
      const page = await advisor.get('/staff/search?q=smith')
      assert.equal(page.statusCode, 200)
      assert.deepEqual(resultNames(page.body), ['Margaret Smith', 'Margaret Smith', 'Anna Smithson'])
      assert.match(page.body, /1 High Street, Exampleton, EX1 1AA/)
      assert.match(page.body, /9 Low Road, EX2 2BB/)
      assert.match(page.body, /27 March 1950/)
      assert.match(page.body, /Needs help online/)
      assert.match(
        page.body,
        /<dt class="govuk-summary-list__key">Open cases<\/dt>\s*<dd class="govuk-summary-list__value">1<\/dd>/,
      )
      assert.doesNotMatch(page.body, /Maggie/, 'a merged record is not offered')
    })

    it('ranks an exact surname before names it is only part of', async () => {
      const page = await advisor.get('/staff/search?q=smithson')
      assert.deepEqual(resultNames(page.body), ['Anna Smithson'])
      assert.match(page.body, new RegExp(`href="/staff/residents/${smithson}"`))
      const bySurnameFirst = await advisor.get('/staff/search?q=SMITH')
      assert.equal(resultNames(bySurnameFirst.body).at(-1), 'Anna Smithson')
    })

    it('finds by postcode, phone, email and UPRN', async () => {
      assert.deepEqual(resultNames((await advisor.get('/staff/search?q=ex1%201aa')).body), ['Margaret Smith'])
      assert.deepEqual(resultNames((await advisor.get('/staff/search?q=07700%20900123')).body), ['Margaret Smith'])
      const byEmail = await advisor.get('/staff/search?q=MAGGIE%40example.test')
      assert.match(byEmail.body, new RegExp(`href="/staff/residents/${margaretLow}"`))
      const byUprn = await advisor.get('/staff/search?q=100012345678')
      assert.match(byUprn.body, new RegExp(`href="/staff/residents/${margaretHigh}"`))
      assert.equal(resultNames(byUprn.body).length, 1)
    })

    it('shows a case reference as the top hit linking to the case', async () => {
      const typed = caseRef.reference.toLowerCase().replace(/-/g, ' ')
      const page = await advisor.get(`/staff/search?q=${encodeURIComponent(typed)}`)
      assert.match(page.body, new RegExp(`href="/staff/cases/${caseRef.reference}"`))
      assert.match(page.body, /Report a missed bin/)
      assert.equal((await auditOf('case.read'))?.subject_id, String(caseRef.id))
    })

    it('audits a search with what was looked for, never the name typed', async () => {
      await advisor.get('/staff/search?q=margaret%20smith')
      const event = await auditOf('resident.search')
      const detail = JSON.parse(event?.detail ?? '{}') as Record<string, unknown>
      assert.equal(detail.looked_for, 'name')
      assert.deepEqual(
        detail.ids,
        [margaretHigh, margaretLow].sort((a, b) => a - b),
      )
      assert.doesNotMatch(event?.detail ?? '', /margaret/i)
    })

    it('pages results on the server', async () => {
      const actor = systemActor(t.councilId)
      for (let i = 0; i < 21; i++)
        await createResident(t.database, actor, t.councilId, { given_name: `Person${i}`, family_name: 'Pager' })
      const first = await advisor.get('/staff/search?q=pager')
      assert.equal(resultNames(first.body).length, 20)
      assert.match(first.body, /href="\/staff\/search\?q=pager&amp;page=2"/)
      const second = await advisor.get('/staff/search?q=pager&page=2')
      assert.equal(resultNames(second.body).length, 1)
      assert.doesNotMatch(second.body, /page=3/)
    })

    it('offers "Add a resident" filled in with what was typed when nobody is found', async () => {
      const byName = await advisor.get('/staff/search?q=Rhiannon%20ap%20Gwyn')
      assert.match(byName.body, /No resident or case found/)
      assert.match(byName.body, /href="\/staff\/residents\/new\?given_name=Rhiannon\+ap&amp;family_name=Gwyn"/)
      const byPostcode = await advisor.get('/staff/search?q=zz9%209zz')
      assert.match(byPostcode.body, /href="\/staff\/residents\/new\?postcode=ZZ9\+9ZZ"/)
      const form = await advisor.get('/staff/residents/new?given_name=Rhiannon+ap&family_name=Gwyn')
      assert.match(form.body, /name="given_name" type="text"[^>]*value="Rhiannon ap"/)
    })

    it('adds a resident, keeping what was typed on an error, then opens their single view with a banner', async () => {
      const refused = await advisor.submit('/staff/residents/new', {
        given_name: 'Owen',
        family_name: '',
        'dob-day': '31',
        'dob-month': '2',
        'dob-year': '1960',
        postcode: 'EX1 1AA',
        address_line_1: '',
      })
      assert.equal(refused.statusCode, 400)
      assert.match(refused.body, /<title>Error: Add a resident/)
      assert.match(refused.body, /href="#family_name">Enter the resident’s last name/)
      assert.match(refused.body, /href="#dob-day">Date of birth must be a real date/)
      assert.match(refused.body, /href="#address_line_1">/)
      assert.match(refused.body, /name="given_name" type="text"[^>]*value="Owen"/)
      const added = await advisor.submit('/staff/residents/new', {
        given_name: 'Owen',
        family_name: 'Glyndwr',
        'dob-day': '1',
        'dob-month': '3',
        'dob-year': '1960',
        phone: '01632 960001',
        address_line_1: '5 Castle Street',
        postcode: 'ex3 3cc',
        preferred_channel: 'letter',
      })
      assert.equal(added.statusCode, 303)
      const view = await advisor.follow(added)
      assert.match(view.body, /Owen Glyndwr has been added/)
      assert.match(view.body, /5 Castle Street, EX3 3CC/)
      assert.match(view.body, /1 March 1960/)
      assert.match(view.body, /Letter/)
      assert.match(view.body, /Consents\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*None recorded/)
      assert.equal((await auditOf('resident.create'))?.actor_label.startsWith('staff:'), true)
    })

    it('adds one resident however often the same form is sent, saying so through the notice, not the address', async () => {
      const form = await advisor.get('/staff/residents/new')
      const formToken = /name="formToken" value="([^"]+)"/.exec(form.body)?.[1]
      assert.ok(formToken, 'the form carries a one-time token')
      const fields = {
        _csrf: csrfTokenIn(form.body),
        formToken,
        given_name: 'Dilys',
        family_name: 'Prydderch',
        address_line_1: '7 Mill Lane',
        postcode: 'EX4 4DD',
      }
      const first = await advisor.post('/staff/residents/new', fields)
      const again = await advisor.post('/staff/residents/new', fields)
      assert.equal(first.statusCode, 303)
      assert.equal(again.statusCode, 303)
      assert.match(
        String(first.headers.location),
        /^\/staff\/residents\/\d+$/,
        'nothing in the address to fake a banner with',
      )
      assert.equal(again.headers.location, first.headers.location, 'the second send answers as the first did')
      const added = await t.database.db
        .selectFrom('resident')
        .select('id')
        .where('council_id', '=', t.councilId)
        .where('family_name', '=', 'Prydderch')
        .execute()
      assert.equal(added.length, 1)
      assert.match((await advisor.follow(again)).body, /Dilys Prydderch has been added/)
      const later = await advisor.get(String(first.headers.location))
      assert.doesNotMatch(later.body, /has been added/, 'the banner is shown once')
      const faked = await advisor.get(`${String(first.headers.location)}?added=1`)
      assert.doesNotMatch(faked.body, /has been added/, 'a link cannot show the banner')
    })

    it('shows the single view: details, an overdue flag in red, open cases first, audited', async () => {
      const page = await advisor.get(`/staff/residents/${margaretHigh}`)
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /<h1 class="govuk-heading-l">Margaret Smith<\/h1>/)
      assert.match(page.body, /govuk-tag--red">\s*Review overdue since 1 January 2020/)
      assert.match(page.body, /Lives alone/)
      assert.match(page.body, /No online account/)
      assert.match(page.body, /To share with County Council, verbal, 3 February 2026/)
      assert.match(page.body, new RegExp(`href="/staff/cases/${caseRef.reference}"`))
      assert.match(page.body, /href="\/staff\/contacts\/new\?resident=\d+&amp;returnTo=%2Fstaff%2Fresidents%2F\d+"/)
      assert.doesNotMatch(page.body, /Merge a duplicate/, 'an advisor may not merge')
      assert.match(page.body, /Change details/)
      assert.equal((await auditOf('resident.read'))?.subject_id, String(margaretHigh))
      assert.equal((await auditOf('resident.history'))?.subject_id, String(margaretHigh))
      const leader = await signedIn(['team_leader'])
      assert.match((await leader.get(`/staff/residents/${margaretHigh}`)).body, /Merge a duplicate/)
      const manager = await signedIn(['manager'])
      const managerView = (await manager.get(`/staff/residents/${margaretHigh}`)).body
      assert.doesNotMatch(managerView, /Change details|Log a contact|Raise a case/)
    })

    it('pages the timeline and filters it by channel, kind and date', async () => {
      const first = await advisor.get(`/staff/residents/${margaretHigh}`)
      assert.equal(timelineTitles(first.body).length, 20)
      const older = /href="(\/staff\/residents\/\d+\?cursor=[^"]+)"/.exec(first.body)?.[1]
      assert.ok(older, 'an "Older" link')
      const second = await advisor.get(older.replace(/&amp;/g, '&'))
      const allTitles = [...timelineTitles(first.body), ...timelineTitles(second.body)]
      assert.equal(new Set(allTitles.map((title, i) => `${i}${title}`)).size, allTitles.length)
      assert.ok(timelineTitles(second.body).length > 0)
      const byPhone = await advisor.get(`/staff/residents/${margaretHigh}?channel=phone&kind=contact`)
      const phoneTitles = timelineTitles(byPhone.body)
      assert.equal(phoneTitles.length, 15)
      assert.ok(
        phoneTitles.every((title) => title.startsWith('Phone contact')),
        phoneTitles.join('\n'),
      )
      assert.match(byPhone.body, /value="phone" checked/)
      const letters = await advisor.get(`/staff/residents/${margaretHigh}?channel=letter`)
      assert.deepEqual(timelineTitles(letters.body), ['Letter message (case-update): sent'])
      const day = new Date(daysAgo(3))
      const oneDay = await advisor.get(
        `/staff/residents/${margaretHigh}?from-day=${day.getUTCDate()}&from-month=${day.getUTCMonth() + 1}&from-year=${day.getUTCFullYear()}&to-day=${day.getUTCDate()}&to-month=${day.getUTCMonth() + 1}&to-year=${day.getUTCFullYear()}&kind=contact`,
      )
      assert.deepEqual(timelineTitles(oneDay.body), ['Email contact, inbound: resolved first contact'])
    })

    it('tells a try of ours that reached nobody from a resident who hung up', async () => {
      const actor = systemActor(t.councilId)
      const resident = await createResident(t.database, actor, t.councilId, {
        given_name: 'Nora',
        family_name: 'Unreached',
      })
      const phone = { channel: 'phone' as const, resident_id: resident.id, outcome: 'abandoned' as const }
      await logContact(t.database, actor, t.councilId, { ...phone, direction: 'inbound', started_at: daysAgo(2) })
      await logContact(t.database, actor, t.councilId, { ...phone, direction: 'outbound', started_at: daysAgo(1) })
      const record = await advisor.get(`/staff/residents/${resident.id}`)
      assert.deepEqual(timelineTitles(record.body), [
        'Phone contact, outbound: not reached',
        'Phone contact, inbound: abandoned',
      ])
    })

    it('places a call back at the time it was asked for, saying when the call was wanted', async () => {
      const actor = systemActor(t.councilId)
      const resident = await createResident(t.database, actor, t.councilId, { given_name: 'Cal', family_name: 'Later' })
      // Asked for two days ago, to be called on 1 March next year: the window is months ahead.
      const year = new Date().getUTCFullYear() + 1
      const window = { start: `${year}-03-01T09:00:00.000Z`, end: `${year}-03-01T12:00:00.000Z` }
      await addRequestedCallBacks(t.database.db, [
        {
          councilId: t.councilId,
          residentId: resident.id,
          name: 'Cal Later',
          phone: '01632 960321',
          window,
          reason: 'Parking permit',
          createdAt: daysAgo(2),
        },
      ])
      await logContact(t.database, actor, t.councilId, {
        channel: 'email',
        resident_id: resident.id,
        outcome: 'resolved_first_contact',
        started_at: daysAgo(1),
      })
      const record = await advisor.get(`/staff/residents/${resident.id}`)
      const weekday = new Intl.DateTimeFormat('en-GB', { weekday: 'long', timeZone: 'Europe/London' }).format(
        new Date(window.start),
      )
      assert.deepEqual(timelineTitles(record.body), [
        'Email contact, inbound: resolved first contact',
        `Call back asked for ${weekday} 1 March, 09:00 to 12:00: requested`,
      ])
    })

    it('refuses a date that is not real with an error summary, keeping what was typed', async () => {
      const page = await advisor.get(
        `/staff/residents/${margaretHigh}?from-day=31&from-month=2&from-year=2026&channel=phone`,
      )
      assert.equal(page.statusCode, 400)
      assert.match(page.body, /href="#from-day">Date from must be a real date/)
      assert.match(page.body, /name="from-day" type="text"[^>]*value="31"/)
      assert.match(page.body, /value="phone" checked/)
    })

    it('says whom a merged record was merged into', async () => {
      const merged = await t.database.db
        .selectFrom('resident')
        .select('id')
        .where('merged_into', '=', margaretHigh)
        .executeTakeFirstOrThrow()
      const page = await advisor.get(`/staff/residents/${merged.id}`)
      assert.match(page.body, /this record was merged/)
      assert.match(page.body, new RegExp(`href="/staff/residents/${margaretHigh}"`))
    })

    it('finds knowledge articles by the words of their title or text, in a section of their own', async () => {
      const article = (slug: string, title: string, body: string) => ({
        council_id: t.councilId,
        slug,
        title,
        body,
        audience: 'staff' as const,
        service_id: null,
        updated_at: new Date().toISOString(),
        review_on: null,
      })
      await t.database.db
        .insertInto('kb_article')
        .values([
          article('missed-bins', 'Missed bin collections', 'Report it after 4pm on the day.'),
          article('garden-waste', 'Garden waste', 'A brown bin is emptied every other week if it was missed.'),
          article('council-tax', 'Council tax bands', 'Bands A to H.'),
        ])
        .execute()
      const page = await advisor.get('/staff/search?q=missed%20BIN')
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /<h2 class="govuk-heading-m">Knowledge articles<\/h2>/)
      assert.match(page.body, /2 articles have every word of “missed BIN”/)
      assert.match(page.body, /href="\/staff\/knowledge\/missed-bins">Missed bin collections/)
      assert.match(page.body, /href="\/staff\/knowledge\/garden-waste">Garden waste/)
      assert.doesNotMatch(page.body, /Council tax bands/)
      assert.match(page.body, /No resident or case found/, 'the residents section still says nobody matched')
      const people = await advisor.get('/staff/search?q=smith')
      assert.doesNotMatch(people.body, /Knowledge articles/, 'no section when no article matches')
      const byReference = await advisor.get(`/staff/search?q=${caseRef.reference}`)
      assert.doesNotMatch(byReference.body, /Knowledge articles/)
      const dpo = await signedIn(['dpo'])
      const theirs = await dpo.get('/staff/search?q=missed%20bin')
      assert.equal(theirs.statusCode, 200)
      assert.doesNotMatch(theirs.body, /Missed bin collections/, 'articles only for those who may read them')
    })

    it('refuses the pages to those without the permission and finds no resident of another number', async () => {
      const partner = await signedIn(['partner'])
      assert.equal((await partner.get('/staff/search?q=smith')).statusCode, 403)
      assert.equal((await partner.get(`/staff/residents/${margaretHigh}`)).statusCode, 403)
      const manager = await signedIn(['manager'])
      assert.equal((await manager.get('/staff/residents/new')).statusCode, 403)
      assert.equal((await advisor.get('/staff/residents/999999')).statusCode, 404)
    })
  })
}
