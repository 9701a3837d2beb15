// Queries for the teams that deliver a council's services. Scoped to one council; each takes a
// Kysely handle so it also runs inside a transaction.
import type { Insertable, Selectable, Updateable } from 'kysely'
import type { Queryable, TeamTable } from '../../platform/db/schema.ts'

export type TeamRow = Selectable<TeamTable>

export function findTeamRow(db: Queryable, councilId: number, id: number): Promise<TeamRow | undefined> {
  return db.selectFrom('team').selectAll().where('council_id', '=', councilId).where('id', '=', id).executeTakeFirst()
}

export function listTeamRows(db: Queryable, councilId: number): Promise<TeamRow[]> {
  return db.selectFrom('team').selectAll().where('council_id', '=', councilId).orderBy('name').orderBy('id').execute()
}

export async function insertTeamRow(db: Queryable, row: Insertable<TeamTable>): Promise<number> {
  return (await db.insertInto('team').values(row).returning('id').executeTakeFirstOrThrow()).id
}

export async function updateTeamRow(
  db: Queryable,
  councilId: number,
  id: number,
  changes: Updateable<TeamTable>,
): Promise<void> {
  await db.updateTable('team').set(changes).where('council_id', '=', councilId).where('id', '=', id).execute()
}
