import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { PERMISSIONS, SIGNED_PERMISSIONS, isPermission, roleHas } from './permissions.ts'
import type { Permission } from './permissions.ts'
import { may } from './principal.ts'
import type { Principal } from './principal.ts'
import { ROLES } from '../db/values.ts'
import type { Role } from '../db/values.ts'

const permissions = Object.keys(PERMISSIONS) as Permission[]
const principal = (...roles: Role[]): Principal => ({ kind: 'token', id: 1, councilId: 1, roles, label: 'token:test' })

describe('permissions table', () => {
  it('names only real roles, each once', () => {
    for (const permission of permissions) {
      const roles = PERMISSIONS[permission] as readonly string[]
      assert.deepEqual(
        roles.filter((role) => !(ROLES as readonly string[]).includes(role)),
        [],
        permission,
      )
      assert.equal(new Set(roles).size, roles.length, `${permission} lists a role twice`)
    }
  })

  it('gives every role something to do, and every permission except public to some role', () => {
    for (const role of ROLES)
      assert.ok(
        permissions.some((p) => p !== 'public' && roleHas(role, p)),
        `${role} has no permission`,
      )
    for (const permission of permissions)
      if (permission !== 'public' && !SIGNED_PERMISSIONS.includes(permission))
        assert.ok(PERMISSIONS[permission].length > 0, permission)
    // A signed route is for the machine holding the council's secret: no person or token may hold it.
    for (const permission of SIGNED_PERMISSIONS) assert.deepEqual(PERMISSIONS[permission], [], permission)
  })

  it('lets anyone through a public permission', () => {
    for (const role of ROLES) assert.equal(roleHas(role, 'public'), true)
  })

  it('keeps residents and partners away from other people’s records', () => {
    const personal: Permission[] = [
      'residents:read',
      'residents:write',
      'residents:merge',
      'contacts:read',
      'cases:write',
      'audit:read',
    ]
    for (const role of ['resident', 'partner'] as const) {
      assert.deepEqual(
        personal.filter((p) => roleHas(role, p)),
        [],
        role,
      )
    }
    // A resident reads cases, but every case read is narrowed to their own (scope.test.ts and
    // the cases API tests); a partner reads none.
    assert.equal(roleHas('resident', 'cases:read'), true)
    assert.equal(roleHas('partner', 'cases:read'), false)
  })

  it('keeps the audit trail to the data protection officer and administrators', () => {
    assert.deepEqual(
      ROLES.filter((role) => roleHas(role, 'audit:read')),
      ['dpo', 'admin'],
    )
  })

  it('grants a principal what any of its roles may do', () => {
    assert.equal(may(principal('advisor'), 'residents:merge'), false)
    assert.equal(may(principal('advisor', 'team_leader'), 'residents:merge'), true)
    assert.equal(may(principal(), 'catalogue:read'), false)
  })

  it('recognises only the permissions in the table', () => {
    assert.equal(isPermission('residents:read'), true)
    assert.equal(isPermission('residents:delete'), false)
    assert.equal(isPermission('toString'), false)
    assert.equal(isPermission(undefined), false)
  })
})
