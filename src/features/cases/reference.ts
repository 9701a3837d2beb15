// Case references FD-YYYY-NNNNNN, unique per council and year. The counter row is bumped with one
// upsert inside the creating transaction: PostgreSQL's row lock and SQLite's single writer make
// concurrent creations queue on it, so no two cases ever share a number.
import { sql } from 'kysely'
import type { Queryable } from '../../platform/db/schema.ts'

export const CASE_REFERENCE_PATTERN = /^FD-(\d{4})-(\d{6,})$/

export function formatCaseReference(year: number, number: number): string {
  return `FD-${year}-${String(number).padStart(6, '0')}`
}

/** Accepts what people type: any case, spaces or missing zero padding ("fd 2026 123"). */
export function normaliseCaseReference(input: string): string | undefined {
  const match = /^\s*FD[\s-]*(\d{4})[\s-]*(\d{1,9})\s*$/i.exec(input)
  if (!match) return undefined
  return formatCaseReference(Number(match[1]), Number(match[2]))
}

export async function nextCaseReference(trx: Queryable, councilId: number, year: number): Promise<string> {
  const row = await trx
    .insertInto('case_reference_counter')
    .values({ council_id: councilId, year, last_number: 1 })
    .onConflict((oc) =>
      oc
        .columns(['council_id', 'year'])
        .doUpdateSet({ last_number: sql<number>`case_reference_counter.last_number + 1` }),
    )
    .returning('last_number')
    .executeTakeFirstOrThrow()
  return formatCaseReference(year, row.last_number)
}
