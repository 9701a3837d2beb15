import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import type { Role } from '../db/values.ts'
import type { Principal } from './principal.ts'
import { scopeOf } from './scope.ts'

const staff = (roles: Role[], partnerOrgId: number | null = null): Principal => ({
  kind: 'staff',
  id: 4,
  councilId: 2,
  roles,
  label: 'staff:4',
  partnerOrgId,
})
const token = (role: Role): Principal => ({ kind: 'token', id: 9, councilId: 2, roles: [role], label: 'token:t' })

describe('what a principal may see', () => {
  it('gives council staff and council tokens their whole council, never another', () => {
    assert.deepEqual(scopeOf(staff(['advisor'])), { kind: 'council', councilId: 2 })
    assert.deepEqual(scopeOf(token('dpo')), { kind: 'council', councilId: 2 })
    // Staff who also hold the partner role are still council staff.
    assert.deepEqual(scopeOf(staff(['partner', 'caseworker'], 7)), { kind: 'council', councilId: 2 })
  })

  it('narrows a signed-in resident to their own record, and to none before it is linked', () => {
    const resident: Principal = {
      kind: 'resident',
      id: 3,
      councilId: 2,
      roles: ['resident'],
      label: 'account:3',
      residentId: 55,
    }
    assert.deepEqual(scopeOf(resident), { kind: 'resident', councilId: 2, residentId: 55 })
    assert.deepEqual(scopeOf({ ...resident, residentId: null }), { kind: 'resident', councilId: 2, residentId: null })
    assert.deepEqual(scopeOf({ ...resident, residentId: undefined }), {
      kind: 'resident',
      councilId: 2,
      residentId: null,
    })
  })

  it('narrows partner staff to their organisation, and to none without one', () => {
    assert.deepEqual(scopeOf(staff(['partner'], 7)), { kind: 'partner', councilId: 2, partnerOrgId: 7 })
    assert.deepEqual(scopeOf(staff(['partner'])), { kind: 'partner', councilId: 2, partnerOrgId: null })
    assert.deepEqual(scopeOf(token('partner')), { kind: 'partner', councilId: 2, partnerOrgId: null })
  })

  it('gives a token or staff account holding only the resident role no resident at all', () => {
    assert.deepEqual(scopeOf(token('resident')), { kind: 'resident', councilId: 2, residentId: null })
    assert.deepEqual(scopeOf(staff(['resident'])), { kind: 'resident', councilId: 2, residentId: null })
  })
})
