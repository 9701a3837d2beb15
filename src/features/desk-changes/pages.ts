// The advisor's desk: changing a resident's details and preferences, their vulnerability flags,
// and merging a duplicate into them. Every change goes through the residents service, carries a
// reason and shows in the resident's timeline; every record shown is audited as read.
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import type { FeatureOptions } from '../../platform/http/feature.ts'
import { addTemplateDirectory } from '../../platform/views/views.ts'
import { editPages } from './edit-pages.ts'
import { flagPages } from './flag-pages.ts'
import { mergePages } from './merge-pages.ts'

addTemplateDirectory(join(dirname(fileURLToPath(import.meta.url)), 'views'))

export async function deskChangePages(app: FastifyInstance, feature: FeatureOptions): Promise<void> {
  await editPages(app, feature)
  await flagPages(app, feature)
  await mergePages(app, feature)
}
