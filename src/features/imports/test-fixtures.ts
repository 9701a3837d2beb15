// What import tests need: a council with a team and a service, files from text, and counts.
import { Readable } from 'node:stream'
import { sql } from 'kysely'
import type { Database } from '../../platform/db/database.ts'
import type { Tables } from '../../platform/db/schema.ts'
import { createService } from '../catalogue/service.ts'
import { addTeam, systemActor } from '../../../test/support/fixtures.ts'

export async function addTeamAndService(
  database: Database,
  councilId: number,
  open311Code = 'missed-bin',
): Promise<{ teamId: number; serviceId: number }> {
  const teamId = await addTeam(database, councilId, `Waste ${open311Code}`)
  const service = await createService(database, systemActor(councilId), councilId, {
    name: `Report a missed bin (${open311Code})`,
    open311_code: open311Code,
    team_id: teamId,
    target_hours: 16,
    offline_route: 'Phone 01632 960 001',
  })
  return { teamId, serviceId: service.id }
}

/** A file's text as the stream an import reads, split into small chunks as a disk read would be. */
export function csv(text: string, chunkSize = 7): Readable {
  const chunks: Buffer[] = []
  const bytes = Buffer.from(text, 'utf8')
  for (let start = 0; start < bytes.length; start += chunkSize) chunks.push(bytes.subarray(start, start + chunkSize))
  return Readable.from(chunks)
}

export async function countRows(database: Database, table: keyof Tables, councilId: number): Promise<number> {
  const row = await database.db
    .selectFrom(table)
    .select(sql<number>`count(*)`.as('n'))
    .where(sql.ref('council_id'), '=', councilId)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}
