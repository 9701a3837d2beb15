import { test } from 'node:test'
import assert from 'node:assert/strict'
import { redactPersonal } from './logger.ts'

test('redacts personal fields at any depth, in objects and lists, without changing what was logged', () => {
  const logged = {
    route: '/api/v1/residents',
    change: { after: { given_name: 'Perpetua', ids: [1, 2] } },
    batch: [{ rows: [{ resident: { email: 'p@example.org', id: 7 } }] }, 'plain'],
  }
  const before = structuredClone(logged)
  assert.deepEqual(redactPersonal(logged), {
    route: '/api/v1/residents',
    change: { after: { given_name: '[redacted]', ids: [1, 2] } },
    batch: [{ rows: [{ resident: { email: '[redacted]', id: 7 } }] }, 'plain'],
  })
  assert.deepEqual(logged, before, 'the caller’s object is left as it was')
})

test('a line with nothing personal is written as it is; a field is personal whatever its case', () => {
  const line = { req: { id: 'req-1', method: 'GET', path: '/open311/v2/services.:format' }, responseTime: 0.2 }
  assert.deepEqual(redactPersonal(line), line)
  assert.deepEqual(redactPersonal({ Email: 'p@example.org' }), { Email: '[redacted]' })
})
