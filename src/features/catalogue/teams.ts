// The teams that deliver services and work case queues. A team's name is unique in its council
// (letter case aside), so people and the catalogue file can name it. Teams hold no personal data,
// so reads are not audited; changes are, as administrative actions.
import type { Database } from '../../platform/db/database.ts'
import { nowIso } from '../../platform/db/database.ts'
import type { Queryable } from '../../platform/db/schema.ts'
import type { Actor } from '../../platform/audit/audit.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { isUniqueViolation } from '../../platform/db/errors.ts'
import { conflict, notFound } from '../../platform/http/problem.ts'
import type { TeamRow } from './team-repo.ts'
import * as repo from './team-repo.ts'

export type Team = { id: number; name: string }
export type TeamInput = { name: string }

const toTeam = (row: TeamRow): Team => ({ id: row.id, name: row.name })

const sameName = (a: string, b: string) => a.trim().toLocaleLowerCase('en-GB') === b.trim().toLocaleLowerCase('en-GB')

export async function getTeam(database: Database, councilId: number, id: number): Promise<Team | undefined> {
  const row = await repo.findTeamRow(database.db, councilId, id)
  return row && toTeam(row)
}

export async function listTeams(database: Database, councilId: number): Promise<Team[]> {
  return (await repo.listTeamRows(database.db, councilId)).map(toTeam)
}

/** The team of that name in the council, if any: how the catalogue import finds one again. */
export async function teamNamed(db: Queryable, councilId: number, name: string): Promise<Team | undefined> {
  const row = (await repo.listTeamRows(db, councilId)).find((team) => sameName(team.name, name))
  return row && toTeam(row)
}

async function refuseTakenName(db: Queryable, councilId: number, name: string, exceptId?: number): Promise<void> {
  const holder = await teamNamed(db, councilId, name)
  if (holder && holder.id !== exceptId) throw conflict(`There is already a team named ${holder.name}`)
}

/** The database's unique name is the last word when two requests add the same name at once. */
async function asConflict<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('Another team with this name was saved at the same moment')
    throw error
  }
}

/** Adds a team inside the caller's transaction: the API's create and the catalogue import share it. */
export async function insertTeam(
  database: Database,
  trx: Queryable,
  actor: Actor,
  councilId: number,
  input: TeamInput,
): Promise<number> {
  await refuseTakenName(trx, councilId, input.name)
  const id = await repo.insertTeamRow(trx, {
    council_id: councilId,
    name: input.name.trim(),
    email: null,
    created_at: nowIso(),
  })
  await recordAudit(database, actor, { action: 'team.create', subjectType: 'team', subjectId: id }, trx)
  return id
}

export async function changeTeam(
  database: Database,
  trx: Queryable,
  actor: Actor,
  councilId: number,
  id: number,
  changes: TeamInput,
): Promise<void> {
  if (!(await repo.findTeamRow(trx, councilId, id))) throw notFound('Team')
  await refuseTakenName(trx, councilId, changes.name, id)
  await repo.updateTeamRow(trx, councilId, id, { name: changes.name.trim() })
  const detail = { fields: ['name'] }
  await recordAudit(database, actor, { action: 'team.update', subjectType: 'team', subjectId: id, detail }, trx)
}

export async function createTeam(database: Database, actor: Actor, councilId: number, input: TeamInput): Promise<Team> {
  const id = await asConflict(() =>
    database.db.transaction().execute((trx) => insertTeam(database, trx, actor, councilId, input)),
  )
  return (await getTeam(database, councilId, id)) as Team
}

export async function updateTeam(
  database: Database,
  actor: Actor,
  councilId: number,
  id: number,
  changes: TeamInput,
): Promise<Team> {
  await asConflict(() =>
    database.db.transaction().execute((trx) => changeTeam(database, trx, actor, councilId, id, changes)),
  )
  return (await getTeam(database, councilId, id)) as Team
}
