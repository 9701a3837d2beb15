// The timeline's date filter counts the council's days: in British Summer Time a day begins at
// 23:00 UTC the evening before, and the days the clocks change are 23 and 25 hours long.
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { dayBeginsAt, parseTimeline } from './timeline.ts'

const LONDON = 'Europe/London'

describe('the single view timeline’s days', () => {
  it('begins a winter day at midnight UTC and a summer day at 23:00 UTC the evening before', () => {
    assert.equal(dayBeginsAt(2026, 1, 15, LONDON).toISOString(), '2026-01-15T00:00:00.000Z')
    assert.equal(dayBeginsAt(2026, 7, 1, LONDON).toISOString(), '2026-06-30T23:00:00.000Z')
  })

  it('gets the days the clocks change right', () => {
    // 29 March 2026: clocks go forward at 01:00 UTC, so that day begins at midnight UTC and the next at 23:00 UTC.
    assert.equal(dayBeginsAt(2026, 3, 29, LONDON).toISOString(), '2026-03-29T00:00:00.000Z')
    assert.equal(dayBeginsAt(2026, 3, 30, LONDON).toISOString(), '2026-03-29T23:00:00.000Z')
    // 25 October 2026: clocks go back at 01:00 UTC; that day began at 23:00 UTC the evening before.
    assert.equal(dayBeginsAt(2026, 10, 25, LONDON).toISOString(), '2026-10-24T23:00:00.000Z')
    assert.equal(dayBeginsAt(2026, 10, 26, LONDON).toISOString(), '2026-10-26T00:00:00.000Z')
  })

  it('filters from the start of the first day to the start of the day after the last, in the council’s time', () => {
    const { filter, errors } = parseTimeline(
      { 'from-day': '1', 'from-month': '7', 'from-year': '2026', 'to-day': '2', 'to-month': '7', 'to-year': '2026' },
      LONDON,
    )
    assert.deepEqual(errors, [])
    assert.equal(filter.from, '2026-06-30T23:00:00.000Z')
    assert.equal(filter.before, '2026-07-02T23:00:00.000Z')
  })

  it('takes a single day as from and to alike, and refuses a range that ends before it starts', () => {
    const day = {
      'from-day': '1',
      'from-month': '7',
      'from-year': '2026',
      'to-day': '1',
      'to-month': '7',
      'to-year': '2026',
    }
    assert.deepEqual(parseTimeline(day, LONDON).errors, [])
    const backwards = { ...day, 'to-day': '30', 'to-month': '6' }
    assert.deepEqual(parseTimeline(backwards, LONDON).errors, [
      { name: 'to', message: 'Date to must be the same as or after date from' },
    ])
  })
})
