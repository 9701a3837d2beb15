// API bearer tokens: shown once at creation, stored only as a SHA-256 hash with their role and
// council, revocable. A token is long and random, so a fast hash is enough (no password stretching).
import { createHash, randomBytes } from 'node:crypto'
import type { Database } from '../db/database.ts'
import { nowIso } from '../db/database.ts'
import type { Actor } from '../audit/audit.ts'
import { recordAudit } from '../audit/audit.ts'
import type { ApiTokenRole, Open311Channel } from '../db/values.ts'
import type { Engine } from '../../config.ts'
import { preparedQuery } from '../db/prepared.ts'
import type { Queryable } from '../db/schema.ts'

const PREFIX = 'fd_'

export type TokenHolder = {
  tokenId: number
  councilId: number
  role: ApiTokenRole
  name: string
  /** The channel an Open311 client's requests arrive on; null for every other token. */
  channel: Open311Channel | null
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

function newToken(): string {
  return PREFIX + randomBytes(32).toString('base64url')
}

type NewToken = { councilId: number; role: ApiTokenRole; name: string; channel?: Open311Channel | null }

/** An Open311 key arrives on `web` unless told otherwise; other tokens have no channel. */
function channelOf(input: NewToken): Open311Channel | null {
  return input.role === 'open311' ? (input.channel ?? 'web') : null
}

async function insertToken(db: Queryable, input: NewToken, token: string): Promise<number> {
  const row = await db
    .insertInto('api_token')
    .values({
      council_id: input.councilId,
      name: input.name,
      role: input.role,
      channel: channelOf(input),
      token_hash: hashToken(token),
      created_at: nowIso(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** A token without an audit event: for the demo seed and test fixtures, where no one is issuing it. */
export async function createApiToken(
  database: Database,
  councilId: number,
  role: ApiTokenRole,
  name: string,
  channel?: Open311Channel,
): Promise<{ id: number; token: string }> {
  const token = newToken()
  return { id: await insertToken(database.db, { councilId, role, name, channel }, token), token }
}

/** A token someone issues, audited with it in one transaction: who can reach the API is a council change. */
export async function issueApiToken(
  database: Database,
  actor: Omit<Actor, 'councilId'>,
  input: NewToken,
): Promise<{ id: number; token: string }> {
  const token = newToken()
  const id = await database.db.transaction().execute(async (trx) => {
    const id = await insertToken(trx, input, token)
    await recordAudit(
      database,
      { ...actor, councilId: input.councilId },
      {
        action: 'api_token_created',
        subjectType: 'api_token',
        subjectId: id,
        detail: {
          name: input.name,
          role: input.role,
          ...(input.role === 'open311' ? { channel: channelOf(input) } : {}),
        },
      },
      trx,
    )
    return id
  })
  return { id, token }
}

export type ApiTokenListing = {
  id: number
  name: string
  role: ApiTokenRole
  channel: Open311Channel | null
  createdAt: string
  revokedAt: string | null
}

/** A council's tokens, oldest first, revoked ones included so an operator sees what was stopped and when. */
export async function listApiTokens(database: Database, councilId: number): Promise<ApiTokenListing[]> {
  const rows = await database.db
    .selectFrom('api_token')
    .select(['id', 'name', 'role', 'channel', 'created_at', 'revoked_at'])
    .where('council_id', '=', councilId)
    .orderBy('id')
    .execute()
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    role: row.role,
    channel: row.channel,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  }))
}

// Every API request looks its token up, so the query is compiled once.
const liveTokenByHash = preparedQuery(1, (db: Queryable, _engine: Engine, tokenHash: string) =>
  db
    .selectFrom('api_token')
    .select(['id', 'council_id', 'role', 'name', 'channel'])
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null),
)

export async function findTokenHolder(database: Database, token: string): Promise<TokenHolder | undefined> {
  if (!token.startsWith(PREFIX)) return undefined
  const [row] = await liveTokenByHash(database.db, database.engine, hashToken(token))
  return row && { tokenId: row.id, councilId: row.council_id, role: row.role, name: row.name, channel: row.channel }
}

/** Stops a live token of the council's at once, audited with it; false when there is no such live token. */
export async function revokeApiToken(
  database: Database,
  actor: Omit<Actor, 'councilId'>,
  councilId: number,
  id: number,
): Promise<boolean> {
  return database.db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('api_token')
      .set({ revoked_at: nowIso() })
      .where('id', '=', id)
      .where('council_id', '=', councilId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst()
    if (result.numUpdatedRows === 0n) return false
    await recordAudit(
      database,
      { ...actor, councilId },
      { action: 'api_token_revoked', subjectType: 'api_token', subjectId: id },
      trx,
    )
    return true
  })
}
