import { test } from 'node:test'
import assert from 'node:assert/strict'
import { passwordProblem } from './password-policy.ts'

test('a long, uncommon password is accepted', () => {
  assert.equal(passwordProblem('copper kettle marsh lantern'), undefined)
})

test('short, common, repeated and personal passwords are refused with a reason', () => {
  assert.equal(passwordProblem(''), 'Enter a password')
  assert.match(passwordProblem('short1!') ?? '', /12 characters or more/)
  assert.match(passwordProblem('qwertyuiop123') ?? '', /too common/)
  assert.match(passwordProblem('Password1234') ?? '', /too common/)
  assert.match(passwordProblem('aaaaaaaaaaaaaa') ?? '', /repeated/)
  assert.match(
    passwordProblem('margaret.oduya-2026', ['margaret.oduya@example.org'.split('@')[0] ?? '']) ?? '',
    /name or email/,
  )
  assert.match(passwordProblem('x'.repeat(129)) ?? '', /128 characters or fewer/)
})
