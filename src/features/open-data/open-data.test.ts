import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import dp from 'datapackage'
import { ENGINES } from '../../../test/support/databases.ts'
import { testApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { councilById } from '../../platform/council/council.ts'
import { DATASET_NAMES, exportOpenData } from './service.ts'
import { PERSONAL, addOpenDataFixture } from './test-fixtures.ts'
import type { OpenDataFixture } from './test-fixtures.ts'

/** Parses the simple CSV these files are (the fixture puts no commas or quotes inside values). */
function csvRecords(text: string): Record<string, string>[] {
  const [header, ...lines] = text.trimEnd().split('\r\n')
  const names = header!.split(',')
  return lines.map((line) => Object.fromEntries(line.split(',').map((value, i) => [names[i], value])))
}

/** Every public file of the open data: the page, each dataset in each format, its schema, the package. */
function publicPaths(): string[] {
  return [
    '/open-data',
    '/open-data/datapackage.json',
    ...DATASET_NAMES.flatMap((name) => ['csv', 'json', 'schema.json'].map((ext) => `/open-data/${name}.${ext}`)),
  ]
}

for (const engine of ENGINES) {
  describe(`open data (${engine})`, () => {
    let t: TestApp
    let fixture: OpenDataFixture
    let dir: string

    before(async () => {
      t = await testApp(engine)
      fixture = await addOpenDataFixture(t)
      dir = mkdtempSync(join(tmpdir(), 'frontdoor-open-data-'))
      const council = await councilById(t.database, t.councilId)
      await exportOpenData(t.database, council!, dir)
    })
    after(async () => {
      rmSync(dir, { recursive: true, force: true })
      await t.close()
    })

    it('publishes one row per case with its service, LGSL code, channel, dates, status and target', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/open-data/requests.csv' })
      assert.equal(response.statusCode, 200)
      assert.match(response.headers['content-type'] as string, /^text\/csv; charset=utf-8/)
      const rows = csvRecords(response.body)
      assert.deepEqual(rows.map((row) => row.reference).sort(), [...fixture.references].sort())
      const home = rows.find((row) => row.reference === fixture.homeCase)!
      assert.equal(home.service_code, 'missed-bin')
      assert.equal(home.lgsl_code, '524')
      assert.equal(home.channel, 'phone')
      assert.equal(home.status, 'resolved')
      assert.equal(home.within_target, 'true', 'resolved at once, well inside 16 working hours')
      assert.match(home.created_at!, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/)
      assert.match(home.resolved_at!, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/)
      const typed = rows.find((row) => row.reference === fixture.typedCase)!
      assert.equal(typed.channel, 'web')
      assert.equal(typed.within_target, '', 'not resolved: neither within nor outside its target')
      assert.equal(typed.resolved_at, '')
    })

    it('places a case by its postcode sector only: from the gazetteer for a UPRN, from a typed address, else nowhere', async () => {
      const rows = csvRecords((await t.app.inject({ method: 'GET', url: '/open-data/requests.csv' })).body)
      const sector = (reference: string) => rows.find((row) => row.reference === reference)!.postcode_sector
      assert.equal(sector(fixture.homeCase), 'ZZ9 9')
      assert.equal(sector(fixture.typedCase), 'YY1 4')
      const third = fixture.references.find((r) => r !== fixture.homeCase && r !== fixture.typedCase)!
      assert.equal(sector(third), '')
    })

    it('gives the same rows as JSON, with true types', async () => {
      const csv = csvRecords((await t.app.inject({ method: 'GET', url: '/open-data/requests.csv' })).body)
      const response = await t.app.inject({ method: 'GET', url: '/open-data/requests.json' })
      assert.equal(response.statusCode, 200)
      assert.match(response.headers['content-type'] as string, /^application\/json/)
      const json = response.json() as Record<string, unknown>[]
      assert.equal(json.length, csv.length)
      const home = json.find((row) => row.reference === fixture.homeCase)!
      assert.equal(home.lgsl_code, 524)
      assert.equal(home.within_target, true)
      assert.equal(json.find((row) => row.reference === fixture.typedCase)!.within_target, null)
    })

    it('publishes the service catalogue with LGSL codes, services not offered online included', async () => {
      const rows = csvRecords((await t.app.inject({ method: 'GET', url: '/open-data/services.csv' })).body)
      assert.deepEqual(
        rows.map((row) => [row.service_code, row.lgsl_code, row.online]),
        [
          ['ctax-discount', '', 'false'],
          ['missed-bin', '524', 'true'],
        ],
      )
    })

    it('never publishes a personal datum of a resident, on the web or in an export', async () => {
      const published: [string, string][] = []
      for (const path of publicPaths()) {
        const response = await t.app.inject({ method: 'GET', url: path })
        assert.equal(response.statusCode, 200, path)
        published.push([path, response.body])
      }
      for (const file of readdirSync(dir)) published.push([`export ${file}`, readFileSync(join(dir, file), 'utf8')])
      const squash = (text: string) => text.toLowerCase().replace(/[\s'’]/g, '')
      for (const [where, body] of published) {
        for (const [what, value] of Object.entries(PERSONAL)) {
          assert.ok(!squash(body).includes(squash(value)), `${where} holds the resident's ${what}`)
        }
      }
    })

    it('exports a data package that Frictionless Data accepts, every row of every resource read against its schema', async () => {
      assert.deepEqual(
        readdirSync(dir).sort(),
        [
          'datapackage.json',
          ...DATASET_NAMES.flatMap((name) => [`${name}.csv`, `${name}.json`, `${name}.schema.json`]),
        ].sort(),
      )
      const pack = await dp.Package.load(join(dir, 'datapackage.json'))
      assert.deepEqual(pack.errors, [])
      assert.equal(pack.valid, true)
      const descriptor = pack.descriptor as { licenses: { name: string; path: string }[]; sources: unknown[] }
      assert.equal(descriptor.licenses[0]!.name, 'OGL-UK-3.0')
      assert.match(
        descriptor.licenses[0]!.path,
        /^https:\/\/www\.nationalarchives\.gov\.uk\/doc\/open-government-licence\/version\/3/,
      )
      assert.ok(descriptor.sources.length > 0)
      assert.deepEqual(pack.resources.map((resource) => resource.name).sort(), [...DATASET_NAMES].sort())
      for (const resource of pack.resources) {
        assert.equal(resource.tabular, true, resource.name)
        const rows = (await resource.read({ keyed: true })) as Record<string, unknown>[]
        const json = JSON.parse(readFileSync(join(dir, `${resource.name}.json`), 'utf8')) as unknown[]
        assert.equal(rows.length, json.length, `${resource.name}: CSV and JSON hold the same rows`)
      }
      const requests = (await pack.resources.find((r) => r.name === 'requests')!.read({ keyed: true })) as Record<
        string,
        unknown
      >[]
      assert.equal(requests.length, 3)
      assert.ok(requests.every((row) => row.created_at instanceof Date))
    })

    it('serves the same package on the web, naming the council', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/open-data/datapackage.json' })
      assert.equal(response.statusCode, 200)
      const web = response.json() as { name: string; title: string; resources: unknown[] }
      const exported = JSON.parse(readFileSync(join(dir, 'datapackage.json'), 'utf8')) as typeof web
      assert.equal(web.name, 'test-council-customer-contact')
      assert.match(web.title, /Test District Council/)
      assert.deepEqual(web.resources, exported.resources)
    })

    it('limits how often one address may download a dataset file, which is made afresh each time', async () => {
      const download = () =>
        t.app.inject({ method: 'GET', url: '/open-data/services.json', remoteAddress: '192.0.2.77' })
      for (let i = 0; i < 30; i++) assert.equal((await download()).statusCode, 200)
      assert.equal((await download()).statusCode, 429)
      const elsewhere = await t.app.inject({
        method: 'GET',
        url: '/open-data/services.json',
        remoteAddress: '192.0.2.78',
      })
      assert.equal(elsewhere.statusCode, 200, 'another address is not held up')
    })

    it('lists each dataset on a public page with its licence, schema, formats and when it was refreshed', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/open-data' })
      assert.equal(response.statusCode, 200)
      for (const name of DATASET_NAMES) {
        assert.ok(response.body.includes(`href="/open-data/${name}.csv"`), name)
        assert.ok(response.body.includes(`href="/open-data/${name}.json"`), name)
        assert.ok(response.body.includes(`href="/open-data/${name}.schema.json"`), name)
      }
      assert.match(response.body, /Open Government Licence v3\.0/)
      assert.match(response.body, /Last refreshed/)
    })
  })
}
