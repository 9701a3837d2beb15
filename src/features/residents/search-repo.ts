// The desk's search: residents matching what was typed, ranked so an exact surname (or the
// property's UPRN) comes before a partial match, a page at a time by offset. Ranked order has no
// stable key to hand a cursor, and an advisor pages a handful of results, not thousands.
import { sql } from 'kysely'
import type { Expression, SqlBool } from 'kysely'
import type { Engine } from '../../config.ts'
import type { Queryable } from '../../platform/db/schema.ts'
import { wordsMatch } from './repo.ts'
import type { ResidentRow } from './repo.ts'

export type RankedSearch = {
  /** Already normalised search words (see search.ts). */
  words: readonly string[]
  /** Digits that may be a property's UPRN, matched exactly against residents' addresses. */
  uprn?: string
}

function withUprn(councilId: number, uprn: string): Expression<SqlBool> {
  return sql<SqlBool>`resident.id in (select a.resident_id from resident_address a where a.council_id = ${councilId} and a.uprn = ${uprn})`
}

export async function rankedResidentRows(
  db: Queryable,
  engine: Engine,
  councilId: number,
  search: RankedSearch,
  offset: number,
  limit: number,
): Promise<ResidentRow[]> {
  const matches: Expression<SqlBool>[] = []
  if (search.words.length > 0) matches.push(wordsMatch(engine, search.words))
  if (search.uprn) matches.push(withUprn(councilId, search.uprn))
  if (matches.length === 0) return []
  const exact: Expression<SqlBool>[] = search.words.map((word) => sql<SqlBool>`lower(resident.family_name) = ${word}`)
  if (search.uprn) exact.push(withUprn(councilId, search.uprn))
  const rank = sql<number>`case when ${sql.join(exact, sql` or `)} then 0 else 1 end`
  return db
    .selectFrom('resident')
    .selectAll('resident')
    .where('resident.council_id', '=', councilId)
    .where('resident.merged_into', 'is', null)
    .where(sql<SqlBool>`(${sql.join(matches, sql` or `)})`)
    .orderBy(rank)
    .orderBy('resident.family_name')
    .orderBy('resident.given_name')
    .orderBy('resident.id')
    .limit(limit)
    .offset(offset)
    .execute()
}
