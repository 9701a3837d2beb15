import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES, testDatabase } from '../../../test/support/databases.ts'
import type { TestDatabase } from '../../../test/support/databases.ts'
import { nowIso } from '../db/database.ts'
import { councilById, councilBySlug, councilForHost, createCouncil, hostnameProblem, slugProblem } from './council.ts'
import { verifyAuditChain } from '../audit/audit.ts'
import { DEFAULT_SETTINGS, parseCouncilSettings } from './settings.ts'
import { changeCouncilSettings } from './settings-write.ts'

describe('council settings', () => {
  it('fills what a council has not set from the defaults', () => {
    assert.deepEqual(parseCouncilSettings('{}'), DEFAULT_SETTINGS)
  })

  it('keeps what a council has set, merging unit costs and working hours field by field', () => {
    const settings = parseCouncilSettings(
      JSON.stringify({ answerThresholdSeconds: 30, unitCostPence: { letter: 120 }, workingHours: { opens: '08:30' } }),
    )
    assert.equal(settings.answerThresholdSeconds, 30)
    assert.deepEqual(settings.unitCostPence, { face_to_face: 862, phone: 283, web: 15, letter: 120 })
    assert.equal(settings.workingHours.opens, '08:30')
    assert.equal(settings.workingHours.closes, '17:00')
    assert.deepEqual(settings.workingHours.days, [1, 2, 3, 4, 5])
  })
})

describe('what a new council may be called', () => {
  it('takes slugs of lowercase letters, digits and hyphens only', () => {
    for (const good of ['exampleton', 'exampleton-dc', 'north-2']) assert.equal(slugProblem(good), undefined, good)
    for (const bad of ['Exampleton', 'example ton', 'exampleton_dc', '-exampleton', 'exampleton-', 'a--b', '', 'é'])
      assert.match(slugProblem(bad) ?? '', /is not a slug/, bad)
  })

  it('takes plain host names, and says what to leave out of a URL', () => {
    for (const good of [
      'localhost',
      'contact.exampleton.gov.uk',
      'Contact.Exampleton.GOV.UK',
      'my-council.example',
      '10.0.0.5',
    ])
      assert.equal(hostnameProblem(good), undefined, good)
    assert.match(hostnameProblem('https://contact.exampleton.gov.uk') ?? '', /leave out the scheme/)
    assert.match(hostnameProblem('contact.exampleton.gov.uk/staff') ?? '', /leave out the path/)
    assert.match(hostnameProblem('contact.exampleton.gov.uk:8443') ?? '', /leave out the port/)
    for (const bad of [
      '',
      'contact..example',
      'contact.example.',
      '-contact.example',
      'contact example',
      'contact_example.uk',
      'a'.repeat(64) + '.example',
    ]) {
      assert.match(hostnameProblem(bad) ?? '', /is not a host name/, JSON.stringify(bad))
    }
  })
})

for (const engine of ENGINES) {
  describe(`adding a council (${engine})`, () => {
    let database: TestDatabase
    const cli = { kind: 'system' as const, id: null, label: 'cli' }

    before(async () => {
      database = await testDatabase(engine)
    })
    after(() => database.close())

    it('adds a council with default settings, found by its host names, and audits it', async () => {
      const created = await createCouncil(database, cli, {
        slug: 'exampleton',
        name: ' Exampleton District Council ',
        hostnames: ['Contact.Exampleton.example', 'contact.exampleton.example', 'staff.exampleton.example'],
      })
      assert.ok(created.ok)
      assert.equal(created.council.name, 'Exampleton District Council')
      assert.deepEqual(
        created.council.hostnames,
        ['contact.exampleton.example', 'staff.exampleton.example'],
        'lower case, once each',
      )
      assert.equal(created.council.settings.answerThresholdSeconds, 60)
      assert.deepEqual(await councilBySlug(database, 'exampleton'), created.council)
      const audit = await database.db
        .selectFrom('audit_event')
        .select(['action', 'actor_kind', 'actor_label', 'council_id', 'subject_type', 'subject_id', 'detail'])
        .where('action', '=', 'council_created')
        .execute()
      assert.deepEqual(
        audit.map((row) => ({ ...row })),
        [
          {
            action: 'council_created',
            actor_kind: 'system',
            actor_label: 'cli',
            council_id: created.council.id,
            subject_type: 'council',
            subject_id: String(created.council.id),
            detail: JSON.stringify({
              slug: 'exampleton',
              hostnames: ['contact.exampleton.example', 'staff.exampleton.example'],
            }),
          },
        ],
      )
      assert.equal((await verifyAuditChain(database)).firstBrokenId, null)
    })

    it('refuses a slug already used, and a host name that already leads to another council, adding nothing', async () => {
      assert.deepEqual(
        await createCouncil(database, cli, { slug: 'exampleton', name: 'Another', hostnames: ['other.example'] }),
        { ok: false, reason: 'slug_taken' },
      )
      assert.deepEqual(
        await createCouncil(database, cli, {
          slug: 'county',
          name: 'County Council',
          hostnames: ['county.example', 'STAFF.exampleton.example'],
        }),
        { ok: false, reason: 'host_taken', host: 'staff.exampleton.example', takenBy: 'exampleton' },
      )
      const slugs = await database.db.selectFrom('council').select('slug').execute()
      assert.deepEqual(
        slugs.map((row) => row.slug),
        ['exampleton'],
      )
      const second = await createCouncil(database, cli, {
        slug: 'county',
        name: 'County Council',
        hostnames: ['county.example'],
      })
      assert.ok(second.ok)
      assert.equal((await councilForHost(database, 'county.example'))?.id, second.council.id)
      assert.equal((await councilForHost(database, 'staff.exampleton.example:443'))?.slug, 'exampleton')
    })
  })

  describe(`which council a request is for (${engine})`, () => {
    let database: TestDatabase
    const add = async (slug: string, name: string, hostnames: string[]) =>
      (
        await database.db
          .insertInto('council')
          .values({ slug, name, hostnames: JSON.stringify(hostnames), settings: '{}', created_at: nowIso() })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id

    before(async () => {
      database = await testDatabase(engine)
    })
    after(() => database.close())

    it('finds no council before one is set up', async () => {
      assert.equal(await councilForHost(database, 'localhost'), undefined)
    })

    it('answers for the only council on any host name', async () => {
      const id = await add('district', 'District Council', ['contact.district.example'])
      assert.equal((await councilForHost(database, 'anything.example'))?.id, id)
      assert.equal((await councilForHost(database, undefined))?.id, id)
    })

    it('tells several councils apart by host name, ignoring port and case', async () => {
      const district = (await councilBySlug(database, 'district'))!.id
      const county = await add('county', 'County Council', ['contact.county.example'])
      assert.equal((await councilForHost(database, 'Contact.County.Example:8443'))?.id, county)
      assert.equal((await councilForHost(database, 'contact.district.example'))?.id, district)
      assert.equal(await councilForHost(database, 'unknown.example'), undefined)
    })

    it('reads a council by id and slug with its settings', async () => {
      const county = await councilBySlug(database, 'county')
      assert.equal(county?.name, 'County Council')
      assert.deepEqual(county?.hostnames, ['contact.county.example'])
      assert.equal(county?.settings.answerThresholdSeconds, 60)
      assert.deepEqual(await councilById(database, county!.id), county)
      assert.equal(await councilBySlug(database, 'nowhere'), undefined)
    })

    it('sees every change to the councils on the next call, whoever made it and however', async () => {
      const county = (await councilBySlug(database, 'county'))!
      assert.equal((await councilForHost(database, 'contact.county.example'))?.settings.answerThresholdSeconds, 60)
      // As the admin pages do: through the settings service.
      await changeCouncilSettings(
        database,
        { kind: 'system', id: null, label: 'test', councilId: county.id },
        county.id,
        {
          answerThresholdSeconds: 25,
        },
      )
      assert.equal((await councilForHost(database, 'contact.county.example'))?.settings.answerThresholdSeconds, 25)
      // As an operator might, straight in the database, telling nothing else: a host name moves and the name changes.
      await database.db
        .updateTable('council')
        .set({ hostnames: JSON.stringify(['new.county.example']), name: 'County Council (renamed)' })
        .where('id', '=', county.id)
        .execute()
      assert.equal(await councilForHost(database, 'contact.county.example'), undefined)
      assert.equal((await councilForHost(database, 'new.county.example'))?.name, 'County Council (renamed)')
      // As the command line does: a new council answers at its host names at once.
      const created = await createCouncil(
        database,
        { kind: 'system', id: null, label: 'cli' },
        {
          slug: 'parish',
          name: 'Parish Council',
          hostnames: ['contact.parish.example'],
        },
      )
      assert.ok(created.ok)
      assert.equal((await councilForHost(database, 'contact.parish.example'))?.id, created.council.id)
    })

    it('sees a change another connection commits on the next call, as from another process or the command line', async () => {
      assert.equal((await councilForHost(database, 'contact.parish.example'))?.name, 'Parish Council')
      const other = database.another()
      try {
        await other.db
          .updateTable('council')
          .set({ hostnames: JSON.stringify(['moved.parish.example']) })
          .where('slug', '=', 'parish')
          .execute()
        assert.equal(await councilForHost(database, 'contact.parish.example'), undefined)
        assert.equal((await councilForHost(database, 'moved.parish.example'))?.slug, 'parish')
        await other.db
          .insertInto('council')
          .values({
            slug: 'town',
            name: 'Town Council',
            hostnames: '["contact.town.example"]',
            settings: '{}',
            created_at: nowIso(),
          })
          .execute()
        assert.equal((await councilForHost(database, 'contact.town.example'))?.slug, 'town')
      } finally {
        await other.close()
      }
    })

    it(`${engine === 'sqlite' ? 'reads nothing' : 'reads the councils each time'} while nothing has changed`, async () => {
      await councilForHost(database, 'contact.town.example')
      let queries = 0
      database.onQuery = () => queries++
      try {
        for (let i = 0; i < 3; i++) assert.equal((await councilForHost(database, 'contact.town.example'))?.slug, 'town')
      } finally {
        delete database.onQuery
      }
      // PostgreSQL has no cheap signal that another process changed them (docs/decisions.md).
      assert.equal(queries, engine === 'sqlite' ? 0 : 3)
    })
  })
}
