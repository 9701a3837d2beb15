// The instant behind a London wall-clock time, either side of both clock changes.
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { instantAt, wallClock } from './zoned-time.ts'

const LONDON = 'Europe/London'
const wall = (iso: string) => Date.parse(`${iso}Z`)
const at = (wallIso: string) => new Date(instantAt(wall(wallIso), LONDON)).toISOString()

describe('a council’s clock', () => {
  it('reads London time an hour ahead of UTC in summer and level in winter', () => {
    assert.equal(wallClock(Date.parse('2026-07-01T11:00:00Z'), LONDON), wall('2026-07-01T12:00:00'))
    assert.equal(wallClock(Date.parse('2026-12-01T11:00:00Z'), LONDON), wall('2026-12-01T11:00:00'))
  })

  it('finds the instant of a wall-clock time in winter, in summer and at midnight', () => {
    assert.equal(at('2026-12-07T09:00:00'), '2026-12-07T09:00:00.000Z')
    assert.equal(at('2026-06-13T09:00:00'), '2026-06-13T08:00:00.000Z')
    assert.equal(at('2026-06-14T00:00:00'), '2026-06-13T23:00:00.000Z')
  })

  it('settles across the clock changes: 00:00 and 03:00 on the spring day, 00:00 and 09:00 on the autumn one', () => {
    assert.equal(at('2026-03-29T00:00:00'), '2026-03-29T00:00:00.000Z')
    assert.equal(at('2026-03-29T03:00:00'), '2026-03-29T02:00:00.000Z')
    assert.equal(at('2026-10-25T00:00:00'), '2026-10-24T23:00:00.000Z')
    assert.equal(at('2026-10-25T09:00:00'), '2026-10-25T09:00:00.000Z')
  })
})
