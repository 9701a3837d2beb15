import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { secretBox } from './secret-box.ts'

const box = secretBox('s'.repeat(32))

describe('sealed TOTP secrets', () => {
  it('opens what it sealed, and the sealed value does not contain the secret', () => {
    const sealed = box.seal('JBSWY3DPEHPK3PXP', 'staff_user:1')
    assert.ok(!sealed.includes('JBSWY3DPEHPK3PXP'))
    assert.match(sealed, /^gcm1\$/)
    assert.equal(box.open(sealed, 'staff_user:1'), 'JBSWY3DPEHPK3PXP')
    assert.notEqual(box.seal('JBSWY3DPEHPK3PXP', 'staff_user:1'), sealed, 'a fresh IV each time')
  })

  it('will not open a secret moved to another member of staff, under another session secret, or altered', () => {
    const sealed = box.seal('JBSWY3DPEHPK3PXP', 'staff_user:1')
    assert.equal(box.open(sealed, 'staff_user:2'), undefined)
    assert.equal(secretBox('t'.repeat(32)).open(sealed, 'staff_user:1'), undefined)
    const parts = sealed.split('$')
    const flipped = parts[3]!.startsWith('A') ? 'B' + parts[3]!.slice(1) : 'A' + parts[3]!.slice(1)
    assert.equal(box.open([parts[0], parts[1], parts[2], flipped].join('$'), 'staff_user:1'), undefined)
    assert.equal(box.open('gcm1$x$y', 'staff_user:1'), undefined)
  })

  it('reads a secret an operator stored in plain base32, and nothing else unsealed', () => {
    assert.equal(box.open('JBSWY3DPEHPK3PXP', 'staff_user:1'), 'JBSWY3DPEHPK3PXP')
    assert.equal(box.open('not a secret', 'staff_user:1'), undefined)
  })
})
