// The gazetteer import: properties by UPRN, bad rows named by line, a re-import updating in place.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { Readable } from 'node:stream'
import { ENGINES, testDatabase } from '../../../test/support/databases.ts'
import type { TestDatabase } from '../../../test/support/databases.ts'
import { createTestCouncil } from '../../../test/support/app.ts'
import { findAddresses } from '../addresses/service.ts'
import { ImportFileError, importCsv } from './service.ts'

const HEADER = 'uprn,address_line_1,address_line_2,town,postcode,latitude,longitude'
const csv = (...lines: string[]) => Readable.from([[HEADER, ...lines].join('\n') + '\n'])

for (const engine of ENGINES) {
  describe(`importing addresses (${engine})`, () => {
    let database: TestDatabase
    let councilId: number
    before(async () => {
      database = await testDatabase(engine)
      councilId = await createTestCouncil(database)
    })
    after(() => database.close())

    it('adds each property, names every bad row by its line, and finds them by postcode', async () => {
      const report = await importCsv(
        database,
        councilId,
        'addresses',
        csv(
          '100090000001,1 Mill Lane,,Ashby,ab1 2cd,52.1,-1.2',
          '100090000002,2 Mill Lane,Flat A,Ashby,AB1 2CD,,',
          'ABC,3 Mill Lane,,Ashby,AB1 2CD,,',
          '100090000004,,,Ashby,AB1 2CD,,',
          '100090000005,5 Mill Lane,,Ashby,AB1 2CD,52.1,',
        ),
      )
      assert.equal(report.inserted, 2)
      assert.deepEqual(report.rejections, [
        { line: 4, reason: 'uprn must be 1 to 12 digits' },
        { line: 5, reason: 'address_line_1 is required' },
        { line: 6, reason: 'give both latitude and longitude, or neither' },
      ])
      const found = await findAddresses(database, councilId, 'AB12CD')
      assert.deepEqual(
        found.map((p) => [p.uprn, p.address_line_1, p.postcode, p.latitude]),
        [
          ['100090000001', '1 Mill Lane', 'AB1 2CD', 52.1],
          ['100090000002', '2 Mill Lane', 'AB1 2CD', null],
        ],
      )
    })

    it('updates a property already known by its UPRN instead of adding it again', async () => {
      const report = await importCsv(
        database,
        councilId,
        'addresses',
        csv('100090000001,1 Mill Lane,,Ashby Magna,AB1 2CD,52.1,-1.2'),
      )
      assert.deepEqual([report.inserted, report.updated, report.rejected], [0, 1, 0])
      const found = await findAddresses(database, councilId, 'AB1 2CD')
      assert.equal(found.length, 2)
      assert.equal(found.find((p) => p.uprn === '100090000001')?.town, 'Ashby Magna')
    })

    it('refuses a file with a column the gazetteer does not take, writing nothing', async () => {
      await assert.rejects(
        importCsv(database, councilId, 'addresses', Readable.from(['uprn,address_line_1,easting\n1,A,3\n'])),
        (error: unknown) => error instanceof ImportFileError && /unknown column easting/.test(error.message),
      )
    })
  })
}
