import { before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { PRODUCTION_COST, generatePassword, hashCost, hashPassword, verifyPassword } from './passwords.ts'

describe('passwords', () => {
  const password = 'correct horse battery staple'
  let stored: string

  before(async () => {
    stored = await hashPassword(password, PRODUCTION_COST)
  })

  it('stores a salted scrypt hash carrying its cost, never the password', async () => {
    assert.match(stored, /^scrypt\$131072\$8\$1\$[\w-]{22}\$[\w-]{86}$/)
    assert.ok(!stored.includes(password))
    assert.notEqual(await hashPassword(password), stored, 'two hashes of one password must differ by their salt')
  })

  it("hashes at OWASP's cost outside the test runner, and at the lowest accepted cost inside it", async () => {
    assert.deepEqual(hashCost({}), { N: 131072, r: 8, p: 1 })
    assert.deepEqual(hashCost({ NODE_TEST_CONTEXT: 'child-v8' }), { N: 16384, r: 8, p: 1 })
    const cheap = await hashPassword(password)
    assert.match(cheap, /^scrypt\$16384\$8\$1\$/)
    assert.equal(await verifyPassword(password, cheap), true)
  })

  it('accepts the right password', async () => {
    assert.equal(await verifyPassword(password, stored), true)
  })

  it('accepts the same password typed in another Unicode form', async () => {
    const composed = await hashPassword('caf\u00e9 au lait')
    assert.equal(await verifyPassword('cafe\u0301 au lait', composed), true)
  })

  it('refuses a wrong password, and one differing only in case', async () => {
    assert.equal(await verifyPassword('correct horse battery stapler', stored), false)
    assert.equal(await verifyPassword(password.toUpperCase(), stored), false)
    assert.equal(await verifyPassword('', stored), false)
  })

  it('refuses the right password against a tampered or damaged hash', async () => {
    const [scheme, n, r, p, salt, key] = stored.split('$') as [string, string, string, string, string, string]
    const flip = (text: string) => (text[0] === 'A' ? 'B' : 'A') + text.slice(1)
    const tampered = [
      [scheme, n, r, p, flip(salt), key],
      [scheme, n, r, p, salt, flip(key)],
      [scheme, n, r, p, salt, key.slice(0, 40)],
      [scheme, n, r, p, salt],
      ['bcrypt', n, r, p, salt, key],
      [scheme, 'abc', r, p, salt, key],
      [scheme, String(2 ** 30), r, p, salt, key],
      [scheme, String(3), r, p, salt, key],
      [scheme, n, '0', p, salt, key],
      [scheme, n, r, p, salt, key, 'extra'],
      [],
    ]
    for (const parts of tampered)
      assert.equal(await verifyPassword(password, parts.join('$')), false, parts.slice(0, 4).join('$'))
  })

  it('generates readable one-time passwords that differ each time', () => {
    const first = generatePassword()
    assert.match(first, /^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/)
    assert.doesNotMatch(first, /[ilo01]/, 'no characters that are easy to misread')
    assert.notEqual(generatePassword(), first)
  })
})
