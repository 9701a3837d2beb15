import { test } from 'node:test'
import assert from 'node:assert/strict'
import { LOCK_MINUTES, afterFailure, isLocked } from './lockout.ts'

test('the first two failures are answered at once, the third and fourth are slowed', () => {
  const now = new Date('2026-12-01T10:00:00Z')
  assert.deepEqual(
    [0, 1].map((n) => afterFailure(n, now).delayMs),
    [0, 0],
  )
  const third = afterFailure(2, now)
  const fourth = afterFailure(3, now)
  assert.ok(third.delayMs > 0 && fourth.delayMs > third.delayMs)
  assert.equal(fourth.lockedUntil, null)
})

test('the fifth failure locks the account for 15 minutes, once', () => {
  const now = new Date('2026-12-01T10:00:00Z')
  const fifth = afterFailure(4, now)
  assert.equal(fifth.justLocked, true)
  assert.equal(fifth.lockedUntil, new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString())
  assert.equal(isLocked(fifth.lockedUntil, new Date(now.getTime() + 14 * 60_000)), true)
  assert.equal(isLocked(fifth.lockedUntil, new Date(now.getTime() + 15 * 60_000)), false)
  assert.equal(isLocked(null, now), false)
})
