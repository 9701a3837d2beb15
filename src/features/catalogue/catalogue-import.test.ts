import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { ENGINES, testDatabase } from '../../../test/support/databases.ts'
import type { TestDatabase } from '../../../test/support/databases.ts'
import { createTestCouncil } from '../../../test/support/app.ts'
import { importCatalogue, listServices, listTeams } from './service.ts'
import { systemActor } from '../../../test/support/fixtures.ts'

const EXAMPLE = parse(readFileSync(new URL('../../../docs/examples/catalogue.yaml', import.meta.url), 'utf8'))

for (const engine of ENGINES) {
  describe(`catalogue import (${engine})`, () => {
    let database: TestDatabase
    let councilId: number
    let otherCouncilId: number

    before(async () => {
      database = await testDatabase(engine)
      councilId = await createTestCouncil(database, 'exampleton', 'Exampleton')
      otherCouncilId = await createTestCouncil(database, 'elsewhere', 'Elsewhere')
    })
    after(() => database.close())

    const services = async (id = councilId) =>
      (await listServices(database, id, { limit: 200, include_inactive: true })).items
    const partners = () =>
      database.db
        .selectFrom('partner_org')
        .select(['name', 'phone'])
        .where('council_id', '=', councilId)
        .orderBy('name')
        .execute()
    const auditCount = async () =>
      Number(
        (
          await database.db
            .selectFrom('audit_event')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )

    it('imports the documented example: every team, organisation and service, each service delivered as the file says', async () => {
      const result = await importCatalogue(database, systemActor(councilId), councilId, EXAMPLE)
      assert.deepEqual(result, {
        ok: true,
        report: {
          teams: { added: 2, updated: 0, unchanged: 0 },
          partner_organisations: { added: 2, updated: 0, unchanged: 0 },
          services: { added: 5, updated: 0, unchanged: 0 },
        },
      })
      const teams = await listTeams(database, councilId)
      assert.deepEqual(
        teams.map((t) => t.name),
        ['Revenues and Benefits', 'Waste and Street Scene'],
      )
      const all = await services()
      assert.deepEqual(all.map((s) => s.open311_code).sort(), [
        'council-tax-move',
        'debt-advice',
        'fly-tipping',
        'missed-bin',
        'pothole',
      ])
      const missedBin = all.find((s) => s.open311_code === 'missed-bin')!
      assert.equal(missedBin.lgsl_code, 524)
      assert.equal(missedBin.target_hours, 16)
      assert.equal(missedBin.team_id, teams.find((t) => t.name === 'Waste and Street Scene')!.id)
      assert.deepEqual(
        missedBin.form.map((f) => f.type),
        ['radios', 'date', 'textarea'],
      )
      const debt = all.find((s) => s.open311_code === 'debt-advice')!
      assert.equal(debt.team_id, null)
      assert.notEqual(debt.partner_org_id, null)
      assert.equal(debt.online_available, false)
      assert.deepEqual(await services(otherCouncilId), [], 'another council is untouched')
    })

    it('imports again as updates, not duplicates, and a changed file changes what it names', async () => {
      const changed = structuredClone(EXAMPLE)
      changed.services[0].target_hours = 8
      changed.services[0].keywords = undefined
      changed.partner_organisations[1].phone = '01632 960 999'
      changed.teams[0].name = 'WASTE AND STREET SCENE'
      const result = await importCatalogue(database, systemActor(councilId), councilId, changed)
      assert.deepEqual(result, {
        ok: true,
        report: {
          teams: { added: 0, updated: 1, unchanged: 1 },
          partner_organisations: { added: 0, updated: 2, unchanged: 0 },
          services: { added: 0, updated: 5, unchanged: 0 },
        },
      })
      const all = await services()
      assert.equal(all.length, 5)
      const missedBin = all.find((s) => s.open311_code === 'missed-bin')!
      assert.equal(missedBin.target_hours, 8)
      assert.deepEqual(missedBin.keywords, [], 'a field taken out of the file goes back to its default')
      assert.deepEqual(
        (await listTeams(database, councilId)).map((t) => t.name),
        ['Revenues and Benefits', 'WASTE AND STREET SCENE'],
      )
      assert.deepEqual(
        (await partners()).map((p) => ({ ...p })),
        [
          { name: 'Exampleton Citizens Advice', phone: '01632 960 999' },
          { name: 'Exampleton County Council Highways', phone: '01632 960500' },
        ],
      )
      const actions = await database.db
        .selectFrom('audit_event')
        .select('action')
        .where('action', '=', 'catalogue.import')
        .execute()
      assert.equal(actions.length, 2, 'each import is audited')
    })

    it('refuses a bad file whole, naming each problem by its place in the file, and writes nothing', async () => {
      const before = { services: await services(), audit: await auditCount() }
      const bad = structuredClone(EXAMPLE)
      bad.services[3].form[0].type = 'colour'
      bad.services[1].target_hours = '24'
      bad.services[0].lgsl_code = 'bins'
      bad.teams.push({ name: 'Parks', email: 'parks@example' })
      const shape = await importCatalogue(database, systemActor(councilId), councilId, bad)
      assert.equal(shape.ok, false)
      assert.deepEqual(!shape.ok && shape.problems.map((p) => p.path), [
        'teams[2].email',
        'services[0].lgsl_code',
        'services[1].target_hours',
        'services[3].form[0].type',
      ])
      assert.equal(
        !shape.ok && shape.problems.find((p) => p.path === 'services[0].lgsl_code')!.message,
        'must be integer or null',
      )

      const wrong = structuredClone(EXAMPLE)
      wrong.teams.push({ name: 'New team' })
      wrong.services.push({ ...EXAMPLE.services[0], name: 'Another', open311_code: 'missed-bin' })
      wrong.services[1].team = 'Nobody here'
      wrong.services[2].partner_organisation = 'Exampleton Citizens Advice'
      wrong.services[3].form.push({ name: 'location_description', label: 'Again', type: 'text', required: false })
      const rules = await importCatalogue(database, systemActor(councilId), councilId, wrong)
      assert.deepEqual(!rules.ok && rules.problems.map((p) => p.path), [
        'services[5].open311_code',
        'services[2]',
        'services[3].form[2].name',
        'services[1].team',
      ])
      assert.deepEqual(await services(), before.services, 'no service changed')
      assert.deepEqual(
        (await listTeams(database, councilId)).map((t) => t.name),
        ['Revenues and Benefits', 'WASTE AND STREET SCENE'],
      )
      assert.equal(await auditCount(), before.audit, 'nothing was written, so nothing was audited')
    })

    it('refuses what is not a catalogue at all', async () => {
      for (const document of [null, 'teams', [], { services: {} }, { councils: [] }]) {
        const result = await importCatalogue(database, systemActor(councilId), councilId, document)
        assert.equal(result.ok, false, JSON.stringify(document))
      }
    })
  })
}
