import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { DEFAULT_SETTINGS } from '../../platform/council/settings.ts'
import { englandAndWalesBankHolidays } from './bank-holidays.ts'
import { addWorkingHours, isWorkingTime, workingCalendar, workingTimeBetween } from './working-hours.ts'

const calendar = workingCalendar(DEFAULT_SETTINGS.workingHours, true, [])
const due = (start: string, hours: number, cal = calendar) => addWorkingHours(new Date(start), hours, cal).toISOString()

describe('England and Wales bank holidays', () => {
  const holidays = englandAndWalesBankHolidays()
  it('lists the moved and one-off days GOV.UK publishes', () => {
    for (const day of ['2020-05-08', '2022-06-02', '2022-06-03', '2022-09-19', '2023-05-08'])
      assert.ok(holidays.has(day), day)
    assert.equal(holidays.has('2020-05-04'), false, 'the 2020 early May holiday moved to VE day')
    assert.equal(holidays.has('2022-05-30'), false, 'the 2022 spring holiday moved to June')
  })
  it('gives substitute days when Christmas, Boxing Day or New Year fall at a weekend', () => {
    for (const day of [
      '2021-12-27',
      '2021-12-28',
      '2022-01-03',
      '2026-12-28',
      '2027-12-27',
      '2027-12-28',
      '2016-12-27',
    ])
      assert.ok(holidays.has(day), day)
    assert.equal(holidays.has('2026-12-26'), false)
  })
  it('works out Easter for each year', () => {
    assert.ok(holidays.has('2019-04-19') && holidays.has('2019-04-22'))
    assert.ok(holidays.has('2025-04-18') && holidays.has('2025-04-21'))
    assert.ok(holidays.has('2024-03-29') && holidays.has('2024-04-01'))
  })
  it('has eight to ten days a year', () => {
    for (let year = 2015; year <= 2030; year++) {
      const count = [...holidays.keys()].filter((d) => d.startsWith(`${year}-`)).length
      assert.ok(count >= 8 && count <= 10, `${year}: ${count}`)
    }
  })
})

describe('addWorkingHours', () => {
  it('carries a Friday afternoon target over the weekend', () => {
    // Friday 14 November 2025, 16:00 GMT + 2 working hours = Monday 10:00
    assert.equal(due('2025-11-14T16:00:00Z', 2), '2025-11-17T10:00:00.000Z')
  })
  it('skips a bank holiday Monday', () => {
    // Friday 22 August 2025 16:00 BST (15:00Z); Monday 25th is the summer bank holiday
    assert.equal(due('2025-08-22T15:00:00Z', 2), '2025-08-26T09:00:00.000Z')
  })
  it('skips Christmas and Boxing Day substitutes', () => {
    // Thursday 24 December 2026 16:00 + 3h: 1h that day; 25th and 28th closed; resumes Tuesday 29th
    assert.equal(due('2026-12-24T16:00:00Z', 3), '2026-12-29T11:00:00.000Z')
  })
  it('starts counting at the next opening when a case arrives out of hours', () => {
    assert.equal(due('2025-11-15T22:00:00Z', 1), '2025-11-17T10:00:00.000Z', 'Saturday night')
    assert.equal(due('2025-11-18T07:00:00Z', 1), '2025-11-18T10:00:00.000Z', '07:00 on a weekday')
    assert.equal(due('2025-11-18T18:00:00Z', 1), '2025-11-19T10:00:00.000Z', '18:00 on a weekday')
  })
  it('is due at closing time when the target ends exactly then', () => {
    assert.equal(due('2025-11-18T09:00:00Z', 8), '2025-11-18T17:00:00.000Z')
  })
  it('keeps to 09:00-17:00 local time across the clock change', () => {
    // Friday 27 March 2026 16:00 GMT + 2h: clocks go forward on Sunday 29th; Monday 10:00 BST is 09:00Z
    assert.equal(due('2026-03-27T16:00:00Z', 2), '2026-03-30T09:00:00.000Z')
  })
  it('handles fractional hours and long targets', () => {
    assert.equal(due('2025-11-18T09:00:00Z', 0.5), '2025-11-18T09:30:00.000Z')
    // 480 hours = 60 working days from Monday 5 January 2026: due at close on Friday 27 March
    assert.equal(due('2026-01-05T09:00:00Z', 480), '2026-03-27T17:00:00.000Z')
  })
  it('is due at once for a zero target in working time, else at the next opening', () => {
    assert.equal(due('2025-11-18T11:15:00Z', 0), '2025-11-18T11:15:00.000Z')
    assert.equal(due('2025-11-15T11:15:00Z', 0), '2025-11-17T09:00:00.000Z')
  })
  it('follows a council that adds a closure day or re-opens a bank holiday', () => {
    const closesTuesday = workingCalendar(DEFAULT_SETTINGS.workingHours, true, [{ date: '2025-11-18', closed: 1 }])
    assert.equal(due('2025-11-17T16:00:00Z', 2, closesTuesday), '2025-11-19T10:00:00.000Z')
    const worksBankHoliday = workingCalendar(DEFAULT_SETTINGS.workingHours, true, [{ date: '2025-08-25', closed: 0 }])
    assert.equal(due('2025-08-22T15:00:00Z', 2, worksBankHoliday), '2025-08-25T09:00:00.000Z')
    const noBankHolidays = workingCalendar(DEFAULT_SETTINGS.workingHours, false, [])
    assert.equal(due('2025-12-24T16:00:00Z', 2, noBankHolidays), '2025-12-25T10:00:00.000Z')
  })
  it('refuses a negative or missing target', () => {
    assert.throws(() => due('2025-11-18T09:00:00Z', -1), /zero or more/)
    assert.throws(() => due('2025-11-18T09:00:00Z', Number.NaN), RangeError)
  })
})

describe('isWorkingTime', () => {
  it('is true only inside opening hours on working days', () => {
    assert.equal(isWorkingTime(new Date('2025-11-18T12:00:00Z'), calendar), true)
    assert.equal(isWorkingTime(new Date('2025-11-18T17:00:00Z'), calendar), false)
    assert.equal(isWorkingTime(new Date('2025-11-15T12:00:00Z'), calendar), false)
    assert.equal(isWorkingTime(new Date('2025-12-25T12:00:00Z'), calendar), false)
  })
})

describe('working time left before a due time', () => {
  const hours = (from: string, to: string) => workingTimeBetween(new Date(from), new Date(to), calendar) / 3_600_000
  it('counts only opening hours, skipping the weekend', () => {
    // Friday 15:00 to Monday 11:00 (London in winter is UTC): two hours on Friday, two on Monday.
    assert.equal(hours('2026-01-09T15:00:00Z', '2026-01-12T11:00:00Z'), 4)
  })
  it('is the inverse of adding working hours, across a bank holiday and the clock change', () => {
    for (const [start, target] of [
      ['2026-12-24T10:30:00Z', 16],
      ['2026-03-27T16:00:00Z', 9.5],
    ] as const) {
      const due = addWorkingHours(new Date(start), target, calendar)
      assert.equal(workingTimeBetween(new Date(start), due, calendar) / 3_600_000, target, start)
    }
  })
  it('is negative by the working time since a due time that has passed', () => {
    assert.equal(hours('2026-01-12T11:00:00Z', '2026-01-09T15:00:00Z'), -4)
  })
})
