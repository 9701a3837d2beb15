// Every value docs/imports.md gives for a resident column is imported, and the resident is then
// read and changed through the API: an import must never store what the API cannot return.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { ENGINES } from '../../../test/support/databases.ts'
import { testApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { importCsv } from './service.ts'
import { csv } from './test-fixtures.ts'

/** Backticked notation in the docs that describes a format rather than giving a value. */
const NOTATION = new Set(['YYYY-MM-DD', '+'])
const ADDRESS_PARTS = new Set(['address_line_2', 'town', 'postcode', 'uprn'])

/** [column, value] for every backticked value in the rules of the docs' residents table. */
function documentedResidentValues(): [string, string][] {
  const docs = readFileSync(new URL('../../../docs/imports.md', import.meta.url), 'utf8')
  const table = docs.split('## residents')[1]?.split('\n## ')[0] ?? ''
  const values: [string, string][] = []
  for (const row of table.split('\n').filter((line) => line.startsWith('| `'))) {
    const [, columnCell = '', , rules = ''] = row.split('|')
    const column = columnCell.trim().replace(/`/g, '')
    for (const [, value] of rules.matchAll(/`([^`]+)`/g)) if (!NOTATION.has(value!)) values.push([column, value!])
  }
  return values
}

const quoted = (value: string) => `"${value.replace(/"/g, '""')}"`

for (const engine of ENGINES) {
  describe(`documented import values read back through the API (${engine})`, () => {
    let t: TestApp
    const values = documentedResidentValues()

    before(async () => {
      t = await testApp(engine)
    })
    after(() => t.close())

    it('finds the values the docs give, languages among them', () => {
      const languages = values.filter(([column]) => column === 'language').map(([, value]) => value)
      assert.ok(languages.includes('Polish'), 'the docs give an English name')
      assert.ok(languages.includes('cy'))
      assert.ok(values.length >= 15, `found ${values.length}`)
    })

    it('imports each documented value, and each resident reads and changes through the API', async () => {
      const rows = values.map(([column, value], i) => {
        const cells: Record<string, string> = { external_id: `doc-${i}`, given_name: 'Ada', family_name: 'Example' }
        if (ADDRESS_PARTS.has(column)) cells.address_line_1 = '1 High Street'
        cells[column] = value
        return cells
      })
      const header = [
        'external_id',
        'given_name',
        'family_name',
        ...new Set(values.map(([column]) => column)),
        'address_line_1',
      ]
      const unique = [...new Set(header)]
      const text = [unique.join(','), ...rows.map((cells) => unique.map((c) => quoted(cells[c] ?? '')).join(','))].join(
        '\n',
      )
      const report = await importCsv(t.database, t.councilId, 'residents', csv(text + '\n'))
      assert.deepEqual(report.rejections, [])
      assert.equal(report.inserted, values.length)

      for (const [i, [column, value]] of values.entries()) {
        const { id } = await t.database.db
          .selectFrom('resident')
          .select('id')
          .where('external_id', '=', `doc-${i}`)
          .executeTakeFirstOrThrow()
        const read = await t.app.inject({ method: 'GET', url: `/api/v1/residents/${id}`, headers: t.as('advisor') })
        assert.equal(read.statusCode, 200, `${column} ${value}: ${read.body}`)
        const patch = await t.app.inject({
          method: 'PATCH',
          url: `/api/v1/residents/${id}`,
          headers: t.as('advisor'),
          payload: { given_name: 'Adaline' },
        })
        assert.equal(patch.statusCode, 200, `${column} ${value}: ${patch.body}`)
      }
    })

    it('stores a language named in English as its code, and refuses one it cannot place, by line', async () => {
      const report = await importCsv(
        t.database,
        t.councilId,
        'residents',
        csv(
          'external_id,given_name,family_name,language\nlang-1,Jan,Kowalski,Polish\nlang-2,Ben,Jones,WELSH\nlang-3,Ana,Silva,pt-br\nlang-4,Kim,Lee,Elvish\n',
        ),
      )
      assert.equal(report.inserted, 3)
      assert.deepEqual(
        report.rejections.map((r) => ({ line: r.line, reason: r.reason })),
        [
          {
            line: 5,
            reason:
              'language must be a language code such as en, cy or pl, or the English name of a common language such as Polish',
          },
        ],
      )
      const stored = await t.database.db
        .selectFrom('resident')
        .select(['external_id', 'language'])
        .where('external_id', 'like', 'lang-%')
        .orderBy('external_id')
        .execute()
      assert.deepEqual(
        stored.map((row) => ({ ...row })),
        [
          { external_id: 'lang-1', language: 'pl' },
          { external_id: 'lang-2', language: 'cy' },
          { external_id: 'lang-3', language: 'pt-BR' },
        ],
      )
    })

    it('reads and changes a resident whose language an older import stored as written', async () => {
      const report = await importCsv(
        t.database,
        t.councilId,
        'residents',
        csv('external_id,given_name,family_name\nold-1,Jan,Nowak\nold-2,Ann,Other\n'),
      )
      assert.equal(report.inserted, 2)
      for (const [externalId, stored, shown] of [
        ['old-1', 'Polish', 'pl'],
        ['old-2', 'Elvish', null],
      ] as const) {
        await t.database.db
          .updateTable('resident')
          .set({ language: stored })
          .where('external_id', '=', externalId)
          .execute()
        const { id } = await t.database.db
          .selectFrom('resident')
          .select('id')
          .where('external_id', '=', externalId)
          .executeTakeFirstOrThrow()
        const read = await t.app.inject({ method: 'GET', url: `/api/v1/residents/${id}`, headers: t.as('advisor') })
        assert.equal(read.statusCode, 200, read.body)
        assert.equal(read.json().language, shown)
        const patch = await t.app.inject({
          method: 'PATCH',
          url: `/api/v1/residents/${id}`,
          headers: t.as('advisor'),
          payload: { family_name: 'Changed' },
        })
        assert.equal(patch.statusCode, 200, patch.body)
        assert.equal(patch.json().family_name, 'Changed')
      }
    })
  })
}
