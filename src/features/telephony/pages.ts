// The call-back pages: residents ask at /contact/call-back (ask-pages.ts), advisors work the list at
// /staff/call-backs (list-pages.ts) and link each to the resident it is for (link-pages.ts).
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import type { FeatureOptions } from '../../platform/http/feature.ts'
import { addTemplateDirectory } from '../../platform/views/views.ts'
import { askForCallBackPages } from './ask-pages.ts'
import { callBackListPages } from './list-pages.ts'
import { linkResidentPages } from './link-pages.ts'

export { CALL_BACK_LIMIT } from './ask-pages.ts'

addTemplateDirectory(join(dirname(fileURLToPath(import.meta.url)), 'views'))

export async function telephonyPages(app: FastifyInstance, feature: FeatureOptions): Promise<void> {
  await askForCallBackPages(app, feature.database)
  await callBackListPages(app, feature.database)
  await linkResidentPages(app, feature.database)
}
