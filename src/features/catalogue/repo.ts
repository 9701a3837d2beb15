// Queries for the service catalogue and the teams that deliver services. Every query is scoped to
// one council; functions take a Kysely handle so they also run inside a transaction.
import { sql } from 'kysely'
import type { Insertable, Selectable, Updateable } from 'kysely'
import type { ServiceTable, Queryable } from '../../platform/db/schema.ts'

export type ServiceRow = Selectable<ServiceTable>

export type ServiceFilters = {
  group?: string
  onlineAvailable?: boolean
  /** Lower-cased words looked for in the name and keywords. */
  q?: string
  includeInactive: boolean
}

export type ServiceCursor = { name: string; id: number }

function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

export async function findServiceRow(db: Queryable, councilId: number, id: number): Promise<ServiceRow | undefined> {
  return db
    .selectFrom('service')
    .selectAll()
    .where('council_id', '=', councilId)
    .where('id', '=', id)
    .executeTakeFirst()
}

/**
 * The service's row for a read-then-write of its form: on PostgreSQL the row stays locked until the
 * transaction ends, so two administrators changing the form at once cannot lose one another's
 * change; SQLite runs one writer at a time already.
 */
export async function findServiceRowToChange(
  db: Queryable,
  councilId: number,
  id: number,
  lock: boolean,
): Promise<ServiceRow | undefined> {
  const query = db.selectFrom('service').selectAll().where('council_id', '=', councilId).where('id', '=', id)
  return (lock ? query.forUpdate() : query).executeTakeFirst()
}

export async function findServiceRowByCode(
  db: Queryable,
  councilId: number,
  code: string,
): Promise<ServiceRow | undefined> {
  return db
    .selectFrom('service')
    .selectAll()
    .where('council_id', '=', councilId)
    .where('open311_code', '=', code)
    .executeTakeFirst()
}

export async function listServiceRows(
  db: Queryable,
  councilId: number,
  filters: ServiceFilters,
  limit: number,
  after?: ServiceCursor,
): Promise<ServiceRow[]> {
  let query = db.selectFrom('service').selectAll().where('council_id', '=', councilId)
  if (!filters.includeInactive) query = query.where('active', '=', 1)
  if (filters.group !== undefined) query = query.where('open311_group', '=', filters.group)
  if (filters.onlineAvailable !== undefined)
    query = query.where('online_available', '=', filters.onlineAvailable ? 1 : 0)
  for (const word of (filters.q ?? '').split(/\s+/).filter(Boolean)) {
    const pattern = likePattern(word)
    query = query.where((eb) =>
      eb.or([
        eb(sql`lower(name)`, 'like', sql`${pattern} escape '\\'`),
        eb(sql`lower(keywords)`, 'like', sql`${pattern} escape '\\'`),
      ]),
    )
  }
  if (after)
    query = query.where((eb) =>
      eb.or([eb('name', '>', after.name), eb.and([eb('name', '=', after.name), eb('id', '>', after.id)])]),
    )
  return query.orderBy('name').orderBy('id').limit(limit).execute()
}

export async function listActiveServiceRows(db: Queryable, councilId: number): Promise<ServiceRow[]> {
  return db
    .selectFrom('service')
    .selectAll()
    .where('council_id', '=', councilId)
    .where('active', '=', 1)
    .orderBy('open311_group')
    .orderBy('name')
    .execute()
}

export async function insertServiceRow(db: Queryable, row: Insertable<ServiceTable>): Promise<number> {
  const inserted = await db.insertInto('service').values(row).returning('id').executeTakeFirstOrThrow()
  return inserted.id
}

export async function updateServiceRow(
  db: Queryable,
  councilId: number,
  id: number,
  changes: Updateable<ServiceTable>,
): Promise<void> {
  await db.updateTable('service').set(changes).where('council_id', '=', councilId).where('id', '=', id).execute()
}

/** Slugs in the council that start with the given one: the new slug must differ from all. */
export async function slugsLike(db: Queryable, councilId: number, base: string): Promise<string[]> {
  const rows = await db
    .selectFrom('service')
    .select('slug')
    .where('council_id', '=', councilId)
    .where('slug', 'like', sql<string>`${`${base.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} escape '\\'`)
    .execute()
  return rows.map((row) => row.slug)
}

export async function openCodeTaken(
  db: Queryable,
  councilId: number,
  code: string,
  exceptId?: number,
): Promise<boolean> {
  let query = db.selectFrom('service').select('id').where('council_id', '=', councilId).where('open311_code', '=', code)
  if (exceptId !== undefined) query = query.where('id', '<>', exceptId)
  return (await query.executeTakeFirst()) !== undefined
}

export async function findTeam(
  db: Queryable,
  councilId: number,
  id: number,
): Promise<{ id: number; name: string } | undefined> {
  return db
    .selectFrom('team')
    .select(['id', 'name'])
    .where('council_id', '=', councilId)
    .where('id', '=', id)
    .executeTakeFirst()
}

export async function partnerExists(db: Queryable, councilId: number, id: number): Promise<boolean> {
  const row = await db
    .selectFrom('partner_org')
    .select('id')
    .where('council_id', '=', councilId)
    .where('id', '=', id)
    .executeTakeFirst()
  return row !== undefined
}
