import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import type { CountGroup, CountTable } from './suppression.ts'
import { pinnedDown, suppressedCells, THRESHOLD } from './suppression.ts'

/** A grid of counts with its row, column and grand totals, as the monthly figures have by channel and service. */
function grid(cells: number[][]): CountTable {
  const counts = new Map<string, number>()
  const groups: CountGroup[] = []
  const rows = cells.length
  const columns = cells[0]!.length
  cells.forEach((row, r) => row.forEach((value, c) => counts.set(`${r},${c}`, value)))
  for (let r = 0; r < rows; r++)
    counts.set(
      `${r},T`,
      cells[r]!.reduce((a, b) => a + b, 0),
    )
  for (let c = 0; c < columns; c++)
    counts.set(
      `T,${c}`,
      cells.reduce((sum, row) => sum + row[c]!, 0),
    )
  counts.set(
    'T,T',
    cells.flat().reduce((a, b) => a + b, 0),
  )
  for (let r = 0; r < rows; r++) groups.push({ total: `${r},T`, parts: cells[r]!.map((_, c) => `${r},${c}`) })
  for (let c = 0; c < columns; c++) groups.push({ total: `T,${c}`, parts: cells.map((_, r) => `${r},${c}`) })
  groups.push({ total: 'T,T', parts: cells.map((_, r) => `${r},T`) })
  groups.push({ total: 'T,T', parts: cells[0]!.map((_, c) => `T,${c}`) })
  return { counts, groups }
}

/** A reader with a pencil: any total or part left alone in its group is the total less the rest, again and again. */
function readerWorksOut(table: CountTable, hidden: ReadonlySet<string>): Map<string, number> {
  const known = new Map([...table.counts].filter(([key]) => !hidden.has(key)))
  for (let progress = true; progress;) {
    progress = false
    for (const { total, parts } of table.groups) {
      const missing = [total, ...parts].filter((key) => !known.has(key))
      if (missing.length !== 1) continue
      const sumOfParts = parts.reduce((sum, key) => sum + (known.get(key) ?? 0), 0)
      known.set(missing[0]!, missing[0] === total ? sumOfParts : known.get(total)! - sumOfParts)
      progress = true
    }
  }
  return known
}

describe('small-number suppression', () => {
  it('hides a 3 with a few neighbours that keep it hidden, the totals left published', () => {
    const table = grid([
      [3, 12, 40],
      [9, 7, 25],
      [30, 22, 18],
    ])
    const hidden = suppressedCells(table)
    assert.ok(hidden.has('0,0'))
    assert.ok(hidden.size <= 5, [...hidden].join(' '))
    for (const total of ['0,T', '1,T', '2,T', 'T,0', 'T,1', 'T,2', 'T,T']) assert.ok(!hidden.has(total), total)
    const known = readerWorksOut(table, hidden)
    assert.equal(known.has('0,0'), false)
  })

  it('leaves a table with nothing small as it is, zeros included', () => {
    const table = grid([
      [0, 12],
      [9, 7],
    ])
    assert.deepEqual([...suppressedCells(table)], [])
  })

  it('does not let two small counts in a line give each other away through what they add up to', () => {
    // 1 and 2 hidden alone would share 3: each could only be 1 or 2.
    const table = grid([
      [1, 2, 40],
      [20, 30, 25],
    ])
    const hidden = suppressedCells(table)
    assert.ok(hidden.has('0,0') && hidden.has('0,1') && hidden.has('0,2'), [...hidden].join(' '))
  })

  it('hides a small total, and a small rest of a group that is never published', () => {
    const counts = new Map([
      ['all', 20],
      ['a', 9],
      ['b', 8],
      ['rest', 3],
    ])
    const table: CountTable = {
      counts,
      groups: [{ total: 'all', parts: ['a', 'b', 'rest'] }],
      unpublished: new Set(['rest']),
    }
    const hidden = suppressedCells(table)
    assert.ok(hidden.has('rest'))
    assert.ok(hidden.has('b'), 'the smaller of the published parts goes with it')
    assert.ok(!hidden.has('all'))
  })

  it('on any grid: no count from 1 to 4 is published, and none can be worked out, by a reader or by algebra', () => {
    const cell = fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 60 }))
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 5 })
          .chain((columns) =>
            fc.array(fc.array(cell, { minLength: columns, maxLength: columns }), { minLength: 1, maxLength: 5 }),
          ),
        (cells) => {
          const table = grid(cells)
          const hidden = suppressedCells(table)
          for (const [key, value] of table.counts) {
            if (value > 0 && value < THRESHOLD) assert.ok(hidden.has(key), `${key}=${value} published`)
          }
          for (const [key, value] of readerWorksOut(table, hidden))
            assert.ok(value === 0 || value >= THRESHOLD, `${key}=${value} worked out`)
          assert.deepEqual(pinnedDown(table, hidden), [])
        },
      ),
      { numRuns: 300 },
    )
  })
})
