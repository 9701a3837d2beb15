// Rows the contacts tests need, inserted straight into their tables so these tests stand apart
// from the features that will one day write them: teams, services, residents, cases and their
// events, partners and referrals, call backs, appointments, notifications and assessments.
import type { Database } from '../../platform/db/database.ts'
import { nowIso } from '../../platform/db/database.ts'
import type { Actor } from '../../platform/audit/audit.ts'
import type { AppointmentKind, CaseStatus, InclusionBarrier } from '../../platform/db/values.ts'

export function systemActor(councilId: number): Actor {
  return { kind: 'system', id: null, label: 'test', councilId }
}

export function staffActor(councilId: number, staffId: number): Actor {
  return { kind: 'staff', id: staffId, label: `staff:${staffId}`, councilId }
}

export async function addTeam(database: Database, councilId: number, name = 'Street scene'): Promise<number> {
  const row = await database.db
    .insertInto('team')
    .values({ council_id: councilId, name, email: null, created_at: nowIso() })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function addService(
  database: Database,
  councilId: number,
  teamId: number,
  code: string,
  name = `Service ${code}`,
): Promise<number> {
  const now = nowIso()
  const row = await database.db
    .insertInto('service')
    .values({
      council_id: councilId,
      name,
      slug: code,
      description: '',
      lgsl_code: null,
      open311_code: code,
      open311_group: null,
      team_id: teamId,
      partner_org_id: null,
      target_hours: 16,
      online_available: 1,
      offline_route: 'Phone the council',
      keywords: '[]',
      form: '[]',
      active: 1,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

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

export async function addStaff(
  database: Database,
  councilId: number,
  email: string,
  active: 0 | 1 = 1,
): Promise<number> {
  const row = await database.db
    .insertInto('staff_user')
    .values({
      council_id: councilId,
      name: 'Advisor',
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
