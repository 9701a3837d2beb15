// The desk's change pages on both engines: details, flags and merge change the record through the
// residents service with a reason that shows in the timeline; mistakes get an error summary with
// what was typed kept; roles without the permission, empty reasons, a merge into itself and a
// merge with another council's resident are refused.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES } from '../../../test/support/databases.ts'
import { createTestCouncil, testApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import type { TestClient } from '../../../test/support/client.ts'
import { csrfTokenIn } from '../../../test/support/client.ts'
import { addStaff, signedInClient } from '../../../test/support/accounts.ts'
import { addResident, systemActor } from '../../../test/support/fixtures.ts'
import type { Role } from '../../platform/db/values.ts'
import { residentHistory } from '../contacts/history.ts'

for (const engine of ENGINES) {
  describe(`changing a resident at the desk (${engine})`, () => {
    let t: TestApp
    let advisor: TestClient
    let leader: TestClient
    let resident: number

    async function client(roles: Role[]): Promise<TestClient> {
      const staff = await addStaff(t.database, t.councilId, roles)
      return signedInClient(t, { kind: 'staff', id: staff.id })
    }

    const timeline = async (id: number) =>
      (await residentHistory(t.database, systemActor(t.councilId), t.councilId, id, { limit: 50 })).items.filter(
        (item) => item.kind === 'resident_change',
      )

    const auditActions = async (id: number) =>
      (
        await t.database.db
          .selectFrom('audit_event')
          .select('action')
          .where('subject_type', '=', 'resident')
          .where('subject_id', '=', String(id))
          .execute()
      ).map((row) => row.action)

    before(async () => {
      t = await testApp(engine)
      advisor = await client(['advisor'])
      leader = await client(['team_leader'])
      resident = await addResident(t.database, t.councilId)
    })
    after(() => t.close())

    it('changes only what differs, with the reason in the timeline, and returns to the single view', async () => {
      const page = await advisor.get(`/staff/residents/${resident}/edit`)
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /value="Alex"/)
      const saved = await advisor.submit(`/staff/residents/${resident}/edit`, {
        given_name: 'Alex',
        family_name: 'Exemplar',
        address_line_1: '1 High Street',
        postcode: 'ab1 2cd',
        uprn: '100012345678',
        'phone-1': '01632 960 001',
        'email-1': 'alex@example.com',
        preferred_channel: 'letter',
        language: 'Welsh',
        digital_status: 'needs_help',
        reason: 'Told us on the phone',
      })
      assert.equal(saved.statusCode, 303)
      assert.equal(saved.headers.location, `/staff/residents/${resident}?changed=details`)
      const landed = await advisor.follow(saved)
      assert.match(landed.body, /govuk-notification-banner--success[\s\S]*Details changed/)
      const changed = await advisor.get(`/staff/residents/${resident}/edit`)
      assert.match(changed.body, /value="Exemplar"/)
      assert.match(changed.body, /value="AB1 2CD"/)
      assert.match(changed.body, /value="cy"/)
      const [entry] = await timeline(resident)
      assert.ok(entry?.kind === 'resident_change')
      assert.equal(entry.reason, 'Told us on the phone')
      assert.deepEqual(entry.fields, [
        'addresses',
        'digital_status',
        'emails',
        'family_name',
        'language',
        'phones',
        'preferred_channel',
      ])
      assert.match(entry.summary, /^Details changed: /)
      assert.ok((await auditActions(resident)).includes('resident.update'))
    })

    it('refuses an empty reason and a bad postcode, keeping what was typed', async () => {
      const before = (await timeline(resident)).length
      const refused = await advisor.submit(`/staff/residents/${resident}/edit`, {
        given_name: 'Alexandra',
        family_name: 'Exemplar',
        postcode: 'not a postcode',
        address_line_1: '1 High Street',
        reason: '  ',
      })
      assert.equal(refused.statusCode, 400)
      assert.match(refused.body, /govuk-error-summary/)
      assert.match(refused.body, /href="#reason">Enter the reason for the change/)
      assert.match(refused.body, /href="#postcode">Enter a real postcode/)
      assert.match(refused.body, /value="Alexandra"/)
      assert.match(refused.body, /value="not a postcode"/)
      assert.equal((await timeline(resident)).length, before)
    })

    it('refuses a save that changes nothing, and a birth date in the future from the service', async () => {
      const current = await advisor.get(`/staff/residents/${resident}/edit`)
      assert.match(current.body, /value="Exemplar"/)
      const nothing = await advisor.submit(`/staff/residents/${resident}/edit`, {
        given_name: 'Alex',
        family_name: 'Exemplar',
        address_line_1: '1 High Street',
        postcode: 'AB1 2CD',
        uprn: '100012345678',
        'phone-1': '01632 960 001',
        'email-1': 'alex@example.com',
        preferred_channel: 'letter',
        language: 'cy',
        digital_status: 'needs_help',
        reason: 'Checking',
      })
      assert.equal(nothing.statusCode, 400)
      assert.match(nothing.body, /Change at least one detail/)
      const future = await advisor.submit(`/staff/residents/${resident}/edit`, {
        given_name: 'Alex',
        family_name: 'Exemplar',
        'dob-day': '1',
        'dob-month': '1',
        'dob-year': String(new Date().getUTCFullYear() + 1),
        reason: 'Birthday',
      })
      assert.equal(future.statusCode, 400)
      assert.match(future.body, /href="#dob-day">Date of birth must be in the past/)
    })

    it('refuses a role without residents:write, and a resident of another council', async () => {
      const manager = await client(['manager'])
      assert.equal((await manager.get(`/staff/residents/${resident}/edit`)).statusCode, 403)
      assert.equal((await manager.get(`/staff/residents/${resident}/flags`)).statusCode, 403)
      const elsewhere = await createTestCouncil(t.database, 'elsewhere', 'Elsewhere Council')
      const stranger = await addResident(t.database, elsewhere)
      assert.equal((await advisor.get(`/staff/residents/${stranger}/edit`)).statusCode, 404)
      assert.equal((await advisor.get(`/staff/residents/${stranger}/flags`)).statusCode, 404)
    })

    it('adds a flag, moves its review date and removes it, each with a reason in the timeline', async () => {
      const nextYear = String(new Date().getUTCFullYear() + 1)
      const empty = await advisor.submit(`/staff/residents/${resident}/flags`, { reason: '' })
      assert.equal(empty.statusCode, 400)
      assert.match(empty.body, /href="#reason">Enter the reason for the flag/)
      const past = await advisor.submit(`/staff/residents/${resident}/flags`, {
        reason: 'Recently bereaved',
        'review-day': '1',
        'review-month': '1',
        'review-year': '2001',
      })
      assert.equal(past.statusCode, 400)
      assert.match(past.body, /href="#review-day">The review date must be today or later/)
      assert.match(past.body, /Recently bereaved/)
      const added = await advisor.submit(`/staff/residents/${resident}/flags`, {
        reason: 'Recently bereaved',
        'review-day': '1',
        'review-month': '6',
        'review-year': nextYear,
      })
      assert.equal(added.headers.location, `/staff/residents/${resident}?changed=flag_added`)
      const list = await advisor.get(`/staff/residents/${resident}/flags`)
      const flagId = /flags\/(\d+)\/review/.exec(list.body)?.[1]
      assert.ok(flagId)
      assert.match(list.body, new RegExp(`${nextYear}-06-01`))
      const noReason = await advisor.submit(`/staff/residents/${resident}/flags/${flagId}/review`, {
        'review-day': '1',
        'review-month': '9',
        'review-year': nextYear,
        reason: '',
      })
      assert.equal(noReason.statusCode, 400)
      assert.match(noReason.body, /value="9"/)
      const moved = await advisor.submit(`/staff/residents/${resident}/flags/${flagId}/review`, {
        'review-day': '1',
        'review-month': '9',
        'review-year': nextYear,
        reason: 'Support worker asked for longer',
      })
      assert.equal(moved.headers.location, `/staff/residents/${resident}?changed=flag_review_changed`)
      assert.match((await advisor.get(`/staff/residents/${resident}/flags`)).body, new RegExp(`${nextYear}-09-01`))
      const removed = await advisor.submit(`/staff/residents/${resident}/flags/${flagId}/remove`, {
        reason: 'No longer needed',
      })
      assert.equal(removed.headers.location, `/staff/residents/${resident}?changed=flag_removed`)
      assert.match((await advisor.get(`/staff/residents/${resident}/flags`)).body, /has no vulnerability flags/)
      const changes = (await timeline(resident)).slice(0, 3)
      assert.deepEqual(
        changes.map((c) => (c.kind === 'resident_change' ? [c.change, c.reason] : [])),
        [
          ['flag_removed', 'No longer needed'],
          ['flag_review_changed', 'Support worker asked for longer'],
          ['flag_added', 'Recently bereaved'],
        ],
      )
      const actions = await auditActions(resident)
      for (const action of ['resident.flag_add', 'resident.flag_review', 'resident.flag_end'])
        assert.ok(actions.includes(action), action)
    })

    it('adds one flag when the same form is sent twice (a double click, or back and resubmit)', async () => {
      const someone = await addResident(t.database, t.councilId)
      const form = await advisor.get(`/staff/residents/${someone}/flags`)
      const formToken = /name="formToken" value="([^"]+)"/.exec(form.body)?.[1]
      assert.ok(formToken, 'the form carries a one-time token')
      const fields = { _csrf: csrfTokenIn(form.body), formToken, reason: 'Lives alone after a fall' }
      const first = await advisor.post(`/staff/residents/${someone}/flags`, fields)
      const again = await advisor.post(`/staff/residents/${someone}/flags`, fields)
      assert.equal(first.statusCode, 303)
      assert.equal(again.statusCode, 303, 'the second send answers as the first did')
      const flags = await t.database.db
        .selectFrom('vulnerability_flag')
        .select('id')
        .where('resident_id', '=', someone)
        .execute()
      assert.equal(flags.length, 1)
      const changes = await t.database.db
        .selectFrom('resident_change')
        .select('id')
        .where('resident_id', '=', someone)
        .where('change', '=', 'flag_added')
        .execute()
      assert.equal(changes.length, 1, 'one entry in the timeline')
    })

    it('merges a duplicate found by search after a side-by-side comparison of what moves', async () => {
      const duplicate = await addResident(t.database, t.councilId)
      await t.database.db
        .updateTable('resident')
        .set({ given_name: 'Zebedee', family_name: 'Duplicate', search_text: 'zebedee duplicate' })
        .where('id', '=', duplicate)
        .execute()
      await t.database.db
        .insertInto('resident_contact_detail')
        .values({
          council_id: t.councilId,
          resident_id: duplicate,
          kind: 'phone',
          value: '07700 900 982',
          is_primary: 1,
          created_at: new Date().toISOString(),
        })
        .execute()
      const found = await leader.get(`/staff/residents/${resident}/merge?q=zebedee`)
      assert.equal(found.statusCode, 200)
      assert.match(found.body, new RegExp(`merge\\?duplicate=${duplicate}`))
      const compared = await leader.get(`/staff/residents/${resident}/merge?duplicate=${duplicate}`)
      assert.equal(compared.statusCode, 200)
      assert.match(compared.body, /Phone numbers and email addresses not already held<\/th>\s*<td[^>]*>\s*1\s*</)
      assert.match(compared.body, /07700 900 982/)
      const noReason = await leader.submit(
        `/staff/residents/${resident}/merge?duplicate=${duplicate}`,
        {
          duplicate_id: String(duplicate),
          reason: '',
        },
        `/staff/residents/${resident}/merge`,
      )
      assert.equal(noReason.statusCode, 400)
      assert.match(noReason.body, /Enter the reason for the merge/)
      const merged = await leader.submit(
        `/staff/residents/${resident}/merge?duplicate=${duplicate}`,
        { duplicate_id: String(duplicate), reason: 'Same person, registered twice' },
        `/staff/residents/${resident}/merge`,
      )
      assert.equal(merged.statusCode, 303)
      assert.equal(merged.headers.location, `/staff/residents/${resident}?changed=merged`)
      const [entry] = await timeline(resident)
      assert.ok(entry?.kind === 'resident_change')
      assert.equal(entry.change, 'merged')
      assert.equal(entry.reason, 'Same person, registered twice')
      assert.ok((await auditActions(resident)).includes('resident.merge'))
    })

    it('refuses a merge into itself, with another council, and by a role without residents:merge', async () => {
      const itself = await leader.get(`/staff/residents/${resident}/merge?duplicate=${resident}`)
      assert.equal(itself.statusCode, 400)
      assert.match(itself.body, /href="#q">A resident cannot be merged into itself/)
      const elsewhere = await createTestCouncil(t.database, 'further', 'Further Council')
      const stranger = await addResident(t.database, elsewhere)
      const across = await leader.get(`/staff/residents/${resident}/merge?q=${stranger}`)
      assert.equal(across.statusCode, 400)
      assert.match(across.body, /There is no resident with that record number in this council/)
      const posted = await leader.submit(
        `/staff/residents/${resident}/merge`,
        { duplicate_id: String(stranger), reason: 'Trying' },
        `/staff/residents/${resident}/merge`,
      )
      assert.equal(posted.statusCode, 400)
      const stillThere = await t.database.db
        .selectFrom('resident')
        .select('merged_into')
        .where('id', '=', stranger)
        .executeTakeFirstOrThrow()
      assert.equal(stillThere.merged_into, null)
      assert.equal((await advisor.get(`/staff/residents/${resident}/merge`)).statusCode, 403)
    })
  })
}
