// Rows the catalogue tests need around a service: teams and partner organisations of a council.
import type { Database } from '../../platform/db/database.ts'
import { nowIso } from '../../platform/db/database.ts'
import type { Actor } from '../../platform/audit/audit.ts'
import type { ServiceInput } from './service.ts'

export async function addTeam(database: Database, councilId: number, name: string): Promise<number> {
  const row = await database.db
    .insertInto('team')
    .values({ council_id: councilId, name, email: null, created_at: nowIso() })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function addPartner(database: Database, councilId: number, name: string): Promise<number> {
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

export function systemActor(councilId: number): Actor {
  return { kind: 'system', id: null, label: 'test', councilId }
}

export function serviceInput(teamId: number, overrides: Partial<ServiceInput> = {}): ServiceInput {
  return {
    name: 'Report fly-tipping',
    description: 'Tell us about rubbish dumped on public land',
    lgsl_code: 1210,
    open311_code: 'fly-tipping',
    open311_group: 'Waste and recycling',
    team_id: teamId,
    target_hours: 16,
    online_available: true,
    offline_route: 'Phone 01632 960 001 or visit the council offices',
    keywords: ['rubbish', 'dumping'],
    form: [
      { name: 'what', label: 'What has been dumped?', type: 'text', required: true },
      {
        name: 'how_much',
        label: 'How much is there?',
        type: 'radios',
        required: true,
        options: ['A bag', 'A car boot', 'A van load'],
      },
    ],
    ...overrides,
  }
}
