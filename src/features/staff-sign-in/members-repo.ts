// Queries for keeping the council's staff list: members a page at a time with their roles and
// teams, and changing who may do what. Sign-in's own queries are in repo.ts.
import type { Database } from '../../platform/db/database.ts'
import type { Queryable } from '../../platform/db/schema.ts'
import type { Role } from '../../platform/db/values.ts'

export type MemberFilters = { role?: Role; teamId?: number; active?: boolean }
export type MemberCursor = { name: string; id: number }
export type MemberRow = { id: number; name: string; email: string; active: number; partner_org_id: number | null }

export async function listMemberRows(
  db: Queryable,
  councilId: number,
  filters: MemberFilters,
  limit: number,
  after?: MemberCursor,
): Promise<MemberRow[]> {
  let query = db
    .selectFrom('staff_user as s')
    .select(['s.id', 's.name', 's.email', 's.active', 's.partner_org_id'])
    .where('s.council_id', '=', councilId)
  if (filters.active !== undefined) query = query.where('s.active', '=', filters.active ? 1 : 0)
  const { role, teamId } = filters
  if (role !== undefined)
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('staff_role as r')
          .select('r.role')
          .whereRef('r.staff_user_id', '=', 's.id')
          .where('r.role', '=', role),
      ),
    )
  if (teamId !== undefined)
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('staff_team as t')
          .select('t.team_id')
          .whereRef('t.staff_user_id', '=', 's.id')
          .where('t.team_id', '=', teamId),
      ),
    )
  if (after)
    query = query.where((eb) =>
      eb.or([eb('s.name', '>', after.name), eb.and([eb('s.name', '=', after.name), eb('s.id', '>', after.id)])]),
    )
  return query.orderBy('s.name').orderBy('s.id').limit(limit).execute()
}

export function memberRow(db: Queryable, councilId: number, id: number): Promise<MemberRow | undefined> {
  return db
    .selectFrom('staff_user')
    .select(['id', 'name', 'email', 'active', 'partner_org_id'])
    .where('council_id', '=', councilId)
    .where('id', '=', id)
    .executeTakeFirst()
}

export async function rolesOfMembers(db: Queryable, ids: readonly number[]): Promise<Map<number, Role[]>> {
  const roles = new Map<number, Role[]>(ids.map((id) => [id, []]))
  if (ids.length === 0) return roles
  const rows = await db
    .selectFrom('staff_role')
    .select(['staff_user_id', 'role'])
    .where('staff_user_id', 'in', ids)
    .orderBy('role')
    .execute()
  for (const row of rows) roles.get(row.staff_user_id)?.push(row.role)
  return roles
}

export async function teamsOfMembers(db: Queryable, ids: readonly number[]): Promise<Map<number, number[]>> {
  const teams = new Map<number, number[]>(ids.map((id) => [id, []]))
  if (ids.length === 0) return teams
  const rows = await db
    .selectFrom('staff_team')
    .select(['staff_user_id', 'team_id'])
    .where('staff_user_id', 'in', ids)
    .orderBy('team_id')
    .execute()
  for (const row of rows) teams.get(row.staff_user_id)?.push(row.team_id)
  return teams
}

/** Which of these team ids are the council's own. */
export async function councilTeams(db: Queryable, councilId: number, ids: readonly number[]): Promise<number[]> {
  if (ids.length === 0) return []
  const rows = await db
    .selectFrom('team')
    .select('id')
    .where('council_id', '=', councilId)
    .where('id', 'in', ids)
    .execute()
  return rows.map((row) => row.id)
}

export async function replaceRoles(
  db: Queryable,
  councilId: number,
  id: number,
  roles: readonly Role[],
): Promise<void> {
  await db.deleteFrom('staff_role').where('staff_user_id', '=', id).execute()
  if (roles.length > 0)
    await db
      .insertInto('staff_role')
      .values(roles.map((role) => ({ staff_user_id: id, council_id: councilId, role })))
      .execute()
}

export async function replaceTeams(
  db: Queryable,
  councilId: number,
  id: number,
  teamIds: readonly number[],
): Promise<void> {
  await db.deleteFrom('staff_team').where('staff_user_id', '=', id).execute()
  if (teamIds.length > 0)
    await db
      .insertInto('staff_team')
      .values(teamIds.map((teamId) => ({ staff_user_id: id, team_id: teamId, council_id: councilId })))
      .execute()
}

export async function setActive(db: Queryable, councilId: number, id: number, active: boolean): Promise<void> {
  await db
    .updateTable('staff_user')
    .set({ active: active ? 1 : 0 })
    .where('council_id', '=', councilId)
    .where('id', '=', id)
    .execute()
}

/**
 * The council's active administrators. On PostgreSQL their rows stay locked until the transaction
 * ends, so two administrators removing each other at once cannot both pass the last-admin check;
 * SQLite runs one writer at a time already.
 */
export async function activeAdmins(database: Database, db: Queryable, councilId: number): Promise<number[]> {
  let query = db
    .selectFrom('staff_user as s')
    .innerJoin('staff_role as r', 'r.staff_user_id', 's.id')
    .select('s.id')
    .where('s.council_id', '=', councilId)
    .where('s.active', '=', 1)
    .where('r.role', '=', 'admin')
  if (database.engine === 'postgres') query = query.forUpdate()
  return (await query.execute()).map((row) => row.id)
}
