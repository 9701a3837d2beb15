// Writes the demo council itself: the council row, its teams and partners, the service catalogue
// and one staff user per staff role.
import type { Queryable } from '../../platform/db/schema.ts'
import type { Role } from '../../platform/db/values.ts'
import { DEMO_COUNCIL, DEMO_PARTNERS, DEMO_SERVICES, DEMO_TEAMS, storedForm } from './catalogue-data.ts'
import type { PartnerKey, TeamKey } from './catalogue-data.ts'
import { CASEWORKER_TEAMS } from './case-lifecycle.ts'

export type StaffRole = Exclude<Role, 'resident'>

export type StaffPlan = { role: StaffRole; name: string; email: string }

export type CatalogueIds = {
  teams: Map<TeamKey, number>
  partners: Map<PartnerKey, number>
  /** Service ids in the order of DEMO_SERVICES. */
  services: number[]
}

export async function writeCouncil(trx: Queryable, createdAt: string): Promise<number> {
  const row = await trx
    .insertInto('council')
    .values({
      slug: DEMO_COUNCIL.slug,
      name: DEMO_COUNCIL.name,
      hostnames: JSON.stringify(DEMO_COUNCIL.hostnames),
      settings: '{}',
      created_at: createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function writeCatalogue(trx: Queryable, councilId: number, createdAt: string): Promise<CatalogueIds> {
  const teams = new Map<TeamKey, number>()
  for (const team of DEMO_TEAMS) {
    const row = await trx
      .insertInto('team')
      .values({ council_id: councilId, name: team.name, email: team.email, created_at: createdAt })
      .returning('id')
      .executeTakeFirstOrThrow()
    teams.set(team.key, row.id)
  }
  const partners = new Map<PartnerKey, number>()
  for (const partner of DEMO_PARTNERS) {
    const row = await trx
      .insertInto('partner_org')
      .values({
        council_id: councilId,
        name: partner.name,
        description: partner.description,
        email: partner.email,
        phone: partner.phone,
        website: partner.website,
        open_referral_id: partner.openReferralId,
        active: 1,
        created_at: createdAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    partners.set(partner.key, row.id)
  }
  const services: number[] = []
  for (const service of DEMO_SERVICES) {
    const row = await trx
      .insertInto('service')
      .values({
        council_id: councilId,
        name: service.name,
        slug: service.slug,
        description: service.description,
        lgsl_code: service.lgsl,
        open311_code: service.code,
        open311_group: service.group,
        team_id: service.team ? (teams.get(service.team) ?? null) : null,
        partner_org_id: service.partner ? (partners.get(service.partner) ?? null) : null,
        target_hours: service.targetHours,
        online_available: service.online ? 1 : 0,
        // A report about a place needs nobody's name; a request about a person does.
        anonymous_allowed: service.located ? 1 : 0,
        offline_route: service.offlineRoute,
        keywords: JSON.stringify(service.keywords),
        form: JSON.stringify(storedForm(service)),
        active: 1,
        created_at: createdAt,
        updated_at: createdAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    services.push(row.id)
  }
  return { teams, partners, services }
}

/** Which teams each staff role works in: the caseworker in two back-office teams, the leader in all. */
function teamsFor(role: StaffRole): TeamKey[] {
  if (role === 'caseworker') return [...CASEWORKER_TEAMS]
  if (role === 'team_leader') return DEMO_TEAMS.map((t) => t.key).filter((key) => key !== 'customer_services')
  if (role === 'advisor') return ['customer_services']
  return []
}

/** Writes staff users without passwords; `setStaffPasswords` adds them in the same transaction. */
export async function writeStaff(
  trx: Queryable,
  councilId: number,
  staff: readonly StaffPlan[],
  ids: CatalogueIds,
  createdAt: string,
): Promise<Map<StaffRole, number>> {
  const staffIds = new Map<StaffRole, number>()
  for (const person of staff) {
    const row = await trx
      .insertInto('staff_user')
      .values({
        council_id: councilId,
        name: person.name,
        email: person.email,
        password_hash: null,
        totp_secret: null,
        oidc_subject: null,
        partner_org_id: person.role === 'partner' ? (ids.partners.get('county') ?? null) : null,
        active: 1,
        must_change_password: 0,
        locked_until: null,
        created_at: createdAt,
        last_sign_in_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    staffIds.set(person.role, row.id)
    await trx
      .insertInto('staff_role')
      .values({ staff_user_id: row.id, council_id: councilId, role: person.role })
      .execute()
    const teamRows = teamsFor(person.role).flatMap((key) => {
      const teamId = ids.teams.get(key)
      return teamId === undefined ? [] : [{ staff_user_id: row.id, team_id: teamId, council_id: councilId }]
    })
    if (teamRows.length > 0) await trx.insertInto('staff_team').values(teamRows).execute()
  }
  return staffIds
}

export async function setStaffPasswords(
  trx: Queryable,
  staffIds: Map<StaffRole, number>,
  hashes: ReadonlyMap<StaffRole, string>,
): Promise<void> {
  for (const [role, id] of staffIds) {
    const hash = hashes.get(role)
    if (!hash) throw new Error(`demo seed: no password for the ${role} user`)
    await trx.updateTable('staff_user').set({ password_hash: hash }).where('id', '=', id).execute()
  }
}
