// Rows the contacts tests need, inserted straight into their tables so these tests stand apart
// from the features that will one day write them: cases and their events, referrals, call backs,
// appointments, notifications and assessments (teams, services and residents: test/support/fixtures.ts).
import type { Database } from '../../platform/db/database.ts'
import type { AppointmentKind, CaseStatus, InclusionBarrier } from '../../platform/db/values.ts'

export type CaseFixture = {
  councilId: number
  residentId: number | null
  serviceId: number
  reference: string
  createdAt: string
  status?: CaseStatus
}

export async function addCase(database: Database, fixture: CaseFixture): Promise<number> {
  const row = await database.db
    .insertInto('case')
    .values({
      council_id: fixture.councilId,
      reference: fixture.reference,
      external_id: null,
      resident_id: fixture.residentId,
      service_id: fixture.serviceId,
      status: fixture.status ?? 'open',
      priority: 'normal',
      team_id: null,
      assignee_id: null,
      channel: 'phone',
      created_by: 'staff',
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
      created_at: fixture.createdAt,
      updated_at: fixture.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export type CaseEventFixture = { councilId: number; caseId: number; at: string } & (
  | { kind: 'status_changed'; from: CaseStatus; to: CaseStatus }
  | { kind: 'note' | 'created' | 'assigned'; body?: string }
)

export async function addCaseEvent(database: Database, fixture: CaseEventFixture): Promise<number> {
  const status =
    fixture.kind === 'status_changed'
      ? { from_status: fixture.from, to_status: fixture.to }
      : { from_status: null, to_status: null }
  const row = await database.db
    .insertInto('case_event')
    .values({
      council_id: fixture.councilId,
      case_id: fixture.caseId,
      kind: fixture.kind,
      ...status,
      visibility: 'internal',
      body: fixture.kind === 'status_changed' ? null : (fixture.body ?? null),
      actor_kind: 'system',
      actor_id: null,
      at: fixture.at,
      detail: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function addReferral(
  database: Database,
  councilId: number,
  partnerId: number,
  residentId: number,
  at: string,
): Promise<number> {
  const row = await database.db
    .insertInto('referral')
    .values({
      council_id: councilId,
      partner_org_id: partnerId,
      resident_id: residentId,
      case_id: null,
      reason: 'Help with energy bills',
      consent_given_at: at,
      consent_method: 'verbal',
      consent_recorded_by: null,
      status: 'sent',
      outcome: null,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function addCallback(
  database: Database,
  councilId: number,
  residentId: number,
  windowStart: string,
): Promise<number> {
  const end = new Date(Date.parse(windowStart) + 3_600_000).toISOString()
  const row = await database.db
    .insertInto('callback')
    .values({
      council_id: councilId,
      resident_id: residentId,
      phone: null,
      window_start: windowStart,
      window_end: end,
      reason: null,
      status: 'booked',
      staff_user_id: null,
      contact_id: null,
      created_at: windowStart,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function addAppointment(
  database: Database,
  councilId: number,
  residentId: number,
  slotStart: string,
  kind: AppointmentKind = 'counter',
): Promise<number> {
  const end = new Date(Date.parse(slotStart) + 1_800_000).toISOString()
  const row = await database.db
    .insertInto('appointment')
    .values({
      council_id: councilId,
      kind,
      location: 'Town hall',
      slot_start: slotStart,
      slot_end: end,
      resident_id: residentId,
      reason: null,
      status: 'completed',
      attended: 1,
      staff_user_id: null,
      created_at: slotStart,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function addNotification(
  database: Database,
  councilId: number,
  residentId: number,
  at: string,
): Promise<number> {
  const row = await database.db
    .insertInto('notification')
    .values({
      council_id: councilId,
      resident_id: residentId,
      case_id: null,
      channel: 'letter',
      template: 'case-update',
      recipient: '1 High Street',
      personalisation: '{}',
      status: 'sent',
      provider_reference: null,
      attempts: 1,
      last_error: null,
      created_at: at,
      sent_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function addAssessment(
  database: Database,
  councilId: number,
  residentId: number,
  at: string,
  barriers: InclusionBarrier[],
): Promise<number> {
  const row = await database.db
    .insertInto('inclusion_assessment')
    .values({
      council_id: councilId,
      resident_id: residentId,
      staff_user_id: null,
      assessed_at: at,
      support_offered: 'Digital skills session',
      referral_id: null,
      outcome: null,
      follow_up_on: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  for (const barrier of barriers)
    await database.db
      .insertInto('inclusion_barrier')
      .values({ assessment_id: row.id, council_id: councilId, barrier })
      .execute()
  return row.id
}

/** An ISO time a number of days before a fixed reference, so tests read as a calendar. */
export function daysAgo(days: number, hour = 10): string {
  const at = new Date(Date.UTC(2025, 5, 30, hour))
  at.setUTCDate(at.getUTCDate() - days)
  return at.toISOString()
}
