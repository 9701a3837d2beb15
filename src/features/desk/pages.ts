// The advisor's desk pages: finding anyone, adding a resident and the single view.
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import type { FeatureOptions } from '../../platform/http/feature.ts'
import { addTemplateDirectory } from '../../platform/views/views.ts'
import { searchPages } from './search-pages.ts'
import { residentPages } from './resident-pages.ts'

addTemplateDirectory(join(dirname(fileURLToPath(import.meta.url)), 'views'))

export async function deskPages(app: FastifyInstance, feature: FeatureOptions): Promise<void> {
  await searchPages(app, feature)
  await residentPages(app, feature)
}
