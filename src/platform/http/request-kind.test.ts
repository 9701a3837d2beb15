import { test } from 'node:test'
import assert from 'node:assert/strict'
import { isApiPath, isPagePath } from './request-kind.ts'

test('the API and Open311 are API paths; pages and machine paths are not', () => {
  assert.deepEqual(['/api/v1/cases', '/open311/v2/services.json'].map(isApiPath), [true, true])
  assert.deepEqual(['/', '/account', '/staff/audit', '/assets/x.css', '/health'].map(isApiPath), [
    false,
    false,
    false,
    false,
    false,
  ])
})

test('pages are what people read: not the API, assets, health or metrics', () => {
  assert.deepEqual(['/', '/account/sign-in', '/staff', '/partner/referrals'].map(isPagePath), [true, true, true, true])
  assert.deepEqual(['/api/v1/cases', '/open311/v2', '/assets/govuk/x.js', '/health', '/metrics'].map(isPagePath), [
    false,
    false,
    false,
    false,
    false,
  ])
})
