// Partner organisations: who else delivers services for the council and receives its referrals.
// They hold no personal data, so reads are not audited; every change is, as an administrative action.
import type { Database } from '../../platform/db/database.ts'
import { nowIso } from '../../platform/db/database.ts'
import type { Queryable } from '../../platform/db/schema.ts'
import type { Actor } from '../../platform/audit/audit.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { conflict, notFound } from '../../platform/http/problem.ts'
import { isUniqueViolation } from '../../platform/db/errors.ts'
import type { PartnerOrgRow } from './repo.ts'
import * as repo from './repo.ts'

export type PartnerOrg = {
  id: number
  name: string
  description: string | null
  email: string | null
  phone: string | null
  website: string | null
  open_referral_id: string | null
  active: boolean
  created_at: string
}

export type PartnerOrgInput = {
  name: string
  description?: string | null
  email?: string | null
  phone?: string | null
  website?: string | null
  open_referral_id?: string | null
  active?: boolean
}

export type PartnerOrgChanges = Partial<PartnerOrgInput>

function toPartnerOrg(row: PartnerOrgRow): PartnerOrg {
  return { ...row, active: row.active === 1 }
}

/** Names are compared as people read them: spacing at the ends and letter case do not make a new organisation. */
export const sameName = (a: string, b: string) =>
  a.trim().toLocaleLowerCase('en-GB') === b.trim().toLocaleLowerCase('en-GB')

export async function listPartnerOrgs(database: Database, councilId: number): Promise<PartnerOrg[]> {
  return (await repo.listPartnerOrgs(database.db, councilId)).map(toPartnerOrg)
}

export async function getPartnerOrg(database: Database, councilId: number, id: number): Promise<PartnerOrg> {
  const row = await repo.findPartnerOrg(database.db, councilId, id)
  if (!row) throw notFound('Partner organisation')
  return toPartnerOrg(row)
}

async function refuseTakenName(db: Queryable, councilId: number, name: string, exceptId?: number): Promise<void> {
  const taken = (await repo.listPartnerOrgs(db, councilId)).some(
    (org) => org.id !== exceptId && sameName(org.name, name),
  )
  if (taken) throw nameTaken(name)
}

function nameTaken(name: string) {
  return conflict(`There is already a partner organisation named ${name.trim()}`)
}

/** The database holds names unique too (migration 012): two saves of one name at the same moment meet it, not a 500. */
async function refusingTakenName<T>(name: string | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write()
  } catch (error) {
    if (name !== undefined && isUniqueViolation(error)) throw nameTaken(name)
    throw error
  }
}

function storedFields(input: PartnerOrgChanges): Partial<Omit<PartnerOrgRow, 'id' | 'council_id' | 'created_at'>> {
  const stored: Partial<Omit<PartnerOrgRow, 'id' | 'council_id' | 'created_at'>> = {}
  if (input.name !== undefined) stored.name = input.name.trim()
  for (const key of ['description', 'email', 'phone', 'website', 'open_referral_id'] as const)
    if (input[key] !== undefined) stored[key] = input[key]
  if (input.active !== undefined) stored.active = input.active ? 1 : 0
  return stored
}

/** Adds an organisation inside the caller's transaction: the API's create and the catalogue import share it. */
export async function insertPartnerOrg(
  database: Database,
  trx: Queryable,
  actor: Actor,
  councilId: number,
  input: PartnerOrgInput,
): Promise<number> {
  await refuseTakenName(trx, councilId, input.name)
  const id = await refusingTakenName(input.name, () =>
    repo.insertPartnerOrg(trx, {
      council_id: councilId,
      name: input.name.trim(),
      description: input.description ?? null,
      email: input.email ?? null,
      phone: input.phone ?? null,
      website: input.website ?? null,
      open_referral_id: input.open_referral_id ?? null,
      active: input.active === false ? 0 : 1,
      created_at: nowIso(),
    }),
  )
  await recordAudit(database, actor, { action: 'partner_org.create', subjectType: 'partner_org', subjectId: id }, trx)
  return id
}

/** Changes the given fields inside the caller's transaction; audited with the names of the fields changed. */
export async function changePartnerOrg(
  database: Database,
  trx: Queryable,
  actor: Actor,
  councilId: number,
  id: number,
  changes: PartnerOrgChanges,
): Promise<void> {
  if (!(await repo.findPartnerOrg(trx, councilId, id))) throw notFound('Partner organisation')
  if (changes.name !== undefined) await refuseTakenName(trx, councilId, changes.name, id)
  const stored = storedFields(changes)
  await refusingTakenName(changes.name, () => repo.updatePartnerOrg(trx, councilId, id, stored))
  const detail = { fields: Object.keys(stored) }
  await recordAudit(
    database,
    actor,
    { action: 'partner_org.update', subjectType: 'partner_org', subjectId: id, detail },
    trx,
  )
}

/** The organisation of that name in the council, if any: how the catalogue import finds one again. */
export async function partnerOrgNamed(db: Queryable, councilId: number, name: string): Promise<PartnerOrg | undefined> {
  const row = (await repo.listPartnerOrgs(db, councilId)).find((org) => sameName(org.name, name))
  return row && toPartnerOrg(row)
}

export async function createPartnerOrg(
  database: Database,
  actor: Actor,
  councilId: number,
  input: PartnerOrgInput,
): Promise<PartnerOrg> {
  const id = await database.db.transaction().execute((trx) => insertPartnerOrg(database, trx, actor, councilId, input))
  return getPartnerOrg(database, councilId, id)
}

export async function updatePartnerOrg(
  database: Database,
  actor: Actor,
  councilId: number,
  id: number,
  changes: PartnerOrgChanges,
): Promise<PartnerOrg> {
  await database.db.transaction().execute((trx) => changePartnerOrg(database, trx, actor, councilId, id, changes))
  return getPartnerOrg(database, councilId, id)
}

/** What describes an organisation, as JSON Schema: the API's body, and an entry of the catalogue file. */
export { PartnerOrgCreateBody as PartnerOrgInputSchema } from './schemas.ts'
