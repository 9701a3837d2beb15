// The service catalogue: what residents can report or request, who delivers it, its target time,
// its offline route and its form. Catalogue records hold no personal data, so reads are not
// audited; changes are, as administrative actions.
import { isUniqueViolation } from '../../platform/db/errors.ts'
import type { Database } from '../../platform/db/database.ts'
import { nowIso } from '../../platform/db/database.ts'
import type { Queryable } from '../../platform/db/schema.ts'
import type { Actor } from '../../platform/audit/audit.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import type { FieldError } from '../../platform/http/problem.ts'
import { conflict, invalid, notFound } from '../../platform/http/problem.ts'
import { decodeCursor, pageOf } from '../../platform/http/pagination.ts'
import type { FormField } from './form-fields.ts'
import type { JsonSchema } from './form-schema.ts'
import { checkAnswers, checkFormDefinition, compileFormSchema } from './form-schema.ts'
import type { ServiceCursor, ServiceRow } from './repo.ts'
import * as repo from './repo.ts'

export type Service = {
  id: number
  name: string
  slug: string
  description: string
  lgsl_code: number | null
  open311_code: string
  open311_group: string | null
  team_id: number | null
  partner_org_id: number | null
  target_hours: number
  online_available: boolean
  /** Whether a resident may report without giving a name or a way to be contacted. */
  anonymous_allowed: boolean
  offline_route: string
  keywords: string[]
  form: FormField[]
  form_schema: JsonSchema
  active: boolean
  created_at: string
  updated_at: string
}

export type ServiceInput = {
  name: string
  description?: string
  lgsl_code?: number | null
  open311_code: string
  open311_group?: string | null
  team_id?: number | null
  partner_org_id?: number | null
  target_hours: number
  online_available?: boolean
  anonymous_allowed?: boolean
  offline_route: string
  keywords?: string[]
  form?: FormField[]
  active?: boolean
}

export type ServiceChanges = Partial<ServiceInput>

export type ServiceQuery = {
  group?: string
  online_available?: boolean
  q?: string
  include_inactive?: boolean
  limit: number
  cursor?: string
}

export type { Team, TeamInput } from './teams.ts'
export { createTeam, getTeam, listTeams, updateTeam } from './teams.ts'

/** Keywords are stored as a JSON array; an older comma-separated value still reads. */
function parseKeywords(stored: string): string[] {
  if (stored.trim() === '') return []
  if (stored.trimStart().startsWith('[')) return JSON.parse(stored) as string[]
  return stored
    .split(',')
    .map((word) => word.trim())
    .filter(Boolean)
}

function toService(row: ServiceRow): Service {
  const form = JSON.parse(row.form) as FormField[]
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    description: row.description,
    lgsl_code: row.lgsl_code,
    open311_code: row.open311_code,
    open311_group: row.open311_group,
    team_id: row.team_id,
    partner_org_id: row.partner_org_id,
    target_hours: row.target_hours,
    online_available: row.online_available === 1,
    anonymous_allowed: row.anonymous_allowed === 1,
    offline_route: row.offline_route,
    keywords: parseKeywords(row.keywords),
    form,
    form_schema: compileFormSchema(form),
    active: row.active === 1,
    created_at: row.created_at,
    updated_at: row.updated_at,
  }
}

export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  return slug.slice(0, 80).replace(/-+$/, '') || 'service'
}

async function uniqueSlug(db: Queryable, councilId: number, name: string): Promise<string> {
  const base = slugify(name)
  const taken = new Set(await repo.slugsLike(db, councilId, base))
  if (!taken.has(base)) return base
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`
}

export async function getService(database: Database, councilId: number, id: number): Promise<Service | undefined> {
  const row = await repo.findServiceRow(database.db, councilId, id)
  return row && toService(row)
}

export async function findServiceByOpen311Code(
  database: Database,
  councilId: number,
  code: string,
): Promise<Service | undefined> {
  const row = await repo.findServiceRowByCode(database.db, councilId, code)
  return row && toService(row)
}

/** The active services of a council, by Open311 group then name: the public home page's list. */
export async function listActiveServices(database: Database, councilId: number): Promise<Service[]> {
  return (await repo.listActiveServiceRows(database.db, councilId)).map(toService)
}

export async function listServices(
  database: Database,
  councilId: number,
  query: ServiceQuery,
): Promise<{ items: Service[]; next_cursor: string | null }> {
  const after = decodeCursor<ServiceCursor>(query.cursor, ['name', 'id'])
  const rows = await repo.listServiceRows(
    database.db,
    councilId,
    {
      group: query.group,
      onlineAvailable: query.online_available,
      q: query.q,
      includeInactive: query.include_inactive === true,
    },
    query.limit + 1,
    after,
  )
  const page = pageOf(rows, query.limit, (row) => ({ name: row.name, id: row.id }))
  return { items: page.items.map(toService), next_cursor: page.next_cursor }
}

/** Problems with answers to a service's form, one per question; empty when they are acceptable. */
export function validateAnswers(service: Pick<Service, 'form'>, answers: unknown): FieldError[] {
  return checkAnswers(service.form, answers)
}

type Delivery = { team_id: number | null; partner_org_id: number | null }

async function deliveryErrors(db: Queryable, councilId: number, delivery: Delivery): Promise<FieldError[]> {
  const { team_id: teamId, partner_org_id: partnerId } = delivery
  if ((teamId === null) === (partnerId === null)) {
    const message = 'Give either the team or the partner organisation that delivers the service, not both'
    return [
      { name: 'body.team_id', message },
      { name: 'body.partner_org_id', message },
    ]
  }
  if (teamId !== null && !(await repo.findTeam(db, councilId, teamId)))
    return [{ name: 'body.team_id', message: 'There is no team with this id in this council' }]
  if (partnerId !== null && !(await repo.partnerExists(db, councilId, partnerId))) {
    return [{ name: 'body.partner_org_id', message: 'There is no partner organisation with this id in this council' }]
  }
  return []
}

async function checkServiceRules(
  db: Queryable,
  councilId: number,
  delivery: Delivery,
  form: FormField[] | undefined,
): Promise<void> {
  const errors = [...(await deliveryErrors(db, councilId, delivery)), ...checkFormDefinition(form ?? [])]
  if (errors.length > 0) throw invalid(errors, 'The service cannot be saved as it is')
}

async function refuseTakenCode(db: Queryable, councilId: number, code: string, exceptId?: number): Promise<void> {
  if (await repo.openCodeTaken(db, councilId, code, exceptId))
    throw conflict(`Another service already uses the Open311 code ${code}`)
}

/** A unique constraint that a concurrent write won is the same conflict as one seen beforehand. */
async function asConflict<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (isUniqueViolation(error))
      throw conflict('Another service was saved with the same Open311 code or name at the same moment; try again')
    throw error
  }
}

/** Adds a service inside the caller's transaction: the API's create and the catalogue import share it. */
export async function insertService(
  database: Database,
  trx: Queryable,
  actor: Actor,
  councilId: number,
  input: ServiceInput,
): Promise<number> {
  const delivery = { team_id: input.team_id ?? null, partner_org_id: input.partner_org_id ?? null }
  await checkServiceRules(trx, councilId, delivery, input.form)
  await refuseTakenCode(trx, councilId, input.open311_code)
  const now = nowIso()
  const id = await repo.insertServiceRow(trx, {
    council_id: councilId,
    name: input.name.trim(),
    slug: await uniqueSlug(trx, councilId, input.name),
    description: input.description ?? '',
    lgsl_code: input.lgsl_code ?? null,
    open311_code: input.open311_code,
    open311_group: input.open311_group ?? null,
    ...delivery,
    target_hours: input.target_hours,
    online_available: input.online_available === false ? 0 : 1,
    anonymous_allowed: input.anonymous_allowed === true ? 1 : 0,
    offline_route: input.offline_route,
    keywords: JSON.stringify(input.keywords ?? []),
    form: JSON.stringify(input.form ?? []),
    active: input.active === false ? 0 : 1,
    created_at: now,
    updated_at: now,
  })
  const detail = { open311_code: input.open311_code }
  await recordAudit(database, actor, { action: 'service.create', subjectType: 'service', subjectId: id, detail }, trx)
  return id
}

export async function createService(
  database: Database,
  actor: Actor,
  councilId: number,
  input: ServiceInput,
): Promise<Service> {
  const id = await asConflict(() =>
    database.db.transaction().execute((trx) => insertService(database, trx, actor, councilId, input)),
  )
  return (await getService(database, councilId, id)) as Service
}

function storedChanges(changes: ServiceChanges): Record<string, unknown> {
  const stored: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) continue
    if (key === 'name') stored.name = (value as string).trim()
    else if (key === 'online_available' || key === 'active' || key === 'anonymous_allowed') stored[key] = value ? 1 : 0
    else if (key === 'keywords' || key === 'form') stored[key] = JSON.stringify(value)
    else stored[key] = value
  }
  return stored
}

/**
 * Changes the given fields of a service inside the caller's transaction. The slug stays as first
 * made so links to the service keep working after a rename.
 */
export async function changeService(
  database: Database,
  trx: Queryable,
  actor: Actor,
  councilId: number,
  id: number,
  changes: ServiceChanges,
): Promise<void> {
  const current = await repo.findServiceRow(trx, councilId, id)
  if (!current) throw notFound('Service')
  const delivery = {
    team_id: changes.team_id === undefined ? current.team_id : changes.team_id,
    partner_org_id: changes.partner_org_id === undefined ? current.partner_org_id : changes.partner_org_id,
  }
  await checkServiceRules(trx, councilId, delivery, changes.form)
  if (changes.open311_code !== undefined) await refuseTakenCode(trx, councilId, changes.open311_code, id)
  await repo.updateServiceRow(trx, councilId, id, { ...storedChanges(changes), updated_at: nowIso() })
  const fields = Object.keys(changes).filter((key) => changes[key as keyof ServiceChanges] !== undefined)
  await recordAudit(
    database,
    actor,
    { action: 'service.update', subjectType: 'service', subjectId: id, detail: { fields } },
    trx,
  )
}

export async function updateService(
  database: Database,
  actor: Actor,
  councilId: number,
  id: number,
  changes: ServiceChanges,
): Promise<Service> {
  await asConflict(() =>
    database.db.transaction().execute((trx) => changeService(database, trx, actor, councilId, id, changes)),
  )
  return (await getService(database, councilId, id)) as Service
}
export type { FormField } from './form-fields.ts'

export type { CatalogueImportReport, CatalogueImportResult } from './catalogue-import.ts'
export { importCatalogue } from './catalogue-import.ts'

export type { QuestionChange } from './form-changes.ts'
export { addQuestion, changeQuestion, moveQuestion, questionErrors, removeQuestion } from './form-changes.ts'
export { FIELD_TYPES, CHOICE_TYPES, DEFAULT_MAX_LENGTH } from './form-fields.ts'
export type { FieldType } from './form-fields.ts'
export type { Audience, Question, QuestionStyle, TypedValues } from './form-pages.ts'
export { ADDRESS_PARTS, inputName } from './form-pages.ts'
export {
  addressLine,
  answersFromForm,
  errorSummaryItems,
  questionsFor,
  typedFromAnswers,
  typedValues,
} from './form-pages.ts'
export { UK_PHONE_PATTERN, UK_POSTCODE_PATTERN } from './form-schema.ts'
