// Builds the Fastify app from config: platform plugins first, then the features on top.
import Fastify from 'fastify'
import type { FastifyInstance, FastifyPluginAsync } from 'fastify'
import formbody from '@fastify/formbody'
import compress from '@fastify/compress'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { Config } from './config.ts'
import type { Database } from './platform/db/database.ts'
import { OneLinePerRequest, loggerOptions } from './platform/http/logger.ts'
import type { LogDestination } from './platform/http/logger.ts'
import { guardPlugin } from './platform/auth/guard.ts'
import { sessionPlugin } from './platform/auth/session-plugin.ts'
import { csrfPlugin } from './platform/http/csrf.ts'
import { noticePlugin } from './platform/http/notice.ts'
import { languagePlugin } from './platform/i18n/plugin.ts'
import { securityHeadersPlugin } from './platform/http/security-headers.ts'
import { rateLimitPlugin } from './platform/http/rate-limit.ts'
import { errorsPlugin } from './platform/http/errors.ts'
import { councilPlugin } from './platform/council/plugin.ts'
import { metricsPlugin } from './platform/metrics/plugin.ts'
import { healthRoutes } from './platform/http/health.ts'
import { apiDocsPlugin } from './platform/http/api-docs.ts'
import { viewsPlugin } from './platform/views/views.ts'
import { responseValidationPlugin } from './platform/http/response-validation.ts'
import { jsonBodiesOnly } from './platform/http/json-only.ts'
import { refuseUnstorableInput } from './platform/http/input-hygiene.ts'
import { requestValidator } from './platform/http/validators.ts'
import { responseSerializer } from './platform/http/serializers.ts'
import { apiFeatures, pageFeatures } from './features/index.ts'

export type AppOptions = {
  config: Config
  database: Database
  /** Check every response against its declared schema (on in tests; costs time in production). */
  validateResponses?: boolean
  /** Where log lines go instead of stdout: tests read them back to prove what is (not) logged. */
  logStream?: LogDestination
  /** Routes added after the features, before the app is sealed: tests use it for failures no real route gives. */
  extraRoutes?: FastifyPluginAsync<{ database: Database }>
}

export async function buildApp({
  config,
  database,
  validateResponses = config.env === 'test',
  logStream,
  extraRoutes,
}: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(config.logLevel, logStream),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.env === 'production',
    return503OnClosing: true,
    logController: new OneLinePerRequest(),
  }).withTypeProvider<TypeBoxTypeProvider>()

  app.setValidatorCompiler(requestValidator())
  app.setSerializerCompiler(responseSerializer())
  app.addHook('preHandler', refuseUnstorableInput)
  const policy = { secure: config.secureCookies }
  await app.register(securityHeadersPlugin, { production: config.env === 'production' })
  // Pages and API answers compressed on the way out (fingerprinted assets come compressed already).
  await app.register(compress, { global: true, encodings: ['br', 'gzip'], threshold: 1024 })
  await app.register(sessionPlugin, { database, secret: config.sessionSecret, policy })
  await app.register(councilPlugin, { database })
  await app.register(guardPlugin, { database })
  await app.register(errorsPlugin)
  await app.register(rateLimitPlugin, { database, enabled: config.rateLimits })
  await app.register(metricsPlugin, { database, processMetrics: config.env !== 'test' })
  await app.register(formbody)
  await app.register(csrfPlugin, { secret: config.sessionSecret, policy })
  await app.register(noticePlugin)
  await app.register(languagePlugin)
  await app.register(viewsPlugin, { production: config.env === 'production' })
  await app.register(apiDocsPlugin)
  if (validateResponses) await app.register(responseValidationPlugin)
  await app.register(healthRoutes, { database })

  await app.register(
    async (api) => {
      api.addHook('preParsing', jsonBodiesOnly)
      for (const feature of apiFeatures) await api.register(feature, { database, config })
    },
    { prefix: '/api/v1' },
  )
  for (const feature of pageFeatures) await app.register(feature, { database, config })
  if (extraRoutes) await app.register(extraRoutes, { database })

  await app.ready()
  if (app.routesWithoutPermission.length > 0 && config.env === 'production') {
    throw new Error(`routes without a declared permission: ${app.routesWithoutPermission.join('; ')}`)
  }
  return app
}
