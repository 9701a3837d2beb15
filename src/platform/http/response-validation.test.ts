import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { Type } from '@sinclair/typebox'
import { testApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { StringEnum } from './schemas.ts'

const Reply = Type.Object({ status: StringEnum(['open', 'closed'] as const), at: Type.String({ format: 'date-time' }) })

describe('response validation in tests', () => {
  let t: TestApp

  before(async () => {
    t = await testApp('sqlite', {
      extraRoutes: async (app) => {
        const options = { config: { permission: 'public' as const }, schema: { response: { 200: Reply } } }
        app.get('/api/v1/test-good', options, async () => ({ status: 'open', at: '2026-01-01T00:00:00.000Z' }))
        app.get('/api/v1/test-bad-enum', options, async () => ({ status: 'done', at: '2026-01-01T00:00:00.000Z' }))
        app.get('/api/v1/test-bad-format', options, async () => ({ status: 'open', at: 'yesterday' }))
      },
    })
  })
  after(() => t.close())

  it('lets a response that matches its schema through', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/test-good' })
    assert.equal(response.statusCode, 200)
    assert.deepEqual(response.json(), { status: 'open', at: '2026-01-01T00:00:00.000Z' })
  })

  it('turns a response that breaks its schema into a 500 naming the rule, not the value', async () => {
    for (const [url, rule] of [
      ['/api/v1/test-bad-enum', /response\/status must be equal to one of the allowed values/],
      ['/api/v1/test-bad-format', /response\/at must match format "date-time"/],
    ] as const) {
      const response = await t.app.inject({ method: 'GET', url })
      assert.equal(response.statusCode, 500)
      assert.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8')
      assert.match(response.json().detail, rule)
      assert.doesNotMatch(response.body, /done|yesterday/)
    }
  })
})
