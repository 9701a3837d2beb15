// Which council a request is for. API callers carry it in their token; public pages find it by
// host name, and a deployment with one council answers for it on any host.
import type { Db } from '../db/database.ts'
import type { CouncilSettings } from './settings.ts'
import { parseCouncilSettings } from './settings.ts'

export type Council = { id: number; slug: string; name: string; hostnames: string[]; settings: CouncilSettings }

type CouncilRow = { id: number; slug: string; name: string; hostnames: string; settings: string }

function toCouncil(row: CouncilRow): Council {
  return { id: row.id, slug: row.slug, name: row.name, hostnames: JSON.parse(row.hostnames) as string[], settings: parseCouncilSettings(row.settings) }
}

export async function councilById(database: Db, id: number): Promise<Council | undefined> {
  const row = await database.db.selectFrom('council').select(['id', 'slug', 'name', 'hostnames', 'settings']).where('id', '=', id).executeTakeFirst()
  return row && toCouncil(row)
}

export async function councilBySlug(database: Db, slug: string): Promise<Council | undefined> {
  const row = await database.db.selectFrom('council').select(['id', 'slug', 'name', 'hostnames', 'settings']).where('slug', '=', slug).executeTakeFirst()
  return row && toCouncil(row)
}

export async function councilForHost(database: Db, host: string | undefined): Promise<Council | undefined> {
  const rows = await database.db.selectFrom('council').select(['id', 'slug', 'name', 'hostnames', 'settings']).orderBy('id').execute()
  const councils = rows.map(toCouncil)
  const hostname = (host ?? '').replace(/:\d+$/, '').toLowerCase()
  return councils.find((c) => c.hostnames.includes(hostname)) ?? (councils.length === 1 ? councils[0] : undefined)
}
