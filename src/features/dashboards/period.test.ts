// Periods as the dashboard reads them: real dates only, the last day counted, the presets whole
// months, quarters and financial years, and the two periods each is compared with.
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { asPeriod, comparisonOf, presets, readPeriod } from './period.ts'

describe('the dashboard period', () => {
  it('takes the first and last days counted, and gives the metrics service the day after', () => {
    const asked = readPeriod({ from: '2025-04-01', to: '2026-03-31' }, '2026-05-10')
    assert.deepEqual(asked.range, { from: '2025-04-01', to: '2026-03-31' })
    assert.deepEqual(asPeriod(asked.range!), { from: '2025-04-01', to: '2026-04-01' })
  })

  it('refuses dates that are not real, backwards periods and more than ten years', () => {
    assert.deepEqual(
      readPeriod({ from: '2025-02-29', to: 'soon' }, '2026-05-10').errors.map((e) => e.name),
      ['from', 'to'],
    )
    assert.equal(readPeriod({ from: '2025-05-02', to: '2025-05-01' }, '2026-05-10').range, null)
    assert.equal(readPeriod({ from: '2010-01-01', to: '2025-01-01' }, '2026-05-10').range, null)
    assert.deepEqual(readPeriod({ from: '', to: '2025-01-01' }, '2026-05-10').errors, [
      { name: 'from', message: 'Enter the first day of the period' },
    ])
  })

  it('defaults to the last 12 whole months', () => {
    assert.deepEqual(readPeriod({}, '2026-05-10').range, { from: '2025-05-01', to: '2026-04-30' })
  })

  it('offers last month, last quarter, last 12 months and financial years', () => {
    assert.deepEqual(
      presets('2026-05-10').map((p) => [p.name, p.range.from, p.range.to]),
      [
        ['Last month', '2026-04-01', '2026-04-30'],
        ['Last quarter', '2026-01-01', '2026-03-31'],
        ['Last 12 months', '2025-05-01', '2026-04-30'],
        ['Financial year 2025 to 2026', '2025-04-01', '2026-03-31'],
        ['Financial year 2024 to 2025', '2024-04-01', '2025-03-31'],
      ],
    )
    assert.equal(presets('2026-03-10')[3]?.name, 'Financial year 2024 to 2025')
  })

  it('compares with the days just before and the same days a year earlier', () => {
    assert.deepEqual(comparisonOf({ from: '2025-06-01', to: '2025-06-30' }), {
      current: { from: '2025-06-01', to: '2025-06-30' },
      previous: { from: '2025-05-02', to: '2025-05-31' },
      yearEarlier: { from: '2024-06-01', to: '2024-06-30' },
    })
    assert.deepEqual(comparisonOf({ from: '2024-02-29', to: '2024-02-29' }).yearEarlier, {
      from: '2023-02-28',
      to: '2023-02-28',
    })
  })
})
