// What every feature plugin is given when src/features/index.ts mounts it. It lives in the platform so
// features need not import the registry that imports them.
import type { FastifyPluginAsync } from 'fastify'
import type { Config } from '../../config.ts'
import type { Database } from '../db/database.ts'

export type FeatureOptions = { database: Database; config: Config }
export type FeaturePlugin = FastifyPluginAsync<FeatureOptions>
