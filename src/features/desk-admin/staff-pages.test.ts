// /staff/admin/staff on both engines: an administrator filters and pages the staff list, adds a
// member (the one-time password shown once), changes roles and teams, disables and enables; the
// last administrator and disabling oneself are refused on the page; an advisor is refused it all.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES } from '../../../test/support/databases.ts'
import { testApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import type { TestClient } from '../../../test/support/client.ts'
import { addStaff, signedInClient } from '../../../test/support/accounts.ts'
import { addTeam } from '../../../test/support/fixtures.ts'
import { getStaffMember } from '../staff-sign-in/service.ts'

for (const engine of ENGINES) {
  describe(`staff pages (${engine})`, () => {
    let t: TestApp
    let admin: TestClient
    let adminId: number
    let advisor: TestClient
    let advisorId: number
    let waste: number

    before(async () => {
      t = await testApp(engine)
      waste = await addTeam(t.database, t.councilId, 'Waste')
      adminId = (await addStaff(t.database, t.councilId, ['admin'], { name: 'Ada Admin' })).id
      admin = await signedInClient(t, { kind: 'staff', id: adminId })
      advisorId = (await addStaff(t.database, t.councilId, ['advisor'], { name: 'Avi Advisor' })).id
      advisor = await signedInClient(t, { kind: 'staff', id: advisorId })
    })
    after(() => t.close())

    it('refuses every staff page and change to an advisor', async () => {
      for (const url of ['/staff/admin/staff', '/staff/admin/staff/new', `/staff/admin/staff/${adminId}`])
        assert.equal((await advisor.get(url)).statusCode, 403, url)
      const sneaky = await advisor.submit('/staff', { roles: 'admin' }, `/staff/admin/staff/${advisorId}`)
      assert.equal(sneaky.statusCode, 403)
      assert.deepEqual((await getStaffMember(t.database, t.councilId, advisorId))?.roles, ['advisor'])
    })

    it('adds a member and shows the one-time password once, never in the address or the audit trail', async () => {
      const fields = {
        name: 'Bea Caseworker',
        email: 'bea@council.example',
        roles: ['caseworker'],
        teams: [String(waste)],
      }
      const added = await admin.submit('/staff/admin/staff/new', fields, '/staff/admin/staff')
      assert.equal(added.statusCode, 200)
      assert.equal(added.headers['cache-control'], 'no-store')
      const password = /id="one-time-password"><code>([^<]+)</.exec(added.body)?.[1]
      assert.ok(password && password.length >= 12)
      const id = Number(/\/staff\/admin\/staff\/(\d+)"/.exec(added.body)?.[1])
      const member = await getStaffMember(t.database, t.councilId, id)
      assert.deepEqual([member?.roles, member?.teamIds], [['caseworker'], [waste]])
      assert.doesNotMatch((await admin.get(`/staff/admin/staff/${id}`)).body, new RegExp(password))
      const details = await t.database.db.selectFrom('audit_event').select('detail').execute()
      assert.ok(details.every((d) => !(d.detail ?? '').includes(password)))
    })

    it('refuses a missing name, a bad email, no role and a taken email, keeping what was typed', async () => {
      const wrong = await admin.submit(
        '/staff/admin/staff/new',
        { name: '', email: 'not an email', teams: [String(waste)] },
        '/staff/admin/staff',
      )
      assert.equal(wrong.statusCode, 400)
      const links = [...wrong.body.matchAll(/<a href="#(\w+)">/g)].map((m) => m[1])
      assert.deepEqual(links, ['name', 'email', 'roles'])
      assert.match(wrong.body, /value="not an email"/)
      assert.match(wrong.body, new RegExp(`value="${waste}" checked`))
      const taken = await admin.submit(
        '/staff/admin/staff/new',
        { name: 'Bea Again', email: 'BEA@council.example', roles: 'advisor' },
        '/staff/admin/staff',
      )
      assert.equal(taken.statusCode, 400)
      assert.match(taken.body, /href="#email">Another member of staff already uses this email address/)
    })

    it('filters the list by role, team and access, and pages it', async () => {
      const byTeam = await admin.get(`/staff/admin/staff?team=${waste}`)
      assert.match(byTeam.body, /Bea Caseworker/)
      assert.doesNotMatch(byTeam.body, /Avi Advisor/)
      const admins = await admin.get('/staff/admin/staff?role=admin&status=active')
      assert.match(admins.body, /Ada Admin/)
      assert.doesNotMatch(admins.body, /Bea Caseworker/)
      assert.match(admins.body, /<option value="admin" selected>/)
      for (let n = 0; n < 25; n++) await addStaff(t.database, t.councilId, ['advisor'], { name: `Zed ${n}` })
      const first = await admin.get('/staff/admin/staff?role=advisor')
      const next = /href="(\/staff\/admin\/staff\?role=advisor&amp;after=[^"]+)"/.exec(first.body)?.[1]
      assert.ok(next, 'a next page link keeping the filter')
      const second = await admin.get(next.replace(/&amp;/g, '&'))
      assert.equal(second.statusCode, 200)
      assert.match(second.body, /Zed \d+/)
      assert.doesNotMatch(second.body, /Avi Advisor/)
    })

    it('changes roles and teams, and refuses taking admin from the last administrator', async () => {
      const saved = await admin.submit(
        `/staff/admin/staff/${advisorId}/edit`,
        { roles: ['advisor', 'team_leader'] },
        `/staff/admin/staff/${advisorId}`,
      )
      assert.equal(saved.statusCode, 303)
      assert.match((await admin.follow(saved)).body, /Roles and teams saved/)
      assert.deepEqual((await getStaffMember(t.database, t.councilId, advisorId))?.roles, ['advisor', 'team_leader'])
      const last = await admin.submit(
        `/staff/admin/staff/${adminId}/edit`,
        { roles: 'manager' },
        `/staff/admin/staff/${adminId}`,
      )
      assert.equal(last.statusCode, 400)
      assert.match(last.body, /href="#roles">This is the council’s last active administrator/)
      assert.match(last.body, /value="manager" checked/)
      assert.deepEqual((await getStaffMember(t.database, t.councilId, adminId))?.roles, ['admin'])
    })

    it('disables a member, whose next page is refused, enables them, and refuses disabling yourself', async () => {
      const before = await advisor.get('/staff')
      assert.equal(before.statusCode, 200)
      const disabled = await admin.submit(
        `/staff/admin/staff/${advisorId}`,
        {},
        `/staff/admin/staff/${advisorId}/disable`,
      )
      assert.equal(disabled.statusCode, 303)
      assert.match((await admin.follow(disabled)).body, /Access stopped: every session they had has ended/)
      assert.notEqual((await advisor.get('/staff')).statusCode, 200)
      const enabled = await admin.submit(
        `/staff/admin/staff/${advisorId}`,
        {},
        `/staff/admin/staff/${advisorId}/enable`,
      )
      assert.equal(enabled.statusCode, 303)
      assert.equal((await getStaffMember(t.database, t.councilId, advisorId))?.active, true)
      const own = await admin.get(`/staff/admin/staff/${adminId}`)
      assert.doesNotMatch(own.body, /Disable their access/)
      const self = await admin.submit(`/staff/admin/staff/${advisorId}`, {}, `/staff/admin/staff/${adminId}/disable`)
      assert.equal(self.statusCode, 400)
      assert.match(self.body, /You cannot disable your own account/)
      assert.equal((await getStaffMember(t.database, t.councilId, adminId))?.active, true)
    })
  })
}
