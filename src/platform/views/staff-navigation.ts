// The staff desk's primary navigation: which pages a member of staff is offered, by what their roles
// allow. The platform knows these pages only as data (paths and the permission each needs), the
// way the permission table knows features; a new staff page adds its line here.
import type { Permission } from '../auth/permissions.ts'
import { may } from '../auth/principal.ts'
import type { Principal } from '../auth/principal.ts'

type StaffPage = { text: string; href: string; permission: Permission }

export const STAFF_PAGES: readonly StaffPage[] = [
  { text: 'Home', href: '/staff', permission: 'staff:home' },
  { text: 'Find a resident', href: '/staff/search', permission: 'residents:read' },
  { text: 'Queues', href: '/staff/queues', permission: 'cases:read' },
  // A case for a known caller is raised from their record, so the navigation offers only the report without a name.
  { text: 'Anonymous report', href: '/staff/cases/new', permission: 'cases:write' },
  { text: 'Call backs', href: '/staff/call-backs', permission: 'callbacks:work' },
  { text: 'Messages', href: '/staff/messages', permission: 'messages:manage' },
  { text: 'Letters', href: '/staff/letters', permission: 'messages:manage' },
  { text: 'Knowledge base', href: '/staff/knowledge', permission: 'knowledge:read' },
  { text: 'Dashboard', href: '/staff/dashboard', permission: 'dashboards:read' },
  { text: 'Audit trail', href: '/staff/audit', permission: 'audit:read' },
  { text: 'Administration', href: '/staff/admin', permission: 'admin:manage' },
]

export type StaffNavigationItem = { text: string; href: string; active: boolean }

/** The pages this person may open, the one they are on (or inside) marked as current. */
export function staffNavigationFor(principal: Principal, path: string): StaffNavigationItem[] {
  const offered = STAFF_PAGES.filter((page) => may(principal, page.permission))
  const current = offered
    .filter((page) => path === page.href || path.startsWith(`${page.href}/`))
    .sort((a, b) => b.href.length - a.href.length)[0]
  return offered.map((page) => ({ text: page.text, href: page.href, active: page === current }))
}
