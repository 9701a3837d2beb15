// Who is making a request, once the guard has looked at it.
import type { Actor } from '../audit/audit.ts'
import type { ApiTokenRole, Open311Channel } from '../db/values.ts'
import type { Permission } from './permissions.ts'
import { roleHas } from './permissions.ts'

export type Principal = {
  kind: 'token' | 'staff' | 'resident'
  id: number
  councilId: number
  roles: readonly ApiTokenRole[]
  /** Safe for the audit trail and logs: a token's name or a staff number, never a person's name. */
  label: string
  /** A signed-in resident's own record (null until their email is verified and linked): all they may see. */
  residentId?: number | null
  /** A partner's organisation: they see only referrals to it. */
  partnerOrgId?: number | null
  /** An Open311 client's key: the channel its requests arrive on. */
  channel?: Open311Channel | null
  /** The session the principal came from, when signed in through a browser. */
  sessionId?: string
}

export function may(principal: Principal, permission: Permission): boolean {
  return principal.roles.some((role) => roleHas(role, permission))
}

export function actorFor(principal: Principal, sourceAddress: string | null): Actor {
  return {
    kind: principal.kind,
    id: principal.id,
    label: principal.label,
    councilId: principal.councilId,
    sourceAddress,
  }
}

/** Staff of the council (not a partner, not a resident): may see any resident of their council their role allows. */
export function isCouncilStaff(principal: Principal): boolean {
  return principal.kind !== 'resident' && !principal.roles.every((role) => role === 'partner' || role === 'resident')
}
