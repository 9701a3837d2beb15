// API bearer tokens: shown once at creation, stored only as a SHA-256 hash with their role and
// council, revocable. A token is long and random, so a fast hash is enough (no password stretching).
import { createHash, randomBytes } from 'node:crypto'
import type { Database } from '../db/database.ts'
import { nowIso } from '../db/database.ts'
import type { Role } from '../db/values.ts'
import type { Engine } from '../../config.ts'
import { preparedQuery } from '../db/prepared.ts'
import type { Queryable } from '../db/schema.ts'

const PREFIX = 'fd_'

export type TokenHolder = { tokenId: number; councilId: number; role: Role; name: string }

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

export async function createApiToken(
  database: Database,
  councilId: number,
  role: Role,
  name: string,
): Promise<{ id: number; token: string }> {
  const token = PREFIX + randomBytes(32).toString('base64url')
  const row = await database.db
    .insertInto('api_token')
    .values({ council_id: councilId, name, role, token_hash: hashToken(token), created_at: nowIso() })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { id: row.id, token }
}

// Every API request looks its token up, so the query is compiled once.
const liveTokenByHash = preparedQuery(1, (db: Queryable, _engine: Engine, tokenHash: string) =>
  db
    .selectFrom('api_token')
    .select(['id', 'council_id', 'role', 'name'])
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null),
)

export async function findTokenHolder(database: Database, token: string): Promise<TokenHolder | undefined> {
  if (!token.startsWith(PREFIX)) return undefined
  const [row] = await liveTokenByHash(database.db, database.engine, hashToken(token))
  return row && { tokenId: row.id, councilId: row.council_id, role: row.role, name: row.name }
}

export async function revokeApiToken(database: Database, councilId: number, id: number): Promise<boolean> {
  const result = await database.db
    .updateTable('api_token')
    .set({ revoked_at: nowIso() })
    .where('id', '=', id)
    .where('council_id', '=', councilId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}
