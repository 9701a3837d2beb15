// The principal a signed-in session stands for, read afresh on every request so that disabling
// an account or removing a role takes effect at once.
import { staffRolesOf } from './staff-roles.ts'
import type { Database } from '../db/database.ts'
import type { Principal } from './principal.ts'
import type { Session } from './sessions.ts'

async function staffPrincipal(database: Database, session: Session): Promise<Principal | null> {
  const staff = await database.db
    .selectFrom('staff_user')
    .select(['id', 'council_id', 'partner_org_id'])
    .where('id', '=', session.subjectId)
    .where('council_id', '=', session.councilId)
    .where('active', '=', 1)
    .executeTakeFirst()
  if (!staff) return null
  return {
    kind: 'staff',
    id: staff.id,
    councilId: staff.council_id,
    roles: await staffRolesOf(database.db, staff.id),
    label: `staff:${staff.id}`,
    partnerOrgId: staff.partner_org_id,
    sessionId: session.id,
  }
}

async function residentPrincipal(database: Database, session: Session): Promise<Principal | null> {
  const account = await database.db
    .selectFrom('e_account')
    .select(['id', 'council_id', 'resident_id', 'verified_at'])
    .where('id', '=', session.subjectId)
    .where('council_id', '=', session.councilId)
    .executeTakeFirst()
  if (!account) return null
  return {
    kind: 'resident',
    id: account.id,
    councilId: account.council_id,
    roles: ['resident'],
    label: `account:${account.id}`,
    // An account reaches a resident record only once its email is proven.
    residentId: account.verified_at ? account.resident_id : null,
    sessionId: session.id,
  }
}

export function principalForSession(database: Database, session: Session): Promise<Principal | null> {
  if (session.data.stage !== 'signed_in') return Promise.resolve(null)
  return session.subjectKind === 'staff' ? staffPrincipal(database, session) : residentPrincipal(database, session)
}
