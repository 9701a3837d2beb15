import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES, testDatabase } from '../db/test-databases.ts'
import type { TestDatabase } from '../db/test-databases.ts'
import { nowIso } from '../db/database.ts'
import { councilById, councilBySlug, councilForHost } from './council.ts'
import { DEFAULT_SETTINGS, parseCouncilSettings } from './settings.ts'

describe('council settings', () => {
  it('fills what a council has not set from the defaults', () => {
    assert.deepEqual(parseCouncilSettings('{}'), DEFAULT_SETTINGS)
  })

  it('keeps what a council has set, merging unit costs and working hours field by field', () => {
    const settings = parseCouncilSettings(JSON.stringify({ answerThresholdSeconds: 30, unitCostPence: { letter: 120 }, workingHours: { opens: '08:30' } }))
    assert.equal(settings.answerThresholdSeconds, 30)
    assert.deepEqual(settings.unitCostPence, { face_to_face: 862, phone: 283, web: 15, letter: 120 })
    assert.equal(settings.workingHours.opens, '08:30')
    assert.equal(settings.workingHours.closes, '17:00')
    assert.deepEqual(settings.workingHours.days, [1, 2, 3, 4, 5])
  })
})

for (const engine of ENGINES) {
  describe(`which council a request is for (${engine})`, () => {
    let database: TestDatabase
    const add = async (slug: string, name: string, hostnames: string[]) =>
      (await database.db.insertInto('council').values({ slug, name, hostnames: JSON.stringify(hostnames), settings: '{}', created_at: nowIso() }).returning('id').executeTakeFirstOrThrow()).id

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
  })
}
