// The caseworkers' side of the advisor's desk: the case page and the queues.
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import type { FeatureOptions } from '../../platform/http/feature.ts'
import { addTemplateDirectory } from '../../platform/views/views.ts'
import { casePages } from './case-page.ts'
import { queuePages } from './queue-page.ts'

addTemplateDirectory(join(dirname(fileURLToPath(import.meta.url)), 'views'))

export async function deskQueuePages(app: FastifyInstance, feature: FeatureOptions): Promise<void> {
  await casePages(app, feature.database)
  await queuePages(app, feature.database)
}
