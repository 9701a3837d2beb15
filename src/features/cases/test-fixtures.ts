// What case tests need around a case: a council's teams, staff, residents and a service with a form.
import type { Db } from '../../platform/db/database.ts'
import { nowIso } from '../../platform/db/database.ts'
import type { Actor } from '../../platform/audit/audit.ts'
import { createService } from '../catalogue/service.ts'
import type { Service } from '../catalogue/service.ts'

export function systemActor(councilId: number): Actor {
  return { kind: 'system', id: null, label: 'test', councilId }
}

export async function addTeam(database: Db, councilId: number, name: string): Promise<number> {
  const row = await database.db.insertInto('team').values({ council_id: councilId, name, email: null, created_at: nowIso() }).returning('id').executeTakeFirstOrThrow()
  return row.id
}

export async function addStaff(database: Db, councilId: number, email: string, active: 0 | 1 = 1): Promise<number> {
  const row = await database.db
    .insertInto('staff_user')
    .values({
      council_id: councilId,
      name: 'Case Worker',
      email,
      password_hash: null,
      totp_secret: null,
      oidc_subject: null,
      partner_org_id: null,
      active,
      must_change_password: 0,
      locked_until: null,
      created_at: nowIso(),
      last_sign_in_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function addResident(database: Db, councilId: number, mergedInto: number | null = null): Promise<number> {
  const now = nowIso()
  const row = await database.db
    .insertInto('resident')
    .values({
      council_id: councilId,
      external_id: null,
      given_name: 'Sam',
      family_name: 'Resident',
      date_of_birth: null,
      preferred_channel: null,
      language: null,
      accessibility_needs: null,
      digital_status: null,
      merged_into: mergedInto,
      search_text: 'sam resident',
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** A missed-bin service with a 16 working hour target and two questions. */
export async function addService(database: Db, councilId: number, teamId: number, overrides: { open311_code?: string; target_hours?: number; active?: boolean } = {}): Promise<Service> {
  return createService(database, systemActor(councilId), councilId, {
    name: `Report a missed bin ${overrides.open311_code ?? ''}`.trim(),
    open311_code: overrides.open311_code ?? 'missed-bin',
    team_id: teamId,
    target_hours: overrides.target_hours ?? 16,
    offline_route: 'Phone 01632 960 001',
    active: overrides.active ?? true,
    form: [
      { name: 'bin', label: 'Which bin was missed?', type: 'radios', required: true, options: ['black', 'blue', 'green'] },
      { name: 'postcode', label: 'Postcode', type: 'postcode', required: true },
    ],
  })
}

export const goodAnswers = { bin: 'blue', postcode: 'AB1 2CD' }
