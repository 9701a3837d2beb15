// Rate limits on sign-in, registration, password reset and every public write. The counters live
// in the database so that several app processes share one limit instead of each allowing its own.
import fp from 'fastify-plugin'
import rateLimit from '@fastify/rate-limit'
import type { FastifyRateLimitStore, RateLimitOptions } from '@fastify/rate-limit'
import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import type { Database } from '../db/database.ts'

/** What a public write gets when its route names no limit of its own. */
export const PUBLIC_WRITE_LIMIT: RateLimitOptions = { max: 30, timeWindow: 60_000 }

type Hit = { current: number; ttl: number }

/** Counts a hit in a fixed window per key, in one statement so concurrent hits never lose a count. */
export async function countHit(database: Database, key: string, windowMs: number, now = Date.now()): Promise<Hit> {
  const nowIso = new Date(now).toISOString()
  const resetsAt = new Date(now + windowMs).toISOString()
  const expired = sql<boolean>`rate_limit_bucket.resets_at <= ${nowIso}`
  const row = await database.db
    .insertInto('rate_limit_bucket')
    .values({ key, hits: 1, resets_at: resetsAt })
    .onConflict((conflict) =>
      conflict.column('key').doUpdateSet({
        hits: sql<number>`case when ${expired} then 1 else rate_limit_bucket.hits + 1 end`,
        resets_at: sql<string>`case when ${expired} then excluded.resets_at else rate_limit_bucket.resets_at end`,
      }),
    )
    .returning(['hits', 'resets_at'])
    .executeTakeFirstOrThrow()
  return { current: Number(row.hits), ttl: Math.max(0, new Date(row.resets_at).getTime() - now) }
}

function databaseStore(database: Database, prefix = ''): FastifyRateLimitStore {
  return {
    incr(key, callback, timeWindow) {
      countHit(database, prefix + key, timeWindow).then(
        (hit) => callback(null, hit),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      )
    },
    // The plugin hands a route's merged limit settings, with the route itself under routeInfo:
    // each route counts apart, so a sign-in never uses up a registration's allowance.
    child(settings) {
      const route = (settings as { routeInfo?: { method?: unknown; url?: unknown } }).routeInfo
      return databaseStore(database, `${String(route?.method)} ${String(route?.url)}|`)
    },
  }
}

export const rateLimitPlugin = fp(
  async (app: FastifyInstance, options: { database: Database; enabled: boolean }) => {
    if (!options.enabled) return
    const database = options.database
    await app.register(rateLimit, {
      global: false,
      store: class {
        constructor() {
          return databaseStore(database)
        }
      } as unknown as NonNullable<RateLimitOptions['store']>,
      keyGenerator: (request) => request.ip,
      errorResponseBuilder: (_request, context) => ({
        statusCode: 429,
        message: `Too many attempts: try again in ${context.after}`,
      }),
    })
  },
  { name: 'frontdoor-rate-limit' },
)
