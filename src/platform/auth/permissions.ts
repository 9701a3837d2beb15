// Who may do what: one table in code. Every route names one of these permissions and the guard
// checks it; a route without one fails the route-permission test.
// The platform knows features here, and only as data: the guard must check a permission before any
// feature code runs, so the names live below and no feature is imported (eslint.config.js forbids it).
import type { ApiTokenRole } from '../db/values.ts'

export const PERMISSIONS = {
  /** Anyone, signed in or not: public pages, the catalogue, health. Never personal data. */
  public: [],
  'residents:read': ['advisor', 'caseworker', 'team_leader', 'manager', 'dpo', 'admin'],
  'residents:write': ['advisor', 'caseworker', 'team_leader', 'admin'],
  'residents:merge': ['team_leader', 'admin'],
  'contacts:read': ['advisor', 'caseworker', 'team_leader', 'manager', 'dpo', 'admin'],
  'contacts:write': ['advisor', 'caseworker', 'team_leader', 'admin'],
  /** A resident reads only their own cases: every case read is narrowed by scopeOf (scope.ts). */
  'cases:read': ['resident', 'advisor', 'caseworker', 'team_leader', 'manager', 'dpo', 'admin'],
  'cases:write': ['advisor', 'caseworker', 'team_leader', 'admin'],
  'cases:assign': ['caseworker', 'team_leader', 'admin'],
  /** A signed-in resident's own account and records: never anyone else's (scope.ts narrows every read). */
  'account:own': ['resident'],
  'catalogue:read': ['resident', 'advisor', 'caseworker', 'team_leader', 'manager', 'partner', 'dpo', 'admin'],
  'catalogue:write': ['admin'],
  'metrics:read': ['manager', 'team_leader', 'admin'],
  /** The dashboard and briefing notes: figures only, never a resident; managers and up. */
  'dashboards:read': ['manager', 'admin'],
  'audit:read': ['dpo', 'admin'],
  'referrals:read': ['partner', 'advisor', 'caseworker', 'team_leader', 'admin'],
  /** Knowledge articles that help resolve a contact at first contact: advisors and up read, team leaders write. */
  'knowledge:read': ['advisor', 'caseworker', 'team_leader', 'manager', 'admin'],
  'knowledge:write': ['team_leader', 'admin'],
  'admin:manage': ['admin'],
  /** Messages to residents that have not gone, and the daily letters to print: advisors and up. */
  'messages:manage': ['advisor', 'caseworker', 'team_leader', 'manager', 'admin'],
  /** The staff home page and signing out: every member of staff, whatever their role; never a resident. */
  'staff:home': ['advisor', 'caseworker', 'team_leader', 'manager', 'partner', 'dpo', 'admin'],
  /** An Open311 client's key (its `api_key`): posts service requests and their updates. */
  'open311:write': ['open311'],
  /** The council's telephony platform, proving itself by signing each request (see SIGNED_PERMISSIONS): no role, no token, no session. */
  'telephony:signed': [],
  /** Working the call-back list: advisors ring residents back. */
  'callbacks:work': ['advisor', 'team_leader', 'admin'],
} as const satisfies Record<string, readonly ApiTokenRole[]>

export type Permission = keyof typeof PERMISSIONS

/**
 * Permissions held by no person or token: the route checks a signature made with a secret the
 * caller shares with the council. The guard lets through only requests with no principal; a
 * token or a session is refused, since neither is the machine that signs.
 */
export const SIGNED_PERMISSIONS: readonly Permission[] = ['telephony:signed']

export function roleHas(role: ApiTokenRole, permission: Permission): boolean {
  if (permission === 'public') return true
  return (PERMISSIONS[permission] as readonly ApiTokenRole[]).includes(role)
}

export function isPermission(value: unknown): value is Permission {
  return typeof value === 'string' && Object.hasOwn(PERMISSIONS, value)
}
