// The council's staff as an administrator keeps them: who has which roles and teams, and whose
// access is stopped. The council must never lock itself out, so the last active administrator
// cannot lose the role or be disabled, and nobody disables themselves. Disabling ends every
// session at once, as `frontdoor staff disable` does; a role change needs no such step, as the
// guard reads roles afresh on every request.
import type { Database } from '../../platform/db/database.ts'
import type { Queryable } from '../../platform/db/schema.ts'
import type { Role } from '../../platform/db/values.ts'
import type { Actor } from '../../platform/audit/audit.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { endSessionsOf } from '../../platform/auth/sessions.ts'
import { conflict, invalid, notFound } from '../../platform/http/problem.ts'
import type { FieldError } from '../../platform/http/problem.ts'
import { decodeCursor, pageOf } from '../../platform/http/pagination.ts'
import type { MemberCursor, MemberFilters, MemberRow } from './members-repo.ts'
import * as repo from './members-repo.ts'
import { createStaffAccount } from './accounts.ts'
import { refuseLosingLastAdmin } from './last-admin.ts'

export type StaffMember = {
  id: number
  name: string
  email: string
  active: boolean
  roles: Role[]
  teamIds: number[]
  partnerOrgId: number | null
}

export type StaffQuery = MemberFilters & { limit: number; cursor?: string }
export type StaffAccess = { roles: readonly Role[]; teamIds: readonly number[] }

async function withAccess(db: Queryable, rows: MemberRow[]): Promise<StaffMember[]> {
  const ids = rows.map((row) => row.id)
  const [roles, teams] = await Promise.all([repo.rolesOfMembers(db, ids), repo.teamsOfMembers(db, ids)])
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    email: row.email,
    active: row.active === 1,
    roles: roles.get(row.id) ?? [],
    teamIds: teams.get(row.id) ?? [],
    partnerOrgId: row.partner_org_id,
  }))
}

/** Members of staff by name, a page at a time, filtered by role, team and whether they are active. */
export async function listStaffMembers(
  database: Database,
  councilId: number,
  query: StaffQuery,
): Promise<{ items: StaffMember[]; next_cursor: string | null }> {
  const after = decodeCursor<MemberCursor>(query.cursor, ['name', 'id'])
  const rows = await repo.listMemberRows(database.db, councilId, query, query.limit + 1, after)
  const page = pageOf(rows, query.limit, (row) => ({ name: row.name, id: row.id }))
  return { items: await withAccess(database.db, page.items), next_cursor: page.next_cursor }
}

export async function getStaffMember(
  database: Database,
  councilId: number,
  id: number,
): Promise<StaffMember | undefined> {
  const row = await repo.memberRow(database.db, councilId, id)
  return row && (await withAccess(database.db, [row]))[0]
}

/** What is wrong with a set of roles and teams for this member; a partner's role goes with their organisation. */
export async function accessErrors(
  db: Queryable,
  councilId: number,
  access: StaffAccess,
  partnerOrgId: number | null,
): Promise<FieldError[]> {
  const errors: FieldError[] = []
  if (access.roles.length === 0) errors.push({ name: 'roles', message: 'Select at least one role' })
  else if (access.roles.includes('resident'))
    errors.push({ name: 'roles', message: 'Residents have their own accounts, not staff roles' })
  else if (access.roles.includes('partner') !== (partnerOrgId !== null))
    errors.push({
      name: 'roles',
      message: 'Only an account made for a partner organisation has the partner role, and it keeps it',
    })
  const known = await repo.councilTeams(db, councilId, access.teamIds)
  if (known.length !== new Set(access.teamIds).size)
    errors.push({ name: 'teams', message: 'Select teams from the list' })
  return errors
}

async function memberIn(trx: Queryable, councilId: number, id: number): Promise<MemberRow> {
  const row = await repo.memberRow(trx, councilId, id)
  if (!row) throw notFound('Member of staff')
  return row
}

/** Replaces a member's roles and teams, audited; refused when it would leave the council without an active administrator. */
export async function changeStaffAccess(
  database: Database,
  actor: Actor,
  councilId: number,
  id: number,
  access: StaffAccess,
): Promise<void> {
  const roles = [...new Set(access.roles)].sort()
  const teamIds = [...new Set(access.teamIds)].sort((a, b) => a - b)
  await database.db.transaction().execute(async (trx) => {
    const row = await memberIn(trx, councilId, id)
    const errors = await accessErrors(trx, councilId, { roles, teamIds }, row.partner_org_id)
    if (errors.length > 0) throw invalid(errors, 'The roles and teams cannot be saved as they are')
    if (!roles.includes('admin')) await refuseLosingLastAdmin(database, trx, councilId, id)
    await repo.replaceRoles(trx, councilId, id, roles)
    await repo.replaceTeams(trx, councilId, id, teamIds)
    const detail = { roles, team_ids: teamIds }
    await recordAudit(
      database,
      actor,
      { action: 'staff_access_changed', subjectType: 'staff_user', subjectId: id, detail },
      trx,
    )
  })
}

/** Stops a member's access and ends every session they have, in one transaction. */
export async function disableStaffMember(
  database: Database,
  actor: Actor,
  councilId: number,
  id: number,
): Promise<{ sessionsEnded: number }> {
  if (actor.kind === 'staff' && actor.id === id)
    throw conflict('You cannot disable your own account: ask another administrator')
  return database.db.transaction().execute(async (trx) => {
    await memberIn(trx, councilId, id)
    await refuseLosingLastAdmin(database, trx, councilId, id)
    await repo.setActive(trx, councilId, id, false)
    const sessionsEnded = await endSessionsOf(trx, 'staff', id)
    const detail = { sessions_ended: sessionsEnded }
    await recordAudit(
      database,
      actor,
      { action: 'staff_disabled', subjectType: 'staff_user', subjectId: id, detail },
      trx,
    )
    return { sessionsEnded }
  })
}

/** Lets a disabled member sign in again, with the password and authenticator they had. */
export async function enableStaffMember(
  database: Database,
  actor: Actor,
  councilId: number,
  id: number,
): Promise<void> {
  await database.db.transaction().execute(async (trx) => {
    await memberIn(trx, councilId, id)
    await repo.setActive(trx, councilId, id, true)
    await recordAudit(database, actor, { action: 'staff_enabled', subjectType: 'staff_user', subjectId: id }, trx)
  })
}

export type NewStaffMember = { name: string; email: string; roles: readonly Role[]; teamIds: readonly number[] }

/**
 * Adds a member of staff (not a partner: their account is made with their organisation from the
 * command line) and gives back the one-time password to show once; refused when the email is in use.
 */
export async function addStaffMember(
  database: Database,
  actor: Actor,
  councilId: number,
  input: NewStaffMember,
): Promise<{ id: number; password: string }> {
  const errors = await accessErrors(database.db, councilId, input, null)
  if (errors.length > 0) throw invalid(errors, 'The member of staff cannot be added as they are')
  const created = await createStaffAccount(database, actor, { councilId, ...input })
  if (!created.ok) throw conflict('Another member of staff already uses this email address')
  return { id: created.id, password: created.password }
}
