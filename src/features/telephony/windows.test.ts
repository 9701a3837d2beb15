// Call-back windows worked out by hand: the council's hours cut the morning and afternoon, closed
// days and bank holidays are skipped, a window too short to keep is never promised, and the clock
// changes move the instants but not the council's wall-clock times.
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import type { WorkingHours } from '../../platform/council/settings.ts'
import { DEFAULT_SETTINGS } from '../../platform/council/settings.ts'
import { workingCalendar } from '../cases/service.ts'
import { isOfferedWindow, nextOpening, nextWindow, offeredWindows } from './windows.ts'

const NINE_TO_FIVE = DEFAULT_SETTINGS.workingHours
const TEN_TO_FOUR: WorkingHours = { ...NINE_TO_FIVE, opens: '10:00', closes: '16:00' }
const at = (iso: string) => Date.parse(iso)
const bankHolidays = workingCalendar(NINE_TO_FIVE, true, []).closedDays

describe('call-back windows', () => {
  it('cuts the morning and afternoon to the council’s hours', () => {
    assert.deepEqual(offeredWindows(TEN_TO_FOUR), [
      { window: 'morning', from: '10:00', to: '12:00' },
      { window: 'afternoon', from: '12:00', to: '16:00' },
    ])
    const afternoonsOnly = { ...NINE_TO_FIVE, opens: '13:00' }
    assert.deepEqual(offeredWindows(afternoonsOnly), [{ window: 'afternoon', from: '13:00', to: '17:00' }])
    assert.equal(isOfferedWindow('morning', afternoonsOnly), false)
    assert.throws(() => nextWindow('morning', afternoonsOnly, at('2026-12-07T08:00:00Z')), RangeError)
    // Opening at 11:45 leaves a quarter of an hour of morning: too short to promise.
    assert.deepEqual(
      offeredWindows({ ...NINE_TO_FIVE, opens: '11:45' }).map((w) => w.window),
      ['afternoon'],
    )
    for (const tampered of ['toString', '__proto__', 'constructor', 'hasOwnProperty', 'evening'])
      assert.equal(isOfferedWindow(tampered, NINE_TO_FIVE), false, tampered)
  })

  it('skips a closure day and keeps to the hours: Friday evening 4 December to Tuesday 8 December, 10am', () => {
    const closed = new Set(['2026-12-07'])
    const fridayEvening = at('2026-12-04T18:20:00Z')
    assert.deepEqual(nextWindow('morning', TEN_TO_FOUR, fridayEvening, closed), {
      start: '2026-12-08T10:00:00.000Z',
      end: '2026-12-08T12:00:00.000Z',
    })
    assert.deepEqual(nextWindow('afternoon', TEN_TO_FOUR, fridayEvening, closed), {
      start: '2026-12-08T12:00:00.000Z',
      end: '2026-12-08T16:00:00.000Z',
    })
  })

  it('skips Christmas, Boxing Day’s substitute and the weekend: 24 December 2026, 6pm, to Tuesday 29 December', () => {
    // 2026: Christmas is a Friday, Boxing Day a Saturday, so its bank holiday moves to Monday 28th.
    assert.ok(bankHolidays.has('2026-12-25') && bankHolidays.has('2026-12-28'))
    assert.deepEqual(nextWindow('morning', NINE_TO_FIVE, at('2026-12-24T18:00:00Z'), bankHolidays), {
      start: '2026-12-29T09:00:00.000Z',
      end: '2026-12-29T12:00:00.000Z',
    })
  })

  it('never promises less than half an hour: at 11:59 the morning is tomorrow’s, at 11:30 it is the half hour left', () => {
    assert.deepEqual(nextWindow('morning', NINE_TO_FIVE, at('2026-12-08T11:59:00Z')), {
      start: '2026-12-09T09:00:00.000Z',
      end: '2026-12-09T12:00:00.000Z',
    })
    assert.deepEqual(nextWindow('morning', NINE_TO_FIVE, at('2026-12-08T11:30:00Z')), {
      start: '2026-12-08T11:30:00.000Z',
      end: '2026-12-08T12:00:00.000Z',
    })
    assert.deepEqual(nextWindow('afternoon', NINE_TO_FIVE, at('2026-12-08T16:45:00Z')), {
      start: '2026-12-09T12:00:00.000Z',
      end: '2026-12-09T17:00:00.000Z',
    })
  })

  it('keeps the council’s wall clock across the clock changes', () => {
    // Friday 27 March 2026, 5:30pm GMT; the clocks go forward on Sunday 29th, so Monday's 9am is 08:00 UTC.
    assert.deepEqual(nextWindow('morning', NINE_TO_FIVE, at('2026-03-27T17:30:00Z')), {
      start: '2026-03-30T08:00:00.000Z',
      end: '2026-03-30T11:00:00.000Z',
    })
    // Friday 23 October 2026, 6pm BST; the clocks go back on Sunday 25th, so Monday's noon is 12:00 UTC.
    assert.deepEqual(nextWindow('afternoon', NINE_TO_FIVE, at('2026-10-23T17:00:00Z')), {
      start: '2026-10-26T12:00:00.000Z',
      end: '2026-10-26T17:00:00.000Z',
    })
    // Saturday 28 March 2026 at 11:30pm GMT: a day later by the clock is Monday 00:30 BST, yet no day is skipped
    // on a council open every day.
    const everyDay = { ...NINE_TO_FIVE, days: [1, 2, 3, 4, 5, 6, 7] }
    assert.deepEqual(nextWindow('morning', everyDay, at('2026-03-28T23:30:00Z')), {
      start: '2026-03-29T08:00:00.000Z',
      end: '2026-03-29T11:00:00.000Z',
    })
  })
})

describe('when the phone lines open', () => {
  it('is now inside the hours, else the next open day’s opening', () => {
    const closed = new Set(['2026-12-07'])
    assert.deepEqual(nextOpening(TEN_TO_FOUR, at('2026-12-04T11:00:00Z'), closed), {
      at: at('2026-12-04T11:00:00Z'),
      openNow: true,
    })
    // Friday 4 December at 6:20pm, after closing: Monday is a closure day, so Tuesday at 10am.
    assert.deepEqual(nextOpening(TEN_TO_FOUR, at('2026-12-04T18:20:00Z'), closed), {
      at: at('2026-12-08T10:00:00Z'),
      openNow: false,
    })
  })
})
