// Everything we hold about a resident that is theirs to take away: their account, their record
// and contact details, their requests with the public timeline, the contacts on record and the
// consents they gave. Read only through the owners' services with the resident's own scope, so
// another person's data cannot be in it; staff-internal notes, flags and handling figures never are.
import type { Database } from '../../platform/db/database.ts'
import type { Scope } from '../../platform/auth/scope.ts'
import { getResident } from '../residents/service.ts'
import { getCaseByReference, listCases } from '../cases/service.ts'
import type { CaseEvent, CaseWithTimeline } from '../cases/service.ts'
import { getService } from '../catalogue/service.ts'
import { residentHistory } from '../contacts/service.ts'
import { consentsOf } from '../referrals/service.ts'
import type { AccountSummary } from '../account/service.ts'
import type { Me } from './service.ts'

const PAGE = 100

export type MyData = {
  made_at: string
  account: { email: string; given_name: string | null; family_name: string | null }
  record: {
    given_name: string
    family_name: string
    date_of_birth: string | null
    emails: string[]
    phones: string[]
    addresses: { address_line_1: string; address_line_2: string | null; town: string | null; postcode: string | null }[]
    preferred_channel: string | null
    digital_status: string | null
    language: string | null
    accessibility_needs: string | null
  } | null
  requests: {
    reference: string
    service: string
    status: string
    channel: string
    made_at: string
    resolved_at: string | null
    description: string | null
    answers: Record<string, unknown>
    resolution: string | null
    timeline: { at: string; what: string; status: string | null; note: string | null }[]
  }[]
  contacts: { at: string; channel: string; direction: string; service: string | null; outcome: string }[]
  consents: { partner: string; given_at: string; method: string; referral_status: string }[]
}

/** What happened to a request, as the resident's own timeline says it: never an internal note. */
function publicTimeline(events: readonly CaseEvent[]): MyData['requests'][number]['timeline'] {
  return events.flatMap((event): MyData['requests'][number]['timeline'] => {
    if (event.kind === 'created') return [{ at: event.at, what: 'received', status: null, note: null }]
    if (event.kind === 'status_changed' && event.to_status)
      return [{ at: event.at, what: 'status_changed', status: event.to_status, note: null }]
    if (event.kind === 'note' && event.visibility === 'public')
      return [{ at: event.at, what: 'update', status: null, note: event.body }]
    return []
  })
}

async function myRequests(database: Database, me: Me, scope: Scope): Promise<MyData['requests']> {
  const found: CaseWithTimeline[] = []
  let cursor: string | undefined
  do {
    const page = await listCases(database, me.actor, scope, { limit: PAGE, cursor })
    for (const item of page.items) found.push(await getCaseByReference(database, me.actor, scope, item.reference))
    cursor = page.next_cursor ?? undefined
  } while (cursor)
  const names = new Map<number, string>()
  for (const id of new Set(found.map((c) => c.service_id)))
    names.set(id, (await getService(database, me.councilId, id))?.name ?? 'A council service')
  return found.map((c) => ({
    reference: c.reference,
    service: names.get(c.service_id) ?? 'A council service',
    status: c.status,
    channel: c.channel,
    made_at: c.created_at,
    resolved_at: c.resolved_at,
    description: c.description,
    answers: c.answers,
    resolution: c.resolution,
    timeline: publicTimeline(c.timeline),
  }))
}

async function myContacts(database: Database, me: Me, residentId: number): Promise<MyData['contacts']> {
  const contacts: MyData['contacts'] = []
  let cursor: string | undefined
  do {
    const page = await residentHistory(database, me.actor, me.councilId, residentId, {
      limit: PAGE,
      cursor,
      kinds: ['contact'],
    })
    for (const item of page.items)
      if (item.kind === 'contact')
        contacts.push({
          at: item.at,
          channel: item.channel,
          direction: item.direction,
          service: item.service_name,
          outcome: item.outcome,
        })
    cursor = page.next_cursor ?? undefined
  } while (cursor)
  return contacts
}

export async function myData(database: Database, me: Me, account: AccountSummary): Promise<MyData> {
  const base = {
    made_at: new Date().toISOString(),
    account: { email: account.email, given_name: account.givenName, family_name: account.familyName },
  }
  if (me.residentId === null) return { ...base, record: null, requests: [], contacts: [], consents: [] }
  const scope = me.scope
  const resident = await getResident(database, me.actor, me.councilId, me.residentId)
  const [requests, contacts, consents] = [
    await myRequests(database, me, scope),
    await myContacts(database, me, me.residentId),
    await consentsOf(database, me.actor, scope, me.residentId, 1000),
  ]
  return {
    ...base,
    record: {
      given_name: resident.given_name,
      family_name: resident.family_name,
      date_of_birth: resident.date_of_birth,
      emails: resident.emails,
      phones: resident.phones,
      addresses: resident.addresses.map(({ uprn: _uprn, ...address }) => address),
      preferred_channel: resident.preferred_channel,
      digital_status: resident.digital_status,
      language: resident.language,
      accessibility_needs: resident.accessibility_needs,
    },
    requests,
    contacts,
    consents: consents.map((c) => ({
      partner: c.partner_name,
      given_at: c.consent_given_at,
      method: c.consent_method,
      referral_status: c.status,
    })),
  }
}

/** The download's file name: the council's and the day's, never the person's. */
export function myDataFile(made_at: string): string {
  return `my-data-${made_at.slice(0, 10)}.json`
}
