// An app on a fresh database of the given engine, with one council and a token per role, for
// HTTP tests through `inject`.
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../src/app.ts'
import type { AppOptions } from '../../src/app.ts'
import type { LogDestination } from '../../src/platform/http/logger.ts'
import { loadConfig } from '../../src/config.ts'
import { testDatabase } from './databases.ts'
import type { TestDatabase } from './databases.ts'
import type { Engine } from '../../src/config.ts'
import { nowIso } from '../../src/platform/db/database.ts'
import type { Database } from '../../src/platform/db/database.ts'
import { createApiToken } from '../../src/platform/auth/tokens.ts'
import { ROLES } from '../../src/platform/db/values.ts'
import type { Role } from '../../src/platform/db/values.ts'

export type TestApp = {
  app: FastifyInstance
  database: TestDatabase
  councilId: number
  /** A bearer token per role, for the test council. */
  tokens: Record<Role, string>
  /** Headers with the bearer token of a role. */
  as(role: Role): { authorization: string }
  close(): Promise<void>
}

export async function createTestCouncil(
  database: Database,
  slug = 'test-council',
  name = 'Test District Council',
): Promise<number> {
  const row = await database.db
    .insertInto('council')
    .values({ slug, name, hostnames: JSON.stringify(['localhost']), settings: '{}', created_at: nowIso() })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export type TestAppOptions = {
  /** Collect log lines (at info level) instead of discarding them. */
  logStream?: LogDestination
  extraRoutes?: AppOptions['extraRoutes']
  /** Environment variables for the config, e.g. BODY_LIMIT_BYTES. */
  env?: Record<string, string>
}

export async function testApp(engine: Engine, options: TestAppOptions = {}): Promise<TestApp> {
  const database = await testDatabase(engine)
  const councilId = await createTestCouncil(database)
  const tokens = {} as Record<Role, string>
  for (const role of ROLES) tokens[role] = (await createApiToken(database, councilId, role, `test ${role}`)).token
  const env = {
    NODE_ENV: 'test',
    SESSION_SECRET: 'x'.repeat(32),
    ...(options.logStream ? { LOG_LEVEL: 'info' } : {}),
    ...options.env,
  }
  const config = { ...loadConfig(env), database: { engine: 'sqlite' as const, file: ':memory:' } }
  const app = await buildApp({
    config,
    database,
    validateResponses: true,
    logStream: options.logStream,
    extraRoutes: options.extraRoutes,
  })
  return {
    app,
    database,
    councilId,
    tokens,
    as: (role) => ({ authorization: `Bearer ${tokens[role]}` }),
    close: async () => {
      await app.close()
      await database.close()
    },
  }
}
