import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES, testDatabase } from '../../../test/support/databases.ts'
import type { TestDatabase } from '../../../test/support/databases.ts'
import { createTestCouncil } from '../../../test/support/app.ts'
import { Problem } from '../../platform/http/problem.ts'
import {
  createService,
  findServiceByOpen311Code,
  getService,
  getTeam,
  listActiveServices,
  listServices,
  listTeams,
  slugify,
  updateService,
  validateAnswers,
} from './service.ts'
import { serviceInput } from './test-fixtures.ts'
import { addPartner, addTeam, systemActor } from '../../../test/support/fixtures.ts'

async function refusal(work: Promise<unknown>): Promise<Problem> {
  try {
    await work
  } catch (error) {
    if (error instanceof Problem) return error
    throw error
  }
  assert.fail('expected the change to be refused')
}

describe('slugify', () => {
  it('makes lower-kebab slugs from service names', () => {
    assert.equal(slugify('Report fly-tipping'), 'report-fly-tipping')
    assert.equal(slugify('  Council Tax: Single Person Discount!  '), 'council-tax-single-person-discount')
    assert.equal(slugify('Bins & Recycling'), 'bins-and-recycling')
    assert.equal(slugify('Café licence'), 'cafe-licence')
    assert.equal(slugify('!!!'), 'service')
  })
})

for (const engine of ENGINES) {
  describe(`catalogue service (${engine})`, () => {
    let database: TestDatabase
    let councilId: number
    let otherCouncilId: number
    let teamId: number
    let partnerId: number
    let otherTeamId: number

    before(async () => {
      database = await testDatabase(engine)
      councilId = await createTestCouncil(database)
      otherCouncilId = await createTestCouncil(database, 'other', 'Other Council')
      teamId = await addTeam(database, councilId, 'Street scene')
      partnerId = await addPartner(database, councilId, 'County Council')
      otherTeamId = await addTeam(database, otherCouncilId, 'Their team')
    })
    after(() => database.close())

    const actor = () => systemActor(councilId)

    it('creates a service with its form, keywords and compiled schema, and audits it', async () => {
      const service = await createService(database, actor(), councilId, serviceInput(teamId))
      assert.equal(service.slug, 'report-fly-tipping')
      assert.deepEqual(service.keywords, ['rubbish', 'dumping'])
      assert.equal(service.form.length, 2)
      assert.deepEqual((service.form_schema as { required: string[] }).required, ['what', 'how_much'])
      assert.equal(service.online_available, true)
      assert.equal(service.active, true)
      assert.deepEqual(await getService(database, councilId, service.id), service)
      assert.equal((await findServiceByOpen311Code(database, councilId, 'fly-tipping'))?.id, service.id)
      const audit = await database.db
        .selectFrom('audit_event')
        .selectAll()
        .where('action', '=', 'service.create')
        .where('subject_id', '=', String(service.id))
        .execute()
      assert.equal(audit.length, 1)
    })

    it('keeps each council to its own services', async () => {
      const service = await findServiceByOpen311Code(database, councilId, 'fly-tipping')
      assert.ok(service)
      assert.equal(await getService(database, otherCouncilId, service.id), undefined)
      assert.equal(await findServiceByOpen311Code(database, otherCouncilId, 'fly-tipping'), undefined)
      const created = await createService(
        database,
        systemActor(otherCouncilId),
        otherCouncilId,
        serviceInput(otherTeamId),
      )
      assert.equal(created.slug, 'report-fly-tipping', 'the same code and slug are free in another council')
    })

    it('gives a second service of the same name its own slug', async () => {
      const second = await createService(
        database,
        actor(),
        councilId,
        serviceInput(teamId, { open311_code: 'fly-tipping-private-land' }),
      )
      assert.equal(second.slug, 'report-fly-tipping-2')
    })

    it('refuses a service delivered by both a team and a partner, or by neither', async () => {
      const both = await refusal(
        createService(
          database,
          actor(),
          councilId,
          serviceInput(teamId, { open311_code: 'both', partner_org_id: partnerId }),
        ),
      )
      assert.equal(both.status, 422)
      assert.deepEqual(
        both.errors?.map((e) => e.name),
        ['body.team_id', 'body.partner_org_id'],
      )
      const neither = await refusal(
        createService(database, actor(), councilId, serviceInput(teamId, { open311_code: 'neither', team_id: null })),
      )
      assert.equal(neither.status, 422)
      assert.equal(await findServiceByOpen311Code(database, councilId, 'both'), undefined)
      assert.equal(await findServiceByOpen311Code(database, councilId, 'neither'), undefined)
    })

    it('refuses a team or partner of another council', async () => {
      const team = await refusal(
        createService(database, actor(), councilId, serviceInput(otherTeamId, { open311_code: 'theirs' })),
      )
      assert.deepEqual(team.errors, [
        { name: 'body.team_id', message: 'There is no team with this id in this council' },
      ])
      const partner = await refusal(
        createService(
          database,
          actor(),
          councilId,
          serviceInput(teamId, { open311_code: 'theirs', team_id: null, partner_org_id: 99_999 }),
        ),
      )
      assert.equal(partner.errors?.[0]?.name, 'body.partner_org_id')
    })

    it('accepts a partner-delivered service', async () => {
      const service = await createService(
        database,
        actor(),
        councilId,
        serviceInput(teamId, {
          name: 'Blue badge',
          open311_code: 'blue-badge',
          team_id: null,
          partner_org_id: partnerId,
        }),
      )
      assert.equal(service.partner_org_id, partnerId)
      assert.equal(service.team_id, null)
    })

    it('refuses a duplicate Open311 code with a conflict', async () => {
      const problem = await refusal(
        createService(database, actor(), councilId, serviceInput(teamId, { name: 'Another name' })),
      )
      assert.equal(problem.status, 409)
      assert.match(problem.detail ?? '', /fly-tipping/)
    })

    it('refuses a form definition with mistakes, naming each', async () => {
      const problem = await refusal(
        createService(
          database,
          actor(),
          councilId,
          serviceInput(teamId, {
            open311_code: 'bad-form',
            form: [
              { name: 'a', label: 'A', type: 'select', required: true },
              { name: 'a', label: 'B', type: 'number', required: true, min: 3, max: 1 },
            ],
          }),
        ),
      )
      assert.equal(problem.status, 422)
      assert.deepEqual(
        problem.errors?.map((e) => e.name),
        ['body.form.0.options', 'body.form.1.name', 'body.form.1.min'],
      )
    })

    it('updates only the given fields, keeps the slug, and audits the field names', async () => {
      const service = await findServiceByOpen311Code(database, councilId, 'fly-tipping')
      assert.ok(service)
      const updated = await updateService(database, actor(), councilId, service.id, {
        name: 'Report dumped rubbish',
        target_hours: 24,
        online_available: false,
        keywords: ['tipping'],
      })
      assert.equal(updated.name, 'Report dumped rubbish')
      assert.equal(updated.slug, 'report-fly-tipping')
      assert.equal(updated.target_hours, 24)
      assert.equal(updated.online_available, false)
      assert.deepEqual(updated.keywords, ['tipping'])
      assert.equal(updated.offline_route, service.offline_route)
      assert.deepEqual(updated.form, service.form)
      const audit = await database.db
        .selectFrom('audit_event')
        .select('detail')
        .where('action', '=', 'service.update')
        .where('subject_id', '=', String(service.id))
        .executeTakeFirstOrThrow()
      assert.deepEqual(JSON.parse(audit.detail ?? '{}'), {
        fields: ['name', 'target_hours', 'online_available', 'keywords'],
      })
    })

    it('moves a service from a team to a partner only when the team is cleared in the same change', async () => {
      const service = await findServiceByOpen311Code(database, councilId, 'fly-tipping-private-land')
      assert.ok(service)
      const both = await refusal(updateService(database, actor(), councilId, service.id, { partner_org_id: partnerId }))
      assert.equal(both.status, 422)
      const moved = await updateService(database, actor(), councilId, service.id, {
        partner_org_id: partnerId,
        team_id: null,
      })
      assert.deepEqual([moved.team_id, moved.partner_org_id], [null, partnerId])
    })

    it('refuses to take another service’s Open311 code, and to change a service of another council', async () => {
      const service = await findServiceByOpen311Code(database, councilId, 'blue-badge')
      assert.ok(service)
      assert.equal(
        (await refusal(updateService(database, actor(), councilId, service.id, { open311_code: 'fly-tipping' })))
          .status,
        409,
      )
      assert.equal(
        (
          await refusal(
            updateService(database, systemActor(otherCouncilId), otherCouncilId, service.id, { name: 'Mine now' }),
          )
        ).status,
        404,
      )
      assert.equal((await getService(database, councilId, service.id))?.name, 'Blue badge')
    })

    it('lists services with filters, hiding inactive ones unless asked', async () => {
      const inactive = await createService(
        database,
        actor(),
        councilId,
        serviceInput(teamId, {
          name: 'Old paper form',
          open311_code: 'old-form',
          active: false,
          open311_group: 'Other',
        }),
      )
      const names = async (query: Parameters<typeof listServices>[2]) =>
        (await listServices(database, councilId, query)).items.map((s) => s.name)
      assert.ok(!(await names({ limit: 50 })).includes(inactive.name))
      assert.ok((await names({ limit: 50, include_inactive: true })).includes(inactive.name))
      assert.deepEqual(await names({ limit: 50, q: 'DUMPED' }), ['Report dumped rubbish'])
      assert.deepEqual(
        await names({ limit: 50, q: 'tipping' }),
        ['Report dumped rubbish', 'Report fly-tipping'],
        'keywords match too',
      )
      assert.deepEqual(await names({ limit: 50, q: '%' }), [], 'wildcards are taken literally')
      assert.deepEqual(await names({ limit: 50, online_available: false }), ['Report dumped rubbish'])
      assert.deepEqual(await names({ limit: 50, group: 'Other', include_inactive: true }), ['Old paper form'])
      assert.ok(!(await listActiveServices(database, councilId)).some((s) => s.id === inactive.id))
    })

    it('pages through the list in name order', async () => {
      const first = await listServices(database, councilId, { limit: 2 })
      assert.equal(first.items.length, 2)
      assert.ok(first.next_cursor)
      const second = await listServices(database, councilId, { limit: 2, cursor: first.next_cursor })
      const all = await listServices(database, councilId, { limit: 50 })
      assert.deepEqual(
        [...first.items, ...second.items].map((s) => s.id),
        all.items.slice(0, 4).map((s) => s.id),
      )
    })

    it('validates answers against the service form', async () => {
      const service = await findServiceByOpen311Code(database, councilId, 'fly-tipping')
      assert.ok(service)
      assert.deepEqual(validateAnswers(service, { what: 'A sofa', how_much: 'A van load' }), [])
      assert.deepEqual(validateAnswers(service, { what: 'A sofa' }), [
        { name: 'answers.how_much', message: 'Select an option from the list' },
      ])
    })

    it('lists and finds the council’s teams only', async () => {
      assert.deepEqual(await listTeams(database, councilId), [{ id: teamId, name: 'Street scene' }])
      assert.equal(await getTeam(database, councilId, otherTeamId), undefined)
    })
  })
}
