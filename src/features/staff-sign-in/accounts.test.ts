// Partner accounts from the command line: the organisation is found by name whatever its case,
// only among the council's active ones, and the account is tied to it. Disabling ends every session at once.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES, testDatabase } from '../../../test/support/databases.ts'
import type { TestDatabase } from '../../../test/support/databases.ts'
import { nowIso } from '../../platform/db/database.ts'
import type { Actor } from '../../platform/audit/audit.ts'
import type { Flag } from '../../platform/db/values.ts'
import { addStaff } from '../../../test/support/accounts.ts'
import { createSession, readSession } from '../../platform/auth/sessions.ts'
import { createStaffAccount, disableStaffAccount, partnerOrgNamed } from './accounts.ts'

for (const engine of ENGINES) {
  describe(`staff accounts from the command line (${engine})`, () => {
    let database: TestDatabase
    let councilId: number
    let otherCouncilId: number
    const orgs: Record<string, number> = {}
    const cli = (): Actor => ({ kind: 'system', id: null, label: 'cli', councilId })

    const addCouncil = async (slug: string) =>
      (
        await database.db
          .insertInto('council')
          .values({ slug, name: slug, hostnames: '[]', settings: '{}', created_at: nowIso() })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
    const addOrg = async (council: number, name: string, active: Flag = 1) =>
      (
        await database.db
          .insertInto('partner_org')
          .values({
            council_id: council,
            name,
            description: null,
            email: null,
            phone: null,
            website: null,
            open_referral_id: null,
            active,
            created_at: nowIso(),
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id

    before(async () => {
      database = await testDatabase(engine)
      councilId = await addCouncil('home')
      otherCouncilId = await addCouncil('elsewhere')
      orgs.ageing = await addOrg(councilId, 'Ageing Well Ébury')
      orgs.closed = await addOrg(councilId, 'Closed Food Bank', 0)
      orgs.citizens = await addOrg(councilId, 'Citizens Advice')
      orgs.foreign = await addOrg(otherCouncilId, 'Shared Name Trust')
    })
    after(() => database.close())

    it('finds an active partner organisation of the council by name, whatever its case', async () => {
      assert.deepEqual(await partnerOrgNamed(database, councilId, 'ageing well ÉBURY'), { ok: true, id: orgs.ageing })
      assert.deepEqual(await partnerOrgNamed(database, councilId, '  Ageing Well Ébury '), {
        ok: true,
        id: orgs.ageing,
      })
    })

    it('finds none that is closed or belongs to another council; two of one name cannot exist to choose between', async () => {
      assert.deepEqual(await partnerOrgNamed(database, councilId, 'Closed Food Bank'), { ok: false, reason: 'none' })
      assert.deepEqual(await partnerOrgNamed(database, councilId, 'Shared Name Trust'), { ok: false, reason: 'none' })
      assert.deepEqual(await partnerOrgNamed(database, councilId, 'Ageing Well'), { ok: false, reason: 'none' })
      assert.deepEqual(await partnerOrgNamed(database, councilId, 'citizens advice'), { ok: true, id: orgs.citizens })
      // The database holds a council's partner names unique whatever their case (migration 012).
      await assert.rejects(addOrg(councilId, 'CITIZENS ADVICE'))
    })

    it('ties a partner account to its organisation, and audits which one without personal data', async () => {
      const created = await createStaffAccount(database, cli(), {
        councilId,
        name: 'Dev Mistry',
        email: 'Dev@Ageing.example',
        roles: ['partner'],
        partnerOrgId: orgs.ageing,
      })
      assert.ok(created.ok)
      const row = await database.db
        .selectFrom('staff_user')
        .select(['email', 'partner_org_id'])
        .where('id', '=', created.id)
        .executeTakeFirstOrThrow()
      assert.deepEqual({ ...row }, { email: 'dev@ageing.example', partner_org_id: orgs.ageing })
      const audit = await database.db
        .selectFrom('audit_event')
        .select('detail')
        .where('action', '=', 'staff_created')
        .where('subject_id', '=', String(created.id))
        .executeTakeFirstOrThrow()
      assert.deepEqual(JSON.parse(audit.detail!), { roles: ['partner'], partner_org_id: orgs.ageing })
    })

    it('makes no partner without an organisation, and no organisation for anyone else', async () => {
      await assert.rejects(
        createStaffAccount(database, cli(), {
          councilId,
          name: 'No Org',
          email: 'no-org@partner.example',
          roles: ['partner'],
        }),
        /needs a partner organisation/,
      )
      await assert.rejects(
        createStaffAccount(database, cli(), {
          councilId,
          name: 'Advisor',
          email: 'advisor@council.example',
          roles: ['advisor'],
          partnerOrgId: orgs.ageing,
        }),
        /only a partner account has one/,
      )
      const made = await database.db
        .selectFrom('staff_user')
        .select('email')
        .where('email', 'in', ['no-org@partner.example', 'advisor@council.example'])
        .execute()
      assert.deepEqual(made, [])
    })

    it('disables an account of this council by email, whatever its case, ending its sessions and only its own, audited', async () => {
      const staff = await addStaff(database, councilId, ['advisor'], { email: 'jo.marsh@home.example' })
      const colleague = await addStaff(database, councilId, ['advisor'])
      const open = async (id: number) =>
        (
          await createSession(database.db, {
            councilId,
            subjectKind: 'staff',
            subjectId: id,
            data: { stage: 'signed_in' },
          })
        ).token
      const tokens = [await open(staff.id), await open(staff.id)]
      const colleagueToken = await open(colleague.id)

      assert.deepEqual(await disableStaffAccount(database, cli(), councilId, ' Jo.Marsh@Home.example '), {
        sessionsEnded: 2,
        wasActive: true,
      })
      for (const token of tokens) assert.equal(await readSession(database, token), null)
      assert.ok(await readSession(database, colleagueToken), 'a colleague stays signed in')
      const row = await database.db
        .selectFrom('staff_user')
        .select('active')
        .where('id', '=', staff.id)
        .executeTakeFirstOrThrow()
      assert.equal(row.active, 0)
      const audit = await database.db
        .selectFrom('audit_event')
        .select('detail')
        .where('action', '=', 'staff_disabled')
        .where('subject_id', '=', String(staff.id))
        .execute()
      assert.deepEqual(
        audit.map((a) => JSON.parse(a.detail!)),
        [{ sessions_ended: 2 }],
      )

      assert.deepEqual(await disableStaffAccount(database, cli(), councilId, 'jo.marsh@home.example'), {
        sessionsEnded: 0,
        wasActive: false,
      })
      assert.equal(await disableStaffAccount(database, cli(), councilId, 'nobody@home.example'), undefined)
      assert.equal(
        await disableStaffAccount(database, cli(), otherCouncilId, 'jo.marsh@home.example'),
        undefined,
        'not from another council',
      )
    })
  })
}
