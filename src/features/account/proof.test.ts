import { test } from 'node:test'
import assert from 'node:assert/strict'
import { accountOfProof, resendProof } from './proof.ts'

const SECRET = 'a'.repeat(32)

test('a proof names its account for half an hour, and only under the secret that made it', () => {
  const made = new Date('2026-03-01T10:00:00Z')
  const proof = resendProof(SECRET, 42, made)
  assert.equal(accountOfProof(SECRET, proof, new Date('2026-03-01T10:29:00Z')), 42)
  assert.equal(accountOfProof(SECRET, proof, new Date('2026-03-01T10:31:00Z')), undefined, 'too old')
  assert.equal(accountOfProof('b'.repeat(32), proof, made), undefined, 'another secret')
  assert.equal(accountOfProof(SECRET, proof.replace(/^42/, '43'), made), undefined, 'another account')
  assert.equal(accountOfProof(SECRET, 'rubbish', made), undefined)
})
