// The public pages: finding a service, requesting it, saying how it went and following it, and
// rating it once it is resolved.
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import type { FeatureOptions } from '../../platform/http/feature.ts'
import { addTemplateDirectory } from '../../platform/views/views.ts'
import { findingPages } from './pages.ts'
import { selfServiceRequestPages } from './request-pages.ts'
import { selfServiceTrackPages } from './track-pages.ts'
import { ratePages } from './rate-pages.ts'

addTemplateDirectory(join(dirname(fileURLToPath(import.meta.url)), 'views'))

export async function selfServicePages(app: FastifyInstance, feature: FeatureOptions): Promise<void> {
  await findingPages(app, feature)
  await selfServiceRequestPages(app, feature)
  await selfServiceTrackPages(app, feature)
  await ratePages(app, feature)
}
