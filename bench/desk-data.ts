// What the desk benchmark adds to its copy of the generated data: a resident with 300 entries on
// their timeline, a team with 5,000 open cases, and an advisor in that team with a signed-in staff
// session. The advisor and resident go in through the app's own services; the history rows are
// written in bulk as the generator writes its own.
import type { Database } from '../src/platform/db/database.ts'
import { staffActor } from '../src/platform/audit/audit.ts'
import { createSession } from '../src/platform/auth/sessions.ts'
import { sessionCookieName } from '../src/platform/auth/session-cookie.ts'
import { createStaffAccount } from '../src/features/staff-sign-in/service.ts'
import { createResident } from '../src/features/residents/service.ts'
import { formatCaseReference } from '../src/features/cases/service.ts'
import { seededRandom } from '../src/features/demo/random.ts'
import type { Random } from '../src/features/demo/random.ts'
import { SEED } from './generate.ts'

export const TIMELINE_CONTACTS = 200
export const TIMELINE_CASES = 20
/** Each of the resident's cases has its raising plus this many events: 200 + 20 × (1 + 4) = 300. */
export const EVENTS_PER_CASE = 4
export const QUEUE_CASES = 5_000
const CASE_YEAR = 2026
const CHUNK = 500
const DAY = 86_400_000

export type DeskFixture = {
  residentId: number
  teamId: number
  staffId: number
  /** The Cookie header of the advisor's signed-in session. */
  sessionCookie: string
  serviceIds: number[]
}

async function inChunks<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK))
}

function isoDaysFrom(now: number, days: number): string {
  return new Date(now + days * DAY).toISOString()
}

type CaseRow = {
  council_id: number
  reference: string
  resident_id: number | null
  service_id: number
  team_id: number
  status: 'open' | 'in_progress'
  due_at: string
  created_at: string
}

function caseRow(councilId: number, teamId: number, number: number, fields: Partial<CaseRow> & { service_id: number }) {
  return {
    council_id: councilId,
    reference: formatCaseReference(CASE_YEAR, number),
    external_id: null,
    resident_id: null,
    status: 'open' as const,
    priority: 'normal' as const,
    team_id: teamId,
    assignee_id: null,
    channel: 'phone' as const,
    created_by: 'staff' as const,
    created_by_staff_id: null,
    description: null,
    answers: '{}',
    location_uprn: null,
    location_address: null,
    latitude: null,
    longitude: null,
    due_at: null,
    resolved_at: null,
    resolution: null,
    created_at: new Date().toISOString(),
    updated_at: new Date().toISOString(),
    ...fields,
  }
}

async function addQueue(database: Database, councilId: number, teamId: number, random: Random, services: number[]) {
  const residents = await database.db
    .selectFrom('resident')
    .select((eb) => eb.fn.max('id').as('n'))
    .executeTakeFirst()
  const now = Date.now()
  const rows = Array.from({ length: QUEUE_CASES }, (_, i) => {
    const raised = now - random.int(1, 60) * DAY
    return caseRow(councilId, teamId, 100_000 + i, {
      service_id: random.pick(services),
      resident_id: random.chance(0.9) ? random.int(1, Number(residents?.n ?? 1)) : null,
      status: random.chance(0.7) ? 'open' : 'in_progress',
      // From ten days overdue to thirty days ahead, so the queue has overdue cases and a due-date order.
      due_at: isoDaysFrom(now, random.int(-10 * 24, 30 * 24) / 24),
      created_at: new Date(raised).toISOString(),
    })
  })
  await inChunks(rows, (chunk) => database.db.insertInto('case').values(chunk).execute())
}

async function addTimeline(
  database: Database,
  councilId: number,
  residentId: number,
  staffId: number,
  services: number[],
) {
  const random = seededRandom(SEED + 1)
  const now = Date.now()
  const contacts = Array.from({ length: TIMELINE_CONTACTS }, () => {
    const at = isoDaysFrom(now, -random.int(1, 3650))
    return {
      council_id: councilId,
      external_id: null,
      resident_id: residentId,
      channel: random.pick(['phone', 'email', 'face_to_face', 'web'] as const),
      direction: 'inbound' as const,
      started_at: at,
      handle_seconds: random.int(60, 900),
      staff_user_id: staffId,
      service_id: random.pick(services),
      outcome: random.pick(['resolved_first_contact', 'signposted', 'callback_booked'] as const),
      avoidable: 0 as const,
      avoidable_reason: null,
      case_id: null,
      notes: 'Asked about a missed collection',
      created_at: at,
      form_token: null,
    }
  })
  await inChunks(contacts, (chunk) => database.db.insertInto('contact').values(chunk).execute())
  for (let i = 0; i < TIMELINE_CASES; i++) {
    const raised = now - random.int(30, 3650) * DAY
    const row = caseRow(councilId, 0, 200_000 + i, {
      service_id: random.pick(services),
      resident_id: residentId,
      status: 'in_progress',
      due_at: new Date(raised + 10 * DAY).toISOString(),
      created_at: new Date(raised).toISOString(),
    })
    const created = await database.db
      .insertInto('case')
      .values({ ...row, team_id: null })
      .returning('id')
      .executeTakeFirstOrThrow()
    const events = Array.from({ length: EVENTS_PER_CASE }, (_, e) => ({
      council_id: councilId,
      case_id: created.id,
      kind: 'note' as const,
      from_status: null,
      to_status: null,
      visibility: e % 2 === 0 ? ('internal' as const) : ('public' as const),
      body: 'Checked with the crew; visit booked',
      actor_kind: 'staff' as const,
      actor_id: staffId,
      at: new Date(raised + (e + 1) * DAY).toISOString(),
      detail: null,
    }))
    await database.db.insertInto('case_event').values(events).execute()
  }
}

/** Adds the desk's data to a migrated copy and signs the advisor in; secure says which cookie name the app reads. */
export async function addDeskFixture(database: Database, councilId: number, secure: boolean): Promise<DeskFixture> {
  const random = seededRandom(SEED)
  const serviceIds = (
    await database.db.selectFrom('service').select('id').where('council_id', '=', councilId).execute()
  ).map((s) => s.id)
  const team = await database.db
    .insertInto('team')
    .values({
      council_id: councilId,
      name: 'Street Scene (benchmark)',
      email: null,
      created_at: new Date().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const system = { kind: 'system' as const, id: null, label: 'bench', councilId }
  const staff = await createStaffAccount(database, system, {
    councilId,
    name: 'Bench Advisor',
    email: `advisor-${Date.now()}@bench.example`,
    roles: ['advisor', 'caseworker'],
  })
  if (!staff.ok) throw new Error('the benchmark advisor could not be created')
  await database.db
    .insertInto('staff_team')
    .values({ staff_user_id: staff.id, team_id: team.id, council_id: councilId })
    .execute()
  const resident = await createResident(database, staffActor(staff.id, councilId, null), councilId, {
    given_name: 'Margaret',
    family_name: 'Benchmark',
    addresses: [{ address_line_1: '1 High Street', town: 'Bench', postcode: 'BE1 1AA' }],
  })
  await addTimeline(database, councilId, resident.id, staff.id, serviceIds)
  await addQueue(database, councilId, team.id, random, serviceIds)
  await database.db
    .insertInto('case_reference_counter')
    .values({ council_id: councilId, year: CASE_YEAR, last_number: 300_000 })
    .onConflict((oc) => oc.columns(['council_id', 'year']).doUpdateSet({ last_number: 300_000 }))
    .execute()
  const { token } = await createSession(database.db, {
    councilId,
    subjectKind: 'staff',
    subjectId: staff.id,
    data: { stage: 'signed_in' },
  })
  return {
    residentId: resident.id,
    teamId: team.id,
    staffId: staff.id,
    sessionCookie: `${sessionCookieName({ secure })}=${token}`,
    serviceIds,
  }
}
