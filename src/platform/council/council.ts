// Which council a request is for. API callers carry it in their token; public pages find it by
// host name, and a deployment with one council answers for it on any host. A real deployment's
// council is added from the command line (`frontdoor council create`).
import type { CompiledQuery } from 'kysely'
import type { Database } from '../db/database.ts'
import { changeMark, nowIso } from '../db/database.ts'
import type { Actor } from '../audit/audit.ts'
import { recordAudit } from '../audit/audit.ts'
import type { CouncilSettings } from './settings.ts'
import { parseCouncilSettings } from './settings.ts'

export type Council = { id: number; slug: string; name: string; hostnames: string[]; settings: CouncilSettings }

type CouncilRow = { id: number; slug: string; name: string; hostnames: string; settings: string }

function toCouncil(row: CouncilRow): Council {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    hostnames: JSON.parse(row.hostnames) as string[],
    settings: parseCouncilSettings(row.settings),
  }
}

export async function councilById(database: Database, id: number): Promise<Council | undefined> {
  const row = await database.db
    .selectFrom('council')
    .select(['id', 'slug', 'name', 'hostnames', 'settings'])
    .where('id', '=', id)
    .executeTakeFirst()
  return row && toCouncil(row)
}

export async function councilBySlug(database: Database, slug: string): Promise<Council | undefined> {
  const row = await database.db
    .selectFrom('council')
    .select(['id', 'slug', 'name', 'hostnames', 'settings'])
    .where('slug', '=', slug)
    .executeTakeFirst()
  return row && toCouncil(row)
}

type Known = { rows: CouncilRow[]; councils: Council[]; byHost: Map<string, Council>; mark: number | undefined }

// Every public request asks which council it is for. The councils are kept per database with the
// database's change mark taken before they were read (see changeMark): while it stands still
// nothing anywhere has written, and they are answered from memory. Once it moves they are read
// again, and made again (host names and settings parsed and checked, which cost more than the
// query) only if their rows differ — so a council created or changed anywhere, by the admin
// pages, the command line or another process, shows on the very next request.
const known = new WeakMap<Database, Known>()
const listQueries = new WeakMap<Database, CompiledQuery<CouncilRow>>()

function listQuery(database: Database): CompiledQuery<CouncilRow> {
  let compiled = listQueries.get(database)
  if (!compiled) {
    compiled = database.db
      .selectFrom('council')
      .select(['id', 'slug', 'name', 'hostnames', 'settings'])
      .orderBy('id')
      .compile()
    listQueries.set(database, compiled)
  }
  return compiled
}

const sameRow = (a: CouncilRow, b: CouncilRow | undefined) =>
  b !== undefined &&
  a.id === b.id &&
  a.slug === b.slug &&
  a.name === b.name &&
  a.hostnames === b.hostnames &&
  a.settings === b.settings

function madeFrom(rows: CouncilRow[], mark: number | undefined): Known {
  const councils = rows.map(toCouncil)
  const byHost = new Map<string, Council>()
  // The first council by id that lists a host name answers for it, as before.
  for (const council of councils) for (const host of council.hostnames) if (!byHost.has(host)) byHost.set(host, council)
  return { rows: [...rows], councils, byHost, mark }
}

async function currentCouncils(database: Database): Promise<Known> {
  const mark = changeMark(database)
  const held = known.get(database)
  if (held && mark !== undefined && held.mark === mark) return held
  const { rows } = await database.db.executeQuery(listQuery(database))
  const same = held && held.rows.length === rows.length && rows.every((row, i) => sameRow(row, held.rows[i]))
  const current = same ? { ...held, mark } : madeFrom(rows, mark)
  known.set(database, current)
  return current
}

export async function councilForHost(database: Database, host: string | undefined): Promise<Council | undefined> {
  const { councils, byHost } = await currentCouncils(database)
  const hostname = (host ?? '').replace(/:\d+$/, '').toLowerCase()
  return byHost.get(hostname) ?? (councils.length === 1 ? councils[0] : undefined)
}

export async function anyCouncil(database: Database): Promise<boolean> {
  return (await database.db.selectFrom('council').select('id').limit(1).executeTakeFirst()) !== undefined
}

/** A council's short name in commands and URLs: lowercase letters, digits and single hyphens between them. */
export function slugProblem(slug: string): string | undefined {
  return /^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug)
    ? undefined
    : `"${slug}" is not a slug: use lowercase letters, digits and hyphens, such as exampleton-dc`
}

/**
 * A host name as the browser sends it in the Host header, without the port: no scheme, no path,
 * no port. Councils are found by exact match on it, so anything else would never match.
 */
export function hostnameProblem(host: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(host)) return `"${host}" is not a host name: leave out the scheme (https://)`
  if (host.includes('/')) return `"${host}" is not a host name: leave out the path`
  if (host.includes(':')) return `"${host}" is not a host name: leave out the port`
  const label = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i
  if (host.length > 253 || !host.split('.').every((part) => label.test(part)))
    return `"${host}" is not a host name, such as contact.exampleton.gov.uk`
  return undefined
}

export type NewCouncil = { slug: string; name: string; hostnames: readonly string[] }

export type CouncilCreated =
  | { ok: true; council: Council }
  | { ok: false; reason: 'slug_taken' }
  | { ok: false; reason: 'host_taken'; host: string; takenBy: string }

/**
 * Adds a council with default settings, audited. Refused when the slug is taken or one of its host
 * names already leads to another council (a request must find exactly one). The input is
 * expected to have passed slugProblem and hostnameProblem.
 */
export async function createCouncil(
  database: Database,
  actor: Omit<Actor, 'councilId'>,
  input: NewCouncil,
): Promise<CouncilCreated> {
  const hostnames = [...new Set(input.hostnames.map((host) => host.toLowerCase()))]
  return database.db.transaction().execute(async (trx): Promise<CouncilCreated> => {
    const existing = (
      await trx.selectFrom('council').select(['id', 'slug', 'name', 'hostnames', 'settings']).execute()
    ).map(toCouncil)
    if (existing.some((council) => council.slug === input.slug)) return { ok: false, reason: 'slug_taken' }
    for (const host of hostnames) {
      const owner = existing.find((council) => council.hostnames.some((taken) => taken.toLowerCase() === host))
      if (owner) return { ok: false, reason: 'host_taken', host, takenBy: owner.slug }
    }
    const row = await trx
      .insertInto('council')
      .values({
        slug: input.slug,
        name: input.name.trim(),
        hostnames: JSON.stringify(hostnames),
        settings: '{}',
        created_at: nowIso(),
      })
      .returning(['id', 'slug', 'name', 'hostnames', 'settings'])
      .executeTakeFirstOrThrow()
    await recordAudit(
      database,
      { ...actor, councilId: row.id },
      { action: 'council_created', subjectType: 'council', subjectId: row.id, detail: { slug: row.slug, hostnames } },
      trx,
    )
    return { ok: true, council: toCouncil(row) }
  })
}
