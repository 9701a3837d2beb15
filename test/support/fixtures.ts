// The rows most tests need around what they test, one of each for every feature: the system
// actor, a council's teams, partner organisations, residents and a service with a form.
import type { Database } from '../../src/platform/db/database.ts'
import { nowIso } from '../../src/platform/db/database.ts'
import type { Actor } from '../../src/platform/audit/audit.ts'
import { createService } from '../../src/features/catalogue/service.ts'
import type { Service } from '../../src/features/catalogue/service.ts'

export function systemActor(councilId: number): Actor {
  return { kind: 'system', id: null, label: 'test', councilId }
}

export async function addTeam(database: Database, councilId: number, name = 'Street scene'): Promise<number> {
  const row = await database.db
    .insertInto('team')
    .values({ council_id: councilId, name, email: null, created_at: nowIso() })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function addPartner(database: Database, councilId: number, name = 'County Council'): Promise<number> {
  const row = await database.db
    .insertInto('partner_org')
    .values({
      council_id: councilId,
      name,
      description: null,
      email: null,
      phone: null,
      website: null,
      open_referral_id: null,
      active: 1,
      created_at: nowIso(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** Alex Example, a resident of the council (or a record merged into another). */
export async function addResident(
  database: Database,
  councilId: number,
  mergedInto: number | null = null,
): Promise<number> {
  const now = nowIso()
  const row = await database.db
    .insertInto('resident')
    .values({
      council_id: councilId,
      external_id: null,
      given_name: 'Alex',
      family_name: 'Example',
      date_of_birth: null,
      preferred_channel: null,
      language: null,
      accessibility_needs: null,
      digital_status: null,
      merged_into: mergedInto,
      search_text: 'alex example',
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** Answers that fill in the form of the service `addService` makes. */
export const goodAnswers = { bin: 'blue', postcode: 'AB1 2CD' }

export type ServiceFixture = { open311_code?: string; name?: string; target_hours?: number; active?: boolean }

/** A service made as the catalogue makes one, with a form asking which bin and a postcode. */
export async function addService(
  database: Database,
  councilId: number,
  teamId: number,
  overrides: ServiceFixture = {},
): Promise<Service> {
  return createService(database, systemActor(councilId), councilId, {
    name: overrides.name ?? `Report a missed bin ${overrides.open311_code ?? ''}`.trim(),
    open311_code: overrides.open311_code ?? 'missed-bin',
    team_id: teamId,
    target_hours: overrides.target_hours ?? 16,
    offline_route: 'Phone 01632 960 001',
    active: overrides.active ?? true,
    form: [
      {
        name: 'bin',
        label: 'Which bin was missed?',
        type: 'radios',
        required: true,
        options: ['black', 'blue', 'green'],
      },
      { name: 'postcode', label: 'Postcode', type: 'postcode', required: true },
    ],
  })
}
