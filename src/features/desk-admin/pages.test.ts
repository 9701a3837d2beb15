// /staff/admin on both engines: an administrator adds and renames teams and adds and changes
// services through the catalogue, each change audited; mistakes, a taken team name and an Open311
// code in use come back in an error summary keeping what was typed; other roles are refused.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES } from '../../../test/support/databases.ts'
import { testApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import type { TestClient } from '../../../test/support/client.ts'
import { addStaff, signedInClient } from '../../../test/support/accounts.ts'
import { addPartner, addService, addTeam } from '../../../test/support/fixtures.ts'
import { nowIso } from '../../platform/db/database.ts'
import type { Role } from '../../platform/db/values.ts'
import { getService, listTeams } from '../catalogue/service.ts'

for (const engine of ENGINES) {
  describe(`administration pages (${engine})`, () => {
    let t: TestApp
    let admin: TestClient
    let adminId: number
    let advisor: TestClient
    let streetScene: number
    let county: number

    async function signedIn(roles: Role[]): Promise<{ client: TestClient; id: number }> {
      const staff = await addStaff(t.database, t.councilId, roles)
      return { client: await signedInClient(t, { kind: 'staff', id: staff.id }), id: staff.id }
    }

    const auditSince = async (since: string) =>
      (
        await t.database.db
          .selectFrom('audit_event')
          .select(['action', 'subject_type', 'subject_id', 'actor_label'])
          .where('at', '>=', since)
          .orderBy('id')
          .execute()
      ).map((e) => `${e.actor_label} ${e.action} ${e.subject_type}:${e.subject_id}`)

    const service = (fields: Record<string, string>) => ({
      name: 'Report fly-tipping',
      description: 'Rubbish dumped on public land',
      lgslCode: '524',
      open311Code: 'fly-tipping',
      open311Group: 'Street cleaning',
      deliveredBy: `team:${streetScene}`,
      targetHours: '24',
      onlineAvailable: 'yes',
      offlineRoute: 'Phone 01234 567890',
      keywords: 'rubbish, dumping,  rubbish',
      active: 'yes',
      ...fields,
    })

    before(async () => {
      t = await testApp(engine)
      streetScene = await addTeam(t.database, t.councilId)
      county = await addPartner(t.database, t.councilId)
      await addService(t.database, t.councilId, streetScene)
      ;({ client: admin, id: adminId } = await signedIn(['admin']))
      ;({ client: advisor } = await signedIn(['advisor']))
    })
    after(() => t.close())

    it('offers administration in the navigation to an administrator only', async () => {
      const index = await admin.get('/staff/admin')
      assert.equal(index.statusCode, 200)
      assert.match(
        index.body,
        /href="\/staff\/admin"[^>]*aria-current="page"|aria-current="page"[^>]*href="\/staff\/admin"/,
      )
      assert.match(index.body, /href="\/staff\/admin\/services"/)
      assert.match(index.body, /href="\/staff\/admin\/teams"/)
      const home = await advisor.get('/staff')
      assert.doesNotMatch(home.body, /Administration/)
    })

    it('refuses every administration page and change to an advisor', async () => {
      for (const url of ['/staff/admin', '/staff/admin/teams', '/staff/admin/services', '/staff/admin/services/new'])
        assert.equal((await advisor.get(url)).statusCode, 403, url)
      const posted = await advisor.submit('/staff', { name: 'Sneaky team' }, '/staff/admin/teams')
      assert.equal(posted.statusCode, 403)
      assert.equal((await listTeams(t.database, t.councilId)).length, 1)
    })

    it('adds a team, audited, and lists it with a banner', async () => {
      const since = nowIso()
      const saved = await admin.submit('/staff/admin/teams/new', { name: '  Parking services ' }, '/staff/admin/teams')
      assert.equal(saved.statusCode, 303)
      const list = await admin.follow(saved)
      assert.match(list.body, /Team Parking services added/)
      assert.match(list.body, /<td class="govuk-table__cell">Parking services<\/td>/)
      const team = (await listTeams(t.database, t.councilId)).find((x) => x.name === 'Parking services')
      assert.ok(team)
      assert.deepEqual(await auditSince(since), [`staff:${adminId} team.create team:${team.id}`])
    })

    it('refuses an empty or taken team name, keeping what was typed', async () => {
      const empty = await admin.submit('/staff/admin/teams/new', { name: '   ' }, '/staff/admin/teams')
      assert.equal(empty.statusCode, 400)
      assert.match(empty.body, /<title>Error: Add a team/)
      assert.match(empty.body, /href="#name">Enter the team’s name</)
      const taken = await admin.submit('/staff/admin/teams/new', { name: 'street SCENE' }, '/staff/admin/teams')
      assert.equal(taken.statusCode, 400)
      assert.match(taken.body, /There is already a team named Street scene/)
      assert.match(taken.body, /value="street SCENE"/)
    })

    it('renames a team, audited, and refuses a name another team has', async () => {
      const since = nowIso()
      const page = `/staff/admin/teams/${streetScene}/edit`
      assert.match((await admin.get(page)).body, /value="Street scene"/)
      const clash = await admin.submit(page, { name: 'Parking services' }, `/staff/admin/teams/${streetScene}`)
      assert.equal(clash.statusCode, 400)
      assert.match(clash.body, /There is already a team named Parking services/)
      const saved = await admin.submit(page, { name: 'Street cleansing' }, `/staff/admin/teams/${streetScene}`)
      assert.equal(saved.statusCode, 303)
      assert.match((await admin.follow(saved)).body, /Team renamed to Street cleansing/)
      assert.deepEqual(await auditSince(since), [`staff:${adminId} team.update team:${streetScene}`])
      assert.equal((await admin.get('/staff/admin/teams/999999/edit')).statusCode, 404)
    })

    it('adds a service, audited, and shows it', async () => {
      const since = nowIso()
      const saved = await admin.submit('/staff/admin/services/new', service({}), '/staff/admin/services')
      assert.equal(saved.statusCode, 303)
      const id = Number(/\/staff\/admin\/services\/(\d+)$/.exec(String(saved.headers.location))?.[1])
      const shown = await admin.follow(saved)
      assert.match(shown.body, /Service Report fly-tipping added/)
      assert.match(shown.body, /Street cleansing/)
      const stored = await getService(t.database, t.councilId, id)
      assert.ok(stored)
      assert.equal(stored.lgsl_code, 524)
      assert.equal(stored.target_hours, 24)
      assert.equal(stored.team_id, streetScene)
      assert.deepEqual(stored.keywords, ['rubbish', 'dumping'])
      assert.deepEqual(await auditSince(since), [`staff:${adminId} service.create service:${id}`])
      const list = await admin.get('/staff/admin/services')
      assert.match(list.body, /Report fly-tipping<\/a>/)
      assert.match(list.body, /Report a missed bin/)
    })

    it('lists every mistake in the service form, in page order, keeping what was typed', async () => {
      const wrong = service({
        name: '',
        lgslCode: 'twelve',
        open311Code: 'Fly Tipping',
        targetHours: '0',
        deliveredBy: '',
      })
      const page = await admin.submit('/staff/admin/services/new', wrong, '/staff/admin/services')
      assert.equal(page.statusCode, 400)
      const links = [...page.body.matchAll(/<a href="#(\w+)">/g)].map((m) => m[1])
      assert.deepEqual(links, ['name', 'lgslCode', 'open311Code', 'deliveredBy', 'targetHours'])
      assert.match(page.body, /value="twelve"/)
      assert.match(page.body, /value="Fly Tipping"/)
      assert.match(page.body, /Phone 01234 567890/)
    })

    it('refuses an Open311 code another service uses, beside the code', async () => {
      const page = await admin.submit(
        '/staff/admin/services/new',
        service({ open311Code: 'missed-bin' }),
        '/staff/admin/services',
      )
      assert.equal(page.statusCode, 400)
      assert.match(page.body, /href="#open311Code">Another service already uses the Open311 code missed-bin/)
    })

    it('changes a service to a partner and switches it off, audited', async () => {
      const id = (
        await t.database.db
          .selectFrom('service')
          .select('id')
          .where('open311_code', '=', 'fly-tipping')
          .executeTakeFirstOrThrow()
      ).id
      const edit = await admin.get(`/staff/admin/services/${id}/edit`)
      assert.match(edit.body, /value="fly-tipping"/)
      assert.match(edit.body, new RegExp(`value="team:${streetScene}" selected`))
      const since = nowIso()
      const changes = service({ deliveredBy: `partner:${county}`, active: 'no', targetHours: '48' })
      const saved = await admin.submit(`/staff/admin/services/${id}/edit`, changes, `/staff/admin/services/${id}`)
      assert.equal(saved.statusCode, 303)
      assert.match((await admin.follow(saved)).body, /Service saved/)
      const stored = await getService(t.database, t.councilId, id)
      assert.equal(stored?.partner_org_id, county)
      assert.equal(stored?.team_id, null)
      assert.equal(stored?.active, false)
      assert.equal(stored?.target_hours, 48)
      assert.deepEqual(await auditSince(since), [`staff:${adminId} service.update service:${id}`])
      assert.match((await admin.get('/staff/admin/services')).body, /Not offered/)
    })
  })
}
