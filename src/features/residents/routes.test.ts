import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES } from '../../../test/support/databases.ts'
import { createTestCouncil, testApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { createApiToken } from '../../platform/auth/tokens.ts'
import { addAppointment, addCallback, addCase, addReferral, daysAgo } from '../contacts/test-fixtures.ts'
import { addPartner, addService, addTeam } from '../../../test/support/fixtures.ts'

type ResidentBody = {
  id: number
  given_name: string
  family_name: string
  emails: string[]
  phones: string[]
  addresses: { postcode: string | null }[]
  merged_into: number | null
  vulnerability_flags: { id: number }[]
}
type Page = { items: { id: number; family_name: string }[]; next_cursor: string | null }

for (const engine of ENGINES) {
  describe(`residents API (${engine})`, () => {
    let t: TestApp
    const post = (body: unknown, role: 'advisor' | 'resident' | 'partner' = 'advisor') =>
      t.app.inject({ method: 'POST', url: '/api/v1/residents', headers: t.as(role), payload: body as object })
    const create = async (body: object): Promise<ResidentBody> => {
      const response = await post(body)
      assert.equal(response.statusCode, 201, response.body)
      return response.json()
    }
    const search = async (q: string, extra = ''): Promise<Page> => {
      const response = await t.app.inject({
        url: `/api/v1/residents?q=${encodeURIComponent(q)}${extra}`,
        headers: t.as('advisor'),
      })
      assert.equal(response.statusCode, 200, response.body)
      return response.json()
    }
    const auditCount = async (action: string) =>
      Number(
        (
          await t.database.db
            .selectFrom('audit_event')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('action', '=', action)
            .executeTakeFirstOrThrow()
        ).n,
      )

    before(async () => {
      t = await testApp(engine)
    })
    after(async () => t.close())

    it('creates a resident with only names: no email or account needed', async () => {
      const resident = await create({ given_name: '  Edith ', family_name: 'Offline' })
      assert.equal(resident.given_name, 'Edith')
      assert.deepEqual(resident.emails, [])
      assert.equal(await auditCount('resident.create'), 1)
    })

    it('round-trips every field, normalising postcodes', async () => {
      const created = await create({
        given_name: 'Priya',
        family_name: 'Sharma',
        date_of_birth: '1961-04-02',
        emails: ['priya.sharma@mail.example'],
        phones: ['07700 900123'],
        addresses: [{ address_line_1: '4 Mill Lane', town: 'Ashby', postcode: 'av12ab', uprn: '100012345678' }],
        preferred_channel: 'letter',
        language: 'pa',
        accessibility_needs: 'Large print',
        digital_status: 'needs_help',
      })
      const read = await t.app.inject({ url: `/api/v1/residents/${created.id}`, headers: t.as('caseworker') })
      assert.equal(read.statusCode, 200)
      const body = read.json()
      assert.equal(body.addresses[0].postcode, 'AV1 2AB')
      assert.equal(body.preferred_channel, 'letter')
      assert.equal(body.digital_status, 'needs_help')
      assert.deepEqual(body.phones, ['07700 900123'])
      assert.ok((await auditCount('resident.read')) >= 1)
    })

    it('changes a resident and replaces lists whole, and refuses an empty change', async () => {
      const created = await create({
        given_name: 'Tom',
        family_name: 'Baker',
        emails: ['tom@one.example', 'tom@two.example'],
      })
      const changed = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/residents/${created.id}`,
        headers: t.as('advisor'),
        payload: { emails: ['tom@three.example'], digital_status: 'offline_by_choice' },
      })
      assert.equal(changed.statusCode, 200, changed.body)
      assert.deepEqual(changed.json().emails, ['tom@three.example'])
      assert.equal(changed.json().digital_status, 'offline_by_choice')
      const empty = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/residents/${created.id}`,
        headers: t.as('advisor'),
        payload: {},
      })
      assert.equal(empty.statusCode, 400)
      assert.equal((await search('three.example')).items[0]?.id, created.id, 'search follows the new email')
      assert.equal((await search('tom@one')).items.length, 0, 'and forgets the old one')
    })

    it('names each invalid field and refuses unknown ones', async () => {
      const bad = await post({ given_name: 'A', family_name: 'B', emails: ['not-an-email'], digital_status: 'online' })
      assert.equal(bad.statusCode, 400)
      assert.equal(bad.headers['content-type'], 'application/problem+json; charset=utf-8')
      const names = bad.json().errors.map((e: { name: string }) => e.name)
      assert.ok(names.includes('body.emails.0'), names.join())
      assert.ok(names.includes('body.digital_status'), names.join())
      const extra = await post({ given_name: 'A', family_name: 'B', national_insurance: 'QQ123456C' })
      assert.equal(extra.statusCode, 400)
      assert.ok(extra.json().errors.some((e: { name: string }) => e.name.endsWith('national_insurance')))
      const future = await post({ given_name: 'A', family_name: 'B', date_of_birth: '2999-01-01' })
      assert.equal(future.statusCode, 422)
      assert.equal(future.json().errors[0].name, 'body.date_of_birth')
      const blank = await post({ given_name: '   ', family_name: 'B' })
      assert.equal(blank.statusCode, 422)
    })

    it('refuses callers without a token, roles without the permission and other councils', async () => {
      const created = await create({ given_name: 'Guarded', family_name: 'Person' })
      assert.equal((await t.app.inject({ url: `/api/v1/residents/${created.id}` })).statusCode, 401)
      assert.equal(
        (await t.app.inject({ url: `/api/v1/residents/${created.id}`, headers: t.as('partner') })).statusCode,
        403,
      )
      assert.equal((await post({ given_name: 'A', family_name: 'B' }, 'resident')).statusCode, 403)
      const other = await createTestCouncil(t.database, 'other', 'Other Council')
      const { token } = await createApiToken(t.database, other, 'advisor', 'other advisor')
      const across = await t.app.inject({
        url: `/api/v1/residents/${created.id}`,
        headers: { authorization: `Bearer ${token}` },
      })
      assert.equal(across.statusCode, 404)
      const list = await t.app.inject({
        url: '/api/v1/residents?q=guarded',
        headers: { authorization: `Bearer ${token}` },
      })
      assert.equal(list.json().items.length, 0, 'search never crosses councils')
    })

    describe('the one search box', () => {
      let smith: ResidentBody
      before(async () => {
        smith = await create({
          given_name: 'Margaret',
          family_name: 'Smith',
          emails: ['mags.smith@post.example'],
          phones: ['+44 7700 900456'],
          addresses: [{ address_line_1: '12 High Street', postcode: 'AV3 9QT' }],
        })
        await create({
          given_name: 'John',
          family_name: 'Smithson',
          addresses: [{ address_line_1: '1 Low Road', postcode: 'AV4 1AA' }],
        })
      })

      it('finds partial names in any case', async () => {
        for (const q of ['smi', 'SMITH', 'Marg smi', 'garet'])
          assert.ok(
            (await search(q)).items.some((r) => r.id === smith.id),
            q,
          )
        assert.equal((await search('margaret smithson')).items.length, 0, 'every word must match')
      })
      it('finds postcodes with or without the space', async () => {
        for (const q of ['AV3 9QT', 'av39qt', 'av3'])
          assert.ok(
            (await search(q)).items.some((r) => r.id === smith.id),
            q,
          )
      })
      it('finds phone numbers typed another way', async () => {
        for (const q of ['07700900456', '07700 900 456', '+447700900456', '900456'])
          assert.ok(
            (await search(q)).items.some((r) => r.id === smith.id),
            q,
          )
      })
      it('finds email fragments', async () => {
        assert.deepEqual(
          (await search('mags.smith')).items.map((r) => r.id),
          [smith.id],
        )
      })
      it('finds the resident of a case by its reference, however typed', async () => {
        const team = await addTeam(t.database, t.councilId, 'Search team')
        const service = (await addService(t.database, t.councilId, team, { open311_code: 'search-svc' })).id
        await addCase(t.database, {
          councilId: t.councilId,
          residentId: smith.id,
          serviceId: service,
          reference: 'FD-2026-000042',
          createdAt: daysAgo(1),
        })
        for (const q of ['FD-2026-000042', 'fd-2026-42', 'FD 2026 000042'])
          assert.deepEqual(
            (await search(q)).items.map((r) => r.id),
            [smith.id],
            q,
          )
        assert.equal((await search('FD-2026-999999')).items.length, 0)
      })
      it('treats search syntax as plain text', async () => {
        for (const q of ['"smi', "o'brien", 'smi*', '100%', 'a_b', 'NEAR(x y)'])
          assert.equal(
            (await t.app.inject({ url: `/api/v1/residents?q=${encodeURIComponent(q)}`, headers: t.as('advisor') }))
              .statusCode,
            200,
            q,
          )
        const obrien = await create({ given_name: 'Patrick', family_name: "O'Brien" })
        assert.deepEqual(
          (await search("o'brien")).items.map((r) => r.id),
          [obrien.id],
          'a name with a quote is found by that name',
        )
        for (const q of ['100%', 'a_b', 'NEAR(x y)'])
          assert.deepEqual((await search(q)).items, [], `${q} is not a wildcard or an operator`)
      })
      it('audits each search', async () => {
        const before = await auditCount('resident.search')
        await search('smith')
        assert.equal(await auditCount('resident.search'), before + 1)
      })
    })

    it('pages through every resident exactly once', async () => {
      for (let i = 0; i < 7; i++) await create({ given_name: `Page${i}`, family_name: i % 2 ? 'Pager' : 'Paget' })
      const seen: number[] = []
      let cursor: string | null = null
      do {
        const response = await t.app.inject({
          url: `/api/v1/residents?family_name=pag&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
          headers: t.as('advisor'),
        })
        const page: Page = response.json()
        seen.push(...page.items.map((r) => r.id))
        cursor = page.next_cursor
      } while (cursor)
      assert.equal(seen.length, 7)
      assert.equal(new Set(seen).size, 7)
      const bad = await t.app.inject({ url: '/api/v1/residents?cursor=nonsense', headers: t.as('advisor') })
      assert.equal(bad.statusCode, 400)
    })

    it('filters by digital status and by having an email', async () => {
      await create({ given_name: 'Cannot', family_name: 'Filterton', digital_status: 'cannot_use' })
      const page: Page = (
        await t.app.inject({
          url: '/api/v1/residents?digital_status=cannot_use&family_name=filterton',
          headers: t.as('advisor'),
        })
      ).json()
      assert.equal(page.items.length, 1)
      const without: Page = (
        await t.app.inject({ url: '/api/v1/residents?has_email=false&family_name=filterton', headers: t.as('advisor') })
      ).json()
      assert.equal(without.items.length, 1)
      const withEmail: Page = (
        await t.app.inject({ url: '/api/v1/residents?has_email=true&family_name=filterton', headers: t.as('advisor') })
      ).json()
      assert.equal(withEmail.items.length, 0)
    })

    describe('merging duplicates', () => {
      it('moves everything to the survivor and hides the duplicate', async () => {
        const survivor = await create({
          given_name: 'Joan',
          family_name: 'Merger',
          emails: ['joan@merge.example'],
          addresses: [{ address_line_1: '5 Oak Road', postcode: 'AV5 5AA', uprn: '555' }],
        })
        const duplicate = await create({
          given_name: 'Joanie',
          family_name: 'Merger',
          emails: ['JOAN@merge.example', 'joanie@merge.example'],
          phones: ['01632 960555'],
          addresses: [{ address_line_1: '5 Oak Rd', postcode: 'AV5 5AA', uprn: '555' }],
        })
        const team = await addTeam(t.database, t.councilId, 'Merge team')
        const service = (await addService(t.database, t.councilId, team, { open311_code: 'merge-svc' })).id
        await addCase(t.database, {
          councilId: t.councilId,
          residentId: duplicate.id,
          serviceId: service,
          reference: 'FD-2026-000777',
          createdAt: daysAgo(3),
        })
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/contacts',
          headers: t.as('advisor'),
          payload: { channel: 'phone', outcome: 'resolved_first_contact', resident_id: duplicate.id },
        })
        await addCallback(t.database, t.councilId, duplicate.id, daysAgo(1))
        await addAppointment(t.database, t.councilId, duplicate.id, daysAgo(2))
        await addReferral(t.database, t.councilId, await addPartner(t.database, t.councilId), duplicate.id, daysAgo(4))
        await t.database.db
          .insertInto('e_account')
          .values({
            council_id: t.councilId,
            resident_id: duplicate.id,
            email: 'joanie@merge.example',
            created_at: daysAgo(5),
          })
          .execute()
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/residents/${duplicate.id}/flags`,
          headers: t.as('advisor'),
          payload: { reason: 'Recently bereaved' },
        })

        const merged = await t.app.inject({
          method: 'POST',
          url: `/api/v1/residents/${survivor.id}/merge`,
          headers: t.as('team_leader'),
          payload: { duplicate_id: duplicate.id },
        })
        assert.equal(merged.statusCode, 200, merged.body)
        const { survivor: after, moved } = merged.json()
        assert.deepEqual(
          after.emails,
          ['joan@merge.example', 'joanie@merge.example'],
          'the same email in another case is not doubled',
        )
        assert.deepEqual(after.phones, ['01632 960555'])
        assert.equal(after.addresses.length, 1, 'the same property (UPRN) is not doubled')
        assert.equal(after.vulnerability_flags.length, 1)
        assert.equal(moved.case, 1)
        for (const table of ['contact', 'case', 'callback', 'appointment', 'referral', 'e_account'] as const) {
          const left = await t.database.db
            .selectFrom(table)
            .select('id')
            .where('resident_id', '=', duplicate.id)
            .execute()
          assert.equal(left.length, 0, `${table} left on the duplicate`)
          const moved = await t.database.db
            .selectFrom(table)
            .select('id')
            .where('resident_id', '=', survivor.id)
            .execute()
          assert.ok(moved.length >= 1, `${table} on the survivor`)
        }
        const old = (await t.app.inject({ url: `/api/v1/residents/${duplicate.id}`, headers: t.as('advisor') })).json()
        assert.equal(old.merged_into, survivor.id)
        assert.deepEqual(
          (await search('merger')).items.map((r) => r.id),
          [survivor.id],
        )
        assert.deepEqual(
          (await search('FD-2026-000777')).items.map((r) => r.id),
          [survivor.id],
          'the moved case finds the survivor',
        )
        assert.equal(
          (await search('joanie')).items[0]?.id,
          survivor.id,
          'the survivor is found by the duplicate’s details',
        )
        assert.equal(await auditCount('resident.merge'), 1)

        const again = await t.app.inject({
          method: 'POST',
          url: `/api/v1/residents/${survivor.id}/merge`,
          headers: t.as('team_leader'),
          payload: { duplicate_id: duplicate.id },
        })
        assert.equal(again.statusCode, 409, 'a duplicate cannot be merged twice')
        const intoMerged = await t.app.inject({
          method: 'POST',
          url: `/api/v1/residents/${duplicate.id}/merge`,
          headers: t.as('team_leader'),
          payload: { duplicate_id: survivor.id },
        })
        assert.equal(intoMerged.statusCode, 409)
        const change = await t.app.inject({
          method: 'PATCH',
          url: `/api/v1/residents/${duplicate.id}`,
          headers: t.as('advisor'),
          payload: { given_name: 'X' },
        })
        assert.equal(change.statusCode, 409, 'a merged record is not edited')
      })

      it('refuses merging a record into itself, across councils, and to advisors', async () => {
        const one = await create({ given_name: 'Solo', family_name: 'Record' })
        const self = await t.app.inject({
          method: 'POST',
          url: `/api/v1/residents/${one.id}/merge`,
          headers: t.as('admin'),
          payload: { duplicate_id: one.id },
        })
        assert.equal(self.statusCode, 422)
        const missing = await t.app.inject({
          method: 'POST',
          url: `/api/v1/residents/${one.id}/merge`,
          headers: t.as('admin'),
          payload: { duplicate_id: 999999 },
        })
        assert.equal(missing.statusCode, 404)
        const advisor = await t.app.inject({
          method: 'POST',
          url: `/api/v1/residents/${one.id}/merge`,
          headers: t.as('advisor'),
          payload: { duplicate_id: 1 },
        })
        assert.equal(advisor.statusCode, 403)
      })
    })

    it('adds and ends vulnerability flags', async () => {
      const resident = await create({ given_name: 'Flag', family_name: 'Holder' })
      const added = await t.app.inject({
        method: 'POST',
        url: `/api/v1/residents/${resident.id}/flags`,
        headers: t.as('advisor'),
        payload: { reason: 'Hard of hearing: use text relay', review_on: '2099-01-01' },
      })
      assert.equal(added.statusCode, 201, added.body)
      const flag = added.json().vulnerability_flags[0]
      const ended = await t.app.inject({
        method: 'DELETE',
        url: `/api/v1/residents/${resident.id}/flags/${flag.id}`,
        headers: t.as('advisor'),
      })
      assert.equal(ended.statusCode, 200)
      assert.deepEqual(ended.json().vulnerability_flags, [])
      const twice = await t.app.inject({
        method: 'DELETE',
        url: `/api/v1/residents/${resident.id}/flags/${flag.id}`,
        headers: t.as('advisor'),
      })
      assert.equal(twice.statusCode, 404)
      const past = await t.app.inject({
        method: 'POST',
        url: `/api/v1/residents/${resident.id}/flags`,
        headers: t.as('advisor'),
        payload: { reason: 'x', review_on: '2001-01-01' },
      })
      assert.equal(past.statusCode, 422)
    })
  })
}
