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

  it('compares a month, a quarter or a year with the whole months before it and a year earlier', () => {
    const compared = (from: string, to: string) => {
      const { previous, yearEarlier } = comparisonOf({ from, to })
      return [previous.from, previous.to, yearEarlier.from, yearEarlier.to]
    }
    assert.deepEqual(compared('2025-06-01', '2025-06-30'), ['2025-05-01', '2025-05-31', '2024-06-01', '2024-06-30'])
    assert.deepEqual(compared('2025-03-01', '2025-03-31'), ['2025-02-01', '2025-02-28', '2024-03-01', '2024-03-31'])
    // February a year after a leap year: the whole month before, and the whole February before.
    assert.deepEqual(compared('2025-02-01', '2025-02-28'), ['2025-01-01', '2025-01-31', '2024-02-01', '2024-02-29'])
    assert.deepEqual(compared('2026-07-01', '2026-09-30'), ['2026-04-01', '2026-06-30', '2025-07-01', '2025-09-30'])
    assert.deepEqual(compared('2025-01-01', '2025-12-31'), ['2024-01-01', '2024-12-31', '2024-01-01', '2024-12-31'])
    assert.deepEqual(compared('2024-04-01', '2025-03-31'), ['2023-04-01', '2024-03-31', '2023-04-01', '2024-03-31'])
    assert.deepEqual(compared('2019-04-01', '2021-03-31'), ['2017-04-01', '2019-03-31', '2018-04-01', '2020-03-31'])
  })

  it('compares other periods with as many days just before and the same days a year earlier', () => {
    assert.deepEqual(comparisonOf({ from: '2025-06-10', to: '2025-06-19' }), {
      current: { from: '2025-06-10', to: '2025-06-19' },
      previous: { from: '2025-05-31', to: '2025-06-09' },
      yearEarlier: { from: '2024-06-10', to: '2024-06-19' },
    })
    assert.deepEqual(comparisonOf({ from: '2024-02-29', to: '2024-02-29' }).yearEarlier, {
      from: '2023-02-28',
      to: '2023-02-28',
    })
  })

  it('refuses a period that runs past today, and takes one that ends today', () => {
    assert.deepEqual(readPeriod({ from: '2026-05-01', to: '2026-05-11' }, '2026-05-10').errors, [
      { name: 'to', message: 'The last day must be today or earlier (today is 10 May 2026)' },
    ])
    assert.deepEqual(readPeriod({ from: '2026-05-01', to: '2026-05-10' }, '2026-05-10').range, {
      from: '2026-05-01',
      to: '2026-05-10',
    })
  })
})
