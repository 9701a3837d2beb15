// What a principal may see of their council's records, worked out once from who they are. Reads
// of cases and referrals take a Scope instead of a bare council id, so a read that forgets to
// narrow a resident or a partner down to their own records does not type-check.
import type { Principal } from './principal.ts'
import { isCouncilStaff } from './principal.ts'

export type Scope =
  /** Council staff and API tokens: every record of their council their role allows. */
  | { kind: 'council'; councilId: number }
  /** A signed-in resident: only their own record, none until their account is linked to one. */
  | { kind: 'resident'; councilId: number; residentId: number | null }
  /** A partner organisation's staff: only referrals to it, none without an organisation. */
  | { kind: 'partner'; councilId: number; partnerOrgId: number | null }

export function scopeOf(principal: Principal): Scope {
  const councilId = principal.councilId
  if (principal.kind === 'resident') return { kind: 'resident', councilId, residentId: principal.residentId ?? null }
  if (isCouncilStaff(principal)) return { kind: 'council', councilId }
  // Whoever is left holds only the partner or resident role: a partner sees its referrals; a
  // resident role on a token or staff account stands for no resident at all.
  if (principal.roles.includes('partner'))
    return { kind: 'partner', councilId, partnerOrgId: principal.partnerOrgId ?? null }
  return { kind: 'resident', councilId, residentId: null }
}

/** The whole council: for callers that are the council's own machinery (imports, seeding, tests). */
export function councilScope(councilId: number): Scope {
  return { kind: 'council', councilId }
}
