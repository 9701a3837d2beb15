// Keeping the staff list on both engines: filtered pages, adding with teams, changing roles and
// teams, disabling (every session ends) and enabling, each audited; and the refusals that keep the
// council from locking itself out: the last active administrator, and disabling oneself.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES, testDatabase } from '../../../test/support/databases.ts'
import type { TestDatabase } from '../../../test/support/databases.ts'
import { createTestCouncil } from '../../../test/support/app.ts'
import { addStaff, sessionCookie } from '../../../test/support/accounts.ts'
import { addTeam, systemActor } from '../../../test/support/fixtures.ts'
import { staffActor } from '../../platform/audit/audit.ts'
import { Problem } from '../../platform/http/problem.ts'
import {
  addStaffMember,
  changeStaffAccess,
  disableStaffMember,
  enableStaffMember,
  getStaffMember,
  listStaffMembers,
} from './service.ts'

async function refusal(work: Promise<unknown>): Promise<Problem> {
  try {
    await work
  } catch (error) {
    if (error instanceof Problem) return error
    throw error
  }
  assert.fail('expected a refusal')
}

for (const engine of ENGINES) {
  describe(`keeping the staff list (${engine})`, () => {
    let database: TestDatabase
    let councilId: number
    let waste: number
    let parking: number
    let adminId: number
    const actor = () => staffActor(adminId, councilId, null)
    const sessionsOf = async (id: number) =>
      (
        await database.db
          .selectFrom('session')
          .select('id')
          .where('subject_kind', '=', 'staff')
          .where('subject_id', '=', id)
          .execute()
      ).length
    const lastAudit = async () =>
      database.db
        .selectFrom('audit_event')
        .select(['action', 'subject_id', 'detail', 'actor_label'])
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow()

    before(async () => {
      database = await testDatabase(engine)
      councilId = await createTestCouncil(database)
      waste = await addTeam(database, councilId, 'Waste')
      parking = await addTeam(database, councilId, 'Parking')
      adminId = (await addStaff(database, councilId, ['admin'], { name: 'Ada Admin' })).id
    })
    after(() => database.close())

    it('adds a member with roles and teams, audited, giving the one-time password once', async () => {
      const added = await addStaffMember(database, actor(), councilId, {
        name: 'Ben Advisor',
        email: 'Ben@Council.example',
        roles: ['advisor', 'caseworker'],
        teamIds: [waste],
      })
      assert.ok(added.password.length >= 12)
      const member = await getStaffMember(database, councilId, added.id)
      assert.deepEqual(member, {
        id: added.id,
        name: 'Ben Advisor',
        email: 'ben@council.example',
        active: true,
        roles: ['advisor', 'caseworker'],
        teamIds: [waste],
        partnerOrgId: null,
      })
      const audit = await lastAudit()
      assert.equal(audit.action, 'staff_created')
      assert.deepEqual(JSON.parse(audit.detail ?? '{}'), { roles: ['advisor', 'caseworker'], team_ids: [waste] })
      assert.doesNotMatch(audit.detail ?? '', /ben|council\.example|password/i)
    })

    it('refuses a taken email, no role, a partner role and a team of another council', async () => {
      const taken = await refusal(
        addStaffMember(database, actor(), councilId, {
          name: 'Ben Again',
          email: 'ben@council.example',
          roles: ['advisor'],
          teamIds: [],
        }),
      )
      assert.equal(taken.status, 409)
      const other = await createTestCouncil(database, 'other', 'Other Council')
      const theirs = await addTeam(database, other, 'Theirs')
      const wrong = await refusal(
        addStaffMember(database, actor(), councilId, {
          name: 'C',
          email: 'c@council.example',
          roles: [],
          teamIds: [theirs],
        }),
      )
      assert.deepEqual(
        wrong.errors?.map((e) => e.name),
        ['roles', 'teams'],
      )
      const partner = await refusal(
        addStaffMember(database, actor(), councilId, {
          name: 'P',
          email: 'p@council.example',
          roles: ['partner'],
          teamIds: [],
        }),
      )
      assert.equal(partner.status, 422)
      assert.equal((await listStaffMembers(database, councilId, { limit: 50 })).items.length, 2)
    })

    it('lists members by name, filtered by role, team and active, a page at a time', async () => {
      for (const name of ['Cat', 'Dan', 'Eve'])
        await addStaffMember(database, actor(), councilId, {
          name: `${name} Caseworker`,
          email: `${name.toLowerCase()}@council.example`,
          roles: ['caseworker'],
          teamIds: [parking],
        })
      const first = await listStaffMembers(database, councilId, { limit: 2, role: 'caseworker' })
      assert.deepEqual(
        first.items.map((m) => m.name),
        ['Ben Advisor', 'Cat Caseworker'],
      )
      assert.ok(first.next_cursor)
      const second = await listStaffMembers(database, councilId, {
        limit: 2,
        role: 'caseworker',
        cursor: first.next_cursor,
      })
      assert.deepEqual(
        second.items.map((m) => m.name),
        ['Dan Caseworker', 'Eve Caseworker'],
      )
      assert.equal(second.next_cursor, null)
      const byTeam = await listStaffMembers(database, councilId, { limit: 50, teamId: waste })
      assert.deepEqual(
        byTeam.items.map((m) => m.name),
        ['Ben Advisor'],
      )
      const admins = await listStaffMembers(database, councilId, { limit: 50, role: 'admin', active: true })
      assert.deepEqual(
        admins.items.map((m) => m.id),
        [adminId],
      )
    })

    it('changes roles and teams, audited, and refuses taking admin from the last active administrator', async () => {
      const everyone = (await listStaffMembers(database, councilId, { limit: 50 })).items
      const benId = everyone.find((m) => m.name === 'Ben Advisor')!.id
      await changeStaffAccess(database, actor(), councilId, benId, {
        roles: ['team_leader', 'admin'],
        teamIds: [parking, waste],
      })
      const changed = await getStaffMember(database, councilId, benId)
      assert.deepEqual(changed?.roles, ['admin', 'team_leader'])
      assert.deepEqual(changed?.teamIds, [Math.min(waste, parking), Math.max(waste, parking)])
      assert.equal((await lastAudit()).action, 'staff_access_changed')
      // Two administrators: either may lose the role, but not both.
      await changeStaffAccess(database, actor(), councilId, benId, { roles: ['advisor'], teamIds: [] })
      const last = await refusal(
        changeStaffAccess(database, actor(), councilId, adminId, { roles: ['advisor'], teamIds: [] }),
      )
      assert.equal(last.status, 409)
      assert.match(last.message, /last active administrator/)
      assert.deepEqual((await getStaffMember(database, councilId, adminId))?.roles, ['admin'])
    })

    it('disables a member, ending every session at once, and enables them again, each audited', async () => {
      const dan = (await listStaffMembers(database, councilId, { limit: 50 })).items.find(
        (m) => m.name === 'Dan Caseworker',
      )!
      await sessionCookie(database, councilId, { kind: 'staff', id: dan.id })
      await sessionCookie(database, councilId, { kind: 'staff', id: dan.id })
      assert.equal(await sessionsOf(dan.id), 2)
      assert.deepEqual(await disableStaffMember(database, actor(), councilId, dan.id), { sessionsEnded: 2 })
      assert.equal(await sessionsOf(dan.id), 0)
      assert.equal((await getStaffMember(database, councilId, dan.id))?.active, false)
      const inactive = await listStaffMembers(database, councilId, { limit: 50, active: false })
      assert.deepEqual(
        inactive.items.map((m) => m.name),
        ['Dan Caseworker'],
      )
      await enableStaffMember(database, actor(), councilId, dan.id)
      assert.equal((await getStaffMember(database, councilId, dan.id))?.active, true)
      assert.equal((await lastAudit()).action, 'staff_enabled')
    })

    it('refuses disabling yourself and the last active administrator', async () => {
      const self = await refusal(disableStaffMember(database, actor(), councilId, adminId))
      assert.match(self.message, /cannot disable your own account/)
      const last = await refusal(disableStaffMember(database, systemActor(councilId), councilId, adminId))
      assert.match(last.message, /last active administrator/)
      assert.equal((await getStaffMember(database, councilId, adminId))?.active, true)
    })
  })
}
