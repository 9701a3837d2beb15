// Times of day worked out by hand on London's clock: GMT in winter, BST (UTC+1) from 01:00 UTC on
// the last Sunday of March to 01:00 UTC on the last Sunday of October.
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { residentClockTime, residentTime, staffTime } from './time-of-day.ts'

const LONDON = 'Europe/London'

describe('the staff clock', () => {
  it('writes the desk’s 24-hour time, seconds only when asked', () => {
    assert.equal(staffTime('2026-12-07T19:51:42Z', LONDON), '19:51')
    assert.equal(staffTime('2026-12-07T19:51:42Z', LONDON, { seconds: true }), '19:51:42')
    assert.equal(staffTime('2026-12-07T09:05:00Z', LONDON), '09:05')
    assert.equal(staffTime(new Date('2026-12-07T12:00:00Z'), LONDON), '12:00')
    assert.equal(staffTime(Date.parse('2026-12-07T00:00:00Z'), LONDON), '00:00', 'never 24:00')
  })

  it('reads summer times an hour on from UTC', () => {
    assert.equal(staffTime('2026-06-13T18:51:42Z', LONDON), '19:51')
    assert.equal(staffTime('2026-06-13T23:00:00Z', LONDON), '00:00', 'midnight in London, 23:00 UTC')
  })

  it('jumps from 00:59 to 02:00 when the clocks go forward (29 March 2026)', () => {
    assert.equal(staffTime('2026-03-29T00:59:59Z', LONDON, { seconds: true }), '00:59:59')
    assert.equal(staffTime('2026-03-29T01:00:00Z', LONDON), '02:00')
  })

  it('shows 01:30 twice when the clocks go back (25 October 2026)', () => {
    assert.equal(staffTime('2026-10-25T00:30:00Z', LONDON), '01:30', 'BST')
    assert.equal(staffTime('2026-10-25T01:30:00Z', LONDON), '01:30', 'GMT, an hour later')
    assert.equal(staffTime('2026-10-25T00:59:59Z', LONDON, { seconds: true }), '01:59:59')
    assert.equal(staffTime('2026-10-25T01:00:00Z', LONDON), '01:00')
  })

  it('sorts as the day runs', () => {
    const times = ['2026-12-07T09:00:00Z', '2026-12-07T10:00:00Z', '2026-12-07T12:00:00Z', '2026-12-07T21:00:00Z']
    const written = times.map((at) => staffTime(at, LONDON))
    assert.deepEqual([...written].sort(), written)
  })
})

describe('the resident clock (GOV.UK style)', () => {
  it('writes hours without minutes, minutes after a colon, am and pm without a space', () => {
    assert.equal(residentClockTime('10:00'), '10am')
    assert.equal(residentClockTime('17:30'), '5:30pm')
    assert.equal(residentClockTime('19:53'), '7:53pm')
    assert.equal(residentClockTime('09:05'), '9:05am')
    assert.equal(residentClockTime('23:59'), '11:59pm')
  })

  it('says midday and midnight, not 12 noon, 12pm or 00:00', () => {
    assert.equal(residentClockTime('12:00'), 'midday')
    assert.equal(residentClockTime('00:00'), 'midnight')
    assert.equal(residentClockTime('24:00'), 'midnight', 'the end of a window that runs to the day’s end')
    assert.equal(residentClockTime('12:30'), '12:30pm')
    assert.equal(residentClockTime('00:05'), '12:05am')
  })

  it('keeps the Welsh words for midday and midnight, and am and pm as English writes them', () => {
    assert.equal(residentClockTime('12:00', 'cy'), '12 hanner dydd')
    assert.equal(residentClockTime('00:00', 'cy'), '12 hanner nos')
    assert.equal(residentClockTime('19:53', 'cy'), '7:53pm')
    assert.equal(residentClockTime('09:00', 'cy'), '9am')
  })

  it('reads an instant on the council’s clock', () => {
    assert.equal(residentTime('2026-12-07T19:53:10Z', LONDON), '7:53pm')
    assert.equal(residentTime('2026-06-13T18:53:10Z', LONDON), '7:53pm', 'summer: 18:53 UTC')
    assert.equal(residentTime('2026-12-07T12:00:00Z', LONDON), 'midday')
    assert.equal(residentTime('2026-06-07T11:00:00Z', LONDON), 'midday', 'summer: 11:00 UTC')
    assert.equal(residentTime('2026-06-13T23:00:00Z', LONDON), 'midnight', 'summer: 23:00 UTC')
    assert.equal(residentTime('2026-06-07T11:00:00Z', LONDON, 'cy'), '12 hanner dydd')
  })

  it('follows the clocks forward and back', () => {
    assert.equal(residentTime('2026-03-29T00:30:00Z', LONDON), '12:30am')
    assert.equal(residentTime('2026-03-29T01:00:00Z', LONDON), '2am')
    assert.equal(residentTime('2026-10-25T00:30:00Z', LONDON), '1:30am')
    assert.equal(residentTime('2026-10-25T01:30:00Z', LONDON), '1:30am')
    assert.equal(residentTime('2026-10-25T11:00:00Z', LONDON), '11am', 'GMT for the rest of the day')
  })
})
