import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { MAX_ID, recordIdOf } from './ids.ts'

describe('record ids from links and forms', () => {
  it('reads a whole number a record can have', () => {
    assert.equal(recordIdOf('1'), 1)
    assert.equal(recordIdOf('42'), 42)
    assert.equal(recordIdOf(String(MAX_ID)), MAX_ID)
  })

  it('turns away anything that cannot name a record, PostgreSQL’s integer limit included', () => {
    for (const raw of ['', '0', '-1', '1.5', '1e3', 'abc', ' 1', String(MAX_ID + 1), '99999999999', '999999999999999'])
      assert.equal(recordIdOf(raw), undefined, raw)
  })
})
