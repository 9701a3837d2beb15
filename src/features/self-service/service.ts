// Resident self-service: finding a service, requesting it online with or without an account, and
// following it afterwards. A request in progress is kept on the server (request_draft) between
// question pages, so nothing typed sits in the browser or an address; sending it raises the case,
// its web contact, the confirmation message and the form's completion in one transaction.
import { randomBytes } from 'node:crypto'
import type { Database } from '../../platform/db/database.ts'
import { nowIso } from '../../platform/db/database.ts'
import type { Queryable } from '../../platform/db/schema.ts'
import type { Actor } from '../../platform/audit/audit.ts'
import type { FieldError } from '../../platform/http/problem.ts'
import { translate } from '../../platform/i18n/translate.ts'
import { isMobile, queueRequestConfirmation } from '../messages/service.ts'
import type { PreferredChannel } from '../../platform/db/values.ts'
import type { Service } from '../catalogue/service.ts'
import { addressLine, getService, listActiveServices, validateAnswers } from '../catalogue/service.ts'
import type { CaseWithTimeline, CreateCaseInput } from '../cases/service.ts'
import { caseForTracking, raiseOnline, raisedByForm } from '../cases/service.ts'
import { createResident, getResident } from '../residents/service.ts'
import { propertyByUprn } from '../addresses/service.ts'
import { rollupFormSubmitted, rollupOnlineForms } from '../metrics/service.ts'
import type { Requester } from './requester.ts'
import { rankServices } from './search.ts'
import * as repo from './repo.ts'

export type { Requester, RequesterForm } from './requester.ts'
export { formOf, requesterFrom } from './requester.ts'

/** How long a request in progress is kept after its last page was answered. */
export const DRAFT_LIFETIME_MS = 24 * 60 * 60 * 1000

/** Who is at the keyboard: a signed-in resident's account, or nobody known. */
export type Visitor = { councilId: number; accountId: number | null; residentId: number | null; sourceAddress: string }

export function visitorActor(visitor: Visitor): Actor {
  return {
    kind: 'resident',
    id: visitor.accountId,
    label: visitor.accountId === null ? 'anonymous' : `account:${visitor.accountId}`,
    councilId: visitor.councilId,
    sourceAddress: visitor.sourceAddress,
  }
}

// ---- Finding a service

/** The services matching what a resident typed, best first; their names count in the reader's language too. */
export async function findServices(
  database: Database,
  councilId: number,
  language: string,
  query: string,
): Promise<Service[]> {
  const services = await listActiveServices(database, councilId)
  const searchable = services.map((service) => ({
    ...service,
    names: [service.name, translate(language, service.name)],
    keywords: [
      ...service.keywords,
      ...service.keywords.map((keyword) => translate(language, keyword)),
      service.open311_group ?? '',
      translate(language, service.open311_group ?? ''),
    ],
  }))
  return rankServices(query, searchable)
}

export async function serviceBySlug(database: Database, councilId: number, slug: string): Promise<Service | undefined> {
  return (await listActiveServices(database, councilId)).find((service) => service.slug === slug)
}

export { listActiveServices }

// ---- Requesting

export type Draft = {
  token: string
  service: Service
  onlineFormId: number
  answers: Record<string, unknown>
  requester: Requester | null
}

function newToken(): string {
  return randomBytes(32).toString('base64url')
}

function expiry(now: Date): string {
  return new Date(now.getTime() + DRAFT_LIFETIME_MS).toISOString()
}

/** Starts a request: a form start counted in the figures (no personal data), and an empty draft to fill in. */
export async function startRequest(database: Database, visitor: Visitor, service: Service): Promise<string> {
  const now = new Date()
  const token = newToken()
  await database.db.transaction().execute(async (trx) => {
    await repo.deleteExpiredDrafts(trx, now.toISOString())
    const started = { service_id: service.id, started_at: now.toISOString(), submitted_at: null }
    const onlineFormId = await repo.insertFormStart(trx, {
      council_id: visitor.councilId,
      service_id: service.id,
      e_account_id: visitor.accountId,
      started_at: started.started_at,
    })
    // Counted once per request started (the start button), not per page shown: a refresh keeps the token.
    await rollupOnlineForms(trx, visitor.councilId, { added: [started] })
    await repo.insertDraft(trx, {
      token,
      council_id: visitor.councilId,
      service_id: service.id,
      online_form_id: onlineFormId,
      e_account_id: visitor.accountId,
      answers: '{}',
      requester: 'null',
      created_at: now.toISOString(),
      expires_at: expiry(now),
    })
  })
  return token
}

/** A request in progress, unless it was sent, expired or never existed. */
export async function getDraft(database: Database, councilId: number, token: string): Promise<Draft | undefined> {
  const row = await repo.findDraft(database.db, councilId, token, nowIso())
  if (!row) return undefined
  const service = await getService(database, councilId, row.service_id)
  if (!service?.active) return undefined
  return {
    token,
    service,
    onlineFormId: row.online_form_id,
    answers: JSON.parse(row.answers) as Record<string, unknown>,
    requester: JSON.parse(row.requester) as Requester | null,
  }
}

/** Keeps one page's answers with the rest, and the draft for another day. */
export async function saveAnswers(
  database: Database,
  councilId: number,
  draft: Draft,
  answers: Record<string, unknown>,
): Promise<void> {
  await repo.updateDraft(database.db, councilId, draft.token, {
    answers: JSON.stringify(answers),
    expires_at: expiry(new Date()),
  })
}

export async function saveRequester(
  database: Database,
  councilId: number,
  draft: Draft,
  requester: Requester,
): Promise<void> {
  await repo.updateDraft(database.db, councilId, draft.token, {
    requester: JSON.stringify(requester),
    expires_at: expiry(new Date()),
  })
}

/**
 * Where the problem is: the form's first answered address question, placed on the map by the
 * gazetteer when the address was picked from it (a typed address has no coordinates).
 */
async function locationOf(
  database: Database,
  councilId: number,
  service: Service,
  answers: Record<string, unknown>,
): Promise<CreateCaseInput['location']> {
  const field = service.form.find((question) => question.type === 'address' && answers[question.name])
  if (!field) return undefined
  const answer = answers[field.name] as Record<string, unknown>
  const address = addressLine(answer)
  const property = typeof answer.uprn === 'string' ? await propertyByUprn(database, councilId, answer.uprn) : undefined
  return {
    ...(typeof answer.uprn === 'string' ? { uprn: answer.uprn } : {}),
    ...(address ? { address } : {}),
    ...(property?.latitude != null && property.longitude != null
      ? { latitude: property.latitude, longitude: property.longitude }
      : {}),
  }
}

async function residentFor(
  database: Database,
  actor: Actor,
  councilId: number,
  requester: Requester,
  language: string,
  trx: Queryable,
): Promise<number | null> {
  if (requester.kind === 'anonymous') return null
  if (requester.kind === 'account') return requester.residentId
  // A name and a way to be contacted make a resident record of their own: never an e-account, and
  // never matched to someone already known (the desk merges records when it is the same person).
  const created = await createResident(
    database,
    actor,
    councilId,
    {
      given_name: requester.given_name,
      family_name: requester.family_name,
      emails: requester.email ? [requester.email] : [],
      phones: requester.phone ? [requester.phone] : [],
      preferred_channel: chosenChannel(requester),
      language,
    },
    trx,
  )
  return created.id
}

type Confirmation = { councilName: string; language: string }

/**
 * The one way a requester without an account gave to reach them is the way they chose: an email
 * address, else a mobile for texts, else a landline to be phoned.
 */
function chosenChannel(requester: { email: string | null; phone: string | null }): PreferredChannel | null {
  if (requester.email) return 'email'
  if (requester.phone) return isMobile(requester.phone) ? 'sms' : 'phone'
  return null
}

export type SendResult = { reference: string } | { errors: FieldError[] }

/**
 * Sends a request: the resident record of someone who gave their name, the case (channel web,
 * created by the resident, which is also its web contact), the confirmation in the outbox and the
 * form's submission, in one transaction. The draft's token is the form's one-time token: sent
 * twice, it raises one case.
 */
export async function sendRequest(
  database: Database,
  visitor: Visitor,
  draft: Draft,
  confirmation: Confirmation,
): Promise<SendResult> {
  const errors = validateAnswers(draft.service, draft.answers)
  if (errors.length > 0) return { errors }
  const requester = draft.requester ?? { kind: 'anonymous' }
  if (requester.kind === 'anonymous' && !draft.service.anonymous_allowed)
    return { errors: [{ name: 'requester', message: 'Tell us who you are and how we can contact you' }] }
  const actor = visitorActor(visitor)
  const councilId = visitor.councilId
  const location = await locationOf(database, councilId, draft.service, draft.answers)
  const raised = await raiseOnline(
    database,
    actor,
    councilId,
    {
      token: draft.token,
      prepare: async (trx) => ({
        service_id: draft.service.id,
        resident_id: await residentFor(database, actor, councilId, requester, confirmation.language, trx),
        channel: 'web',
        created_by: 'resident',
        answers: draft.answers,
        location,
      }),
    },
    async (trx, created) => {
      // Sent the way the resident's record says they want to hear from us, in their language.
      await queueRequestConfirmation(trx, { councilId, caseId: created.id })
      const submitted = { submitted_at: created.created_at, case_id: created.id }
      const before = await repo.markFormSubmitted(trx, councilId, draft.onlineFormId, submitted)
      if (before) await rollupFormSubmitted(trx, councilId, before, submitted.submitted_at)
      await repo.deleteDraft(trx, councilId, draft.token)
    },
  )
  return { reference: raised.reference }
}

/** The request a form sent, for its confirmation page. */
export async function sentRequest(
  database: Database,
  councilId: number,
  token: string,
): Promise<{ id: number; reference: string; serviceId: number } | undefined> {
  return raisedByForm(database, councilId, token)
}

export { COMMENT_MAX, SCORES, rateFinishedRequest, recordSatisfaction, mayRateFinishedRequest } from './satisfaction.ts'
export type { RatingRefusal } from './satisfaction.ts'

export const formCounts = repo.formCounts

// ---- Tracking without an account

const digits = (text: string) => text.replace(/\D/g, '')
const plainPostcode = (text: string) => text.replace(/\s+/g, '').toUpperCase()

/** Whether what the caller typed is a detail given with the request: an email, a phone number or a postcode. */
function proves(proof: string, known: { emails: string[]; phones: string[]; postcodes: string[] }): boolean {
  const typed = proof.trim()
  if (typed === '') return false
  if (typed.includes('@')) return known.emails.some((email) => email.toLowerCase() === typed.toLowerCase())
  const number = digits(typed)
  if (number.length >= 10 && known.phones.some((phone) => digits(phone).slice(-10) === number.slice(-10))) return true
  const postcode = plainPostcode(typed)
  return postcode.length >= 5 && known.postcodes.some((known) => known === postcode)
}

/** The postcodes found in a one-line address: how a report's place is proved. */
function postcodesIn(line: string | null): string[] {
  return [...(line ?? '').matchAll(/[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}/gi)].map((m) => plainPostcode(m[0]))
}

/**
 * A request followed by its reference and the email, phone number or postcode given with it: its
 * status and public timeline. A wrong reference and a wrong proof answer the same: nothing.
 */
export async function trackRequest(
  database: Database,
  visitor: Visitor,
  reference: string,
  proof: string,
): Promise<CaseWithTimeline | undefined> {
  const actor = visitorActor(visitor)
  const found = await caseForTracking(database, actor, visitor.councilId, reference)
  if (!found) return undefined
  const known = { emails: [] as string[], phones: [] as string[], postcodes: postcodesIn(found.locationAddress) }
  if (found.residentId !== null) {
    const resident = await getResident(database, actor, visitor.councilId, found.residentId)
    known.emails = resident.emails
    known.phones = resident.phones
    known.postcodes.push(...resident.addresses.flatMap((a) => (a.postcode ? [plainPostcode(a.postcode)] : [])))
  }
  return proves(proof, known) ? found.publicView : undefined
}
