import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { hashRecoveryCode, newRecoveryCodes, normaliseRecoveryCode, RECOVERY_CODE_COUNT } from './recovery-codes.ts'

describe('recovery codes', () => {
  it('makes ten different codes of sixteen characters in four groups', () => {
    const codes = newRecoveryCodes()
    assert.equal(codes.length, RECOVERY_CODE_COUNT)
    assert.equal(new Set(codes).size, codes.length)
    for (const code of codes) assert.match(code, /^[0-9a-hjkmnp-tv-z]{4}(-[0-9a-hjkmnp-tv-z]{4}){3}$/)
  })

  it('reads a code however it is typed: capitals, spaces, no dashes, O for 0 and I or L for 1', () => {
    assert.equal(normaliseRecoveryCode('7K2M 9QPX-4V8R C3HD'), '7k2m9qpx4v8rc3hd')
    assert.equal(normaliseRecoveryCode('1o1o-lili-abcd-efgh'), '10101111abcdefgh')
    for (const bad of ['7k2m-9qpx-4v8r', '7k2m-9qpx-4v8r-c3hd-0000', 'uuuu-uuuu-uuuu-uuuu', '', undefined])
      assert.equal(normaliseRecoveryCode(bad), undefined, String(bad))
  })

  it('stores a hash that does not show the code and is the same however the code was typed', () => {
    const [code] = newRecoveryCodes()
    const hash = hashRecoveryCode(normaliseRecoveryCode(code)!)
    assert.match(hash, /^[0-9a-f]{64}$/)
    assert.equal(hashRecoveryCode(normaliseRecoveryCode(code!.toUpperCase().replace(/-/g, ' '))!), hash)
  })
})
