// Writes the demo history: cases with their timelines and reference counters, then contacts
// (each through the feature that owns them), and the phone calls, survey answers and online forms
// pointing at them.
import type { Queryable } from '../../platform/db/schema.ts'
import type { ActorKind } from '../../platform/db/values.ts'
import { addCaseHistoryInBulk } from '../cases/service.ts'
import type { PlannedCase } from '../cases/service.ts'
import { addContactsInBulk } from '../contacts/service.ts'
import { inBatches } from './batches.ts'
import type { DemoService } from './catalogue-data.ts'
import type { Actor } from './case-lifecycle.ts'
import type { CasePlan, ContactPlan, History } from './history.ts'
import type { Population } from './people.ts'
import type { CatalogueIds, StaffRole } from './write-catalogue.ts'

export type HistoryIds = CatalogueIds & { staff: Map<StaffRole, number>; residents: number[] }

const iso = (at: Date): string => at.toISOString()
const isoOrNull = (at: Date | null): string | null => (at ? at.toISOString() : null)

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`demo seed: ${what} missing`)
  return value
}

export async function writeHistory(
  trx: Queryable,
  councilId: number,
  history: History,
  population: Population,
  services: readonly DemoService[],
  ids: HistoryIds,
): Promise<void> {
  const staff = (role: StaffRole): number => required(ids.staff.get(role), `staff ${role}`)
  const residentId = (index: number): number => required(ids.residents[index], 'resident id')
  const serviceId = (index: number): number => required(ids.services[index], 'service id')
  const serviceOf = (index: number): DemoService => required(services[index], 'service')

  const actorOf = (actor: Actor, plan: CasePlan): { actor_kind: ActorKind; actor_id: number | null } => {
    if (actor === 'resident') return { actor_kind: 'resident', actor_id: residentId(plan.resident) }
    if (actor === 'system') return { actor_kind: 'system', actor_id: null }
    if (actor === 'partner') return { actor_kind: 'partner', actor_id: staff('partner') }
    return { actor_kind: 'staff', actor_id: staff(actor) }
  }
  const planned: PlannedCase[] = history.cases.map((plan) => {
    const service = serviceOf(plan.service)
    const resident = required(population.residents[plan.resident], 'resident')
    const home = service.located ? population.properties[resident.property] : undefined
    const row = {
      reference: plan.reference,
      external_id: null,
      resident_id: residentId(plan.resident),
      service_id: serviceId(plan.service),
      status: plan.status,
      priority: plan.priority,
      team_id: service.team ? (ids.teams.get(service.team) ?? null) : null,
      assignee_id: plan.assignee ? staff(plan.assignee) : null,
      channel: plan.channel,
      created_by: plan.createdBy,
      created_by_staff_id: plan.createdBy === 'staff' ? staff('advisor') : null,
      description: null,
      answers: JSON.stringify(plan.answers),
      location_uprn: home?.uprn ?? null,
      location_address: home ? `${home.line1}, ${home.town} ${home.postcode}` : null,
      latitude: home?.latitude ?? null,
      longitude: home?.longitude ?? null,
      due_at: iso(plan.dueAt),
      resolved_at: isoOrNull(plan.resolvedAt),
      resolution: plan.resolution,
      created_at: iso(plan.createdAt),
      updated_at: iso(plan.updatedAt),
    }
    const events = plan.events.map((event) => ({
      kind: event.kind,
      from_status: event.from,
      to_status: event.to,
      visibility: 'internal' as const,
      body: null,
      ...actorOf(event.actor, plan),
      at: iso(event.at),
      detail: null,
    }))
    return { row, events }
  })
  const storedCaseIds = await addCaseHistoryInBulk(trx, councilId, planned, history.counters)
  const caseIds = new Map<CasePlan, number>(history.cases.map((plan, i) => [plan, storedCaseIds[i] as number]))

  const contactIds = await addContactsInBulk(
    trx,
    history.contacts.map((c) => ({
      council_id: councilId,
      external_id: null,
      resident_id: c.resident === null ? null : residentId(c.resident),
      channel: c.channel,
      direction: c.direction,
      started_at: iso(c.startedAt),
      handle_seconds: c.handleSeconds,
      staff_user_id: c.assisted ? staff('advisor') : null,
      service_id: c.service === null ? null : serviceId(c.service),
      outcome: c.outcome,
      avoidable: c.avoidable ? (1 as const) : (0 as const),
      case_id: c.case ? required(caseIds.get(c.case), 'case id') : null,
      notes: null,
      created_at: iso(c.startedAt),
    })),
  )
  const contactId = new Map<ContactPlan, number>(
    history.contacts.map((c, i) => [c, required(contactIds[i], 'contact id')]),
  )

  const calls = history.contacts.flatMap((c) =>
    c.call
      ? [
          {
            council_id: councilId,
            external_id: null,
            queue: c.call.queue,
            offered_at: iso(c.call.offeredAt),
            answered_at: isoOrNull(c.call.answeredAt),
            ended_at: iso(c.call.endedAt),
            abandoned: c.call.answeredAt ? (0 as const) : (1 as const),
            agent_staff_id: c.call.answeredAt ? staff('advisor') : null,
            caller_number_hash: c.call.callerHash,
            contact_id: required(contactId.get(c), 'contact id'),
          },
        ]
      : [],
  )
  await inBatches(calls, 11, (batch) => trx.insertInto('call').values(batch).execute())

  const surveys = history.surveys.map((s) => ({
    council_id: councilId,
    case_id: s.case ? required(caseIds.get(s.case), 'case id') : null,
    contact_id: s.contact ? required(contactId.get(s.contact), 'contact id') : null,
    score: s.score,
    comment: null,
    created_at: iso(s.createdAt),
  }))
  await inBatches(surveys, 6, (batch) => trx.insertInto('survey_response').values(batch).execute())

  const forms = history.onlineForms.map((f) => ({
    council_id: councilId,
    service_id: serviceId(f.service),
    e_account_id: null,
    started_at: iso(f.startedAt),
    submitted_at: isoOrNull(f.submittedAt),
    case_id: f.case ? required(caseIds.get(f.case), 'case id') : null,
  }))
  await inBatches(forms, 6, (batch) => trx.insertInto('online_form').values(batch).execute())
}
