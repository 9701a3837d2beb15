// A member of staff's roles, read the same way by the guard on every request and by sign-in.
import type { Role } from '../db/values.ts'
import type { Queryable } from '../db/schema.ts'

export async function staffRolesOf(db: Queryable, staffId: number): Promise<Role[]> {
  const rows = await db
    .selectFrom('staff_role')
    .select('role')
    .where('staff_user_id', '=', staffId)
    .orderBy('role')
    .execute()
  return rows.map((row) => row.role)
}
