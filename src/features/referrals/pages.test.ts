// The partner portal's referral pages: a partner sees only referrals to its own organisation,
// council staff those of their council; anything else is a 404 page, and every view is audited.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES } from '../../../test/support/databases.ts'
import { nowIso } from '../../platform/db/database.ts'
import { createTestCouncil, testApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { TestClient } from '../../../test/support/client.ts'
import { addAccount, addStaff, signedInClient } from '../../../test/support/accounts.ts'
import type { Role } from '../../platform/db/values.ts'
import { addReferral } from '../contacts/test-fixtures.ts'
import { addPartner, addResident } from '../../../test/support/fixtures.ts'

for (const engine of ENGINES) {
  describe(`partner referral pages (${engine})`, () => {
    let t: TestApp
    let ours: number
    let theirs: number
    let otherCouncils: number
    let partnerId: number

    async function named(councilId: number, given: string, family: string): Promise<number> {
      const id = await addResident(t.database, councilId)
      await t.database.db
        .updateTable('resident')
        .set({ given_name: given, family_name: family })
        .where('id', '=', id)
        .execute()
      return id
    }

    async function client(
      roles: Role[],
      partnerOrgId: number | null = null,
    ): Promise<{ client: TestClient; staffId: number }> {
      const staff = await addStaff(t.database, t.councilId, roles, { partnerOrgId })
      return { client: await signedInClient(t, { kind: 'staff', id: staff.id }), staffId: staff.id }
    }

    before(async () => {
      t = await testApp(engine)
      partnerId = await addPartner(t.database, t.councilId, 'Warm Homes Trust')
      const otherPartner = await addPartner(t.database, t.councilId, 'Food Bank')
      ours = await addReferral(
        t.database,
        t.councilId,
        partnerId,
        await named(t.councilId, 'Priya', 'Shah'),
        '2026-01-10T10:00:00.000Z',
      )
      theirs = await addReferral(
        t.database,
        t.councilId,
        otherPartner,
        await named(t.councilId, 'Tom', 'Jones'),
        '2026-01-11T10:00:00.000Z',
      )
      const otherCouncil = await createTestCouncil(t.database, 'elsewhere', 'Elsewhere Council')
      otherCouncils = await addReferral(
        t.database,
        otherCouncil,
        await addPartner(t.database, otherCouncil),
        await named(otherCouncil, 'Ann', 'Other'),
        '2026-01-12T10:00:00.000Z',
      )
    })
    after(() => t.close())

    it('lists only the referrals to the partner’s own organisation, and audits the residents it showed', async () => {
      const { client: partner, staffId } = await client(['partner'], partnerId)
      const since = nowIso()
      const page = await partner.get('/partner/referrals')
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /Priya Shah/)
      assert.match(page.body, /Help with energy bills/)
      assert.doesNotMatch(page.body, /Tom Jones|Ann Other/)
      const audit = await t.database.db
        .selectFrom('audit_event')
        .select(['action', 'actor_label', 'detail'])
        .where('at', '>=', since)
        .execute()
      assert.equal(audit.length, 1)
      assert.equal(audit[0]!.action, 'referral.list')
      assert.equal(audit[0]!.actor_label, `staff:${staffId}`)
      assert.deepEqual(JSON.parse(audit[0]!.detail ?? '{}').ids, [ours])
    })

    it('shows one of its referrals with the resident’s name, reason and status, audited', async () => {
      const { client: partner } = await client(['partner'], partnerId)
      const since = nowIso()
      const page = await partner.get(`/partner/referrals/${ours}`)
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /<h1 class="govuk-heading-l">Priya Shah<\/h1>/)
      assert.match(page.body, /Help with energy bills/)
      assert.match(page.body, /govuk-tag--blue">\s*New/)
      const audit = await t.database.db
        .selectFrom('audit_event')
        .select(['action', 'subject_type', 'subject_id'])
        .where('at', '>=', since)
        .execute()
      assert.deepEqual(
        audit.map((e) => ({ ...e })),
        [{ action: 'referral.read', subject_type: 'referral', subject_id: String(ours) }],
      )
    })

    it('answers 404 to another organisation’s referral, another council’s, and one that does not exist', async () => {
      const { client: partner } = await client(['partner'], partnerId)
      for (const id of [theirs, otherCouncils, 999999, 'abc', 2147483648, 999999999999999]) {
        const page = await partner.get(`/partner/referrals/${id}`)
        assert.equal(page.statusCode, 404, String(id))
        assert.match(page.body, /Page not found/)
        assert.doesNotMatch(page.body, /Tom Jones|Ann Other/)
      }
    })

    it('shows partner staff without an organisation no referrals at all', async () => {
      const { client: partner } = await client(['partner'])
      const page = await partner.get('/partner/referrals')
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /There are no referrals/)
      assert.equal((await partner.get(`/partner/referrals/${ours}`)).statusCode, 404)
    })

    it('shows council staff every referral of their council, with the organisation, and none of another council', async () => {
      const { client: advisor } = await client(['advisor'])
      const page = await advisor.get('/partner/referrals')
      assert.match(page.body, /Priya Shah/)
      assert.match(page.body, /Tom Jones/)
      assert.match(page.body, /Warm Homes Trust/)
      assert.doesNotMatch(page.body, /Ann Other/)
      assert.equal((await advisor.get(`/partner/referrals/${theirs}`)).statusCode, 200)
      assert.equal((await advisor.get(`/partner/referrals/${otherCouncils}`)).statusCode, 404)
    })

    it('refuses roles without referrals, residents, and people not signed in', async () => {
      const { client: dpo } = await client(['dpo'])
      assert.equal((await dpo.get('/partner/referrals')).statusCode, 403)
      const resident = await signedInClient(t, {
        kind: 'resident',
        id: (await addAccount(t.database, t.councilId, null)).id,
      })
      assert.equal((await resident.get(`/partner/referrals/${ours}`)).statusCode, 403)
      const anonymous = await new TestClient(t.app).get(`/partner/referrals/${ours}`)
      assert.equal(anonymous.statusCode, 303)
      assert.match(String(anonymous.headers.location), /^\/staff\/sign-in\?returnTo=/)
    })

    it('pages through referrals, newest first', async () => {
      for (let day = 13; day < 40; day++)
        await addReferral(
          t.database,
          t.councilId,
          partnerId,
          await named(t.councilId, 'Many', `Person${day}`),
          new Date(Date.UTC(2026, 0, day, 10)).toISOString(),
        )
      const { client: partner } = await client(['partner'], partnerId)
      const first = await partner.get('/partner/referrals')
      const names = (body: string) =>
        [...body.matchAll(/>([A-Z][a-z]+ [A-Za-z0-9]+)<span class="govuk-visually-hidden">/g)].map((m) => m[1])
      assert.equal(names(first.body).length, 25)
      assert.equal(names(first.body)[0], 'Many Person39')
      const next = /href="(\/partner\/referrals\?cursor=[^"]+)"/.exec(first.body)?.[1]
      assert.ok(next, 'a link to the next page')
      const second = await partner.get(next.replaceAll('&amp;', '&'))
      assert.deepEqual(names(second.body), ['Many Person14', 'Many Person13', 'Priya Shah'])
    })

    it('answers a cursor it never gave out with a 400 page, whatever the engine', async () => {
      const { client: partner } = await client(['partner'], partnerId)
      for (const forged of [
        { created_at: 'x', id: 'abc' },
        { created_at: { a: 1 }, id: 1 },
      ]) {
        const page = await partner.get(
          `/partner/referrals?cursor=${Buffer.from(JSON.stringify(forged)).toString('base64url')}`,
        )
        assert.equal(page.statusCode, 400, JSON.stringify(forged))
        assert.doesNotMatch(page.body, /Priya Shah/)
      }
    })
  })
}
