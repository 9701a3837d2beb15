// /staff/admin: what an administrator can change about how the council's desk works. Every change
// goes through the service of the feature that owns it (the catalogue for services and teams) and
// is audited there; these files are pages only.
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import type { FeatureOptions } from '../../platform/http/feature.ts'
import { principalOf } from '../../platform/auth/guard.ts'
import { may } from '../../platform/auth/principal.ts'
import { addTemplateDirectory } from '../../platform/views/views.ts'
import { questionPages } from './question-pages.ts'
import { servicePages } from './service-pages.ts'
import { settingsPages } from './settings-pages.ts'
import { staffPages } from './staff-pages.ts'
import { teamPages } from './team-pages.ts'

addTemplateDirectory(join(dirname(fileURLToPath(import.meta.url)), 'views'))

const ADMIN = { config: { permission: 'admin:manage' as const }, schema: { hide: true } }

export async function deskAdminPages(app: FastifyInstance, feature: FeatureOptions): Promise<void> {
  app.get('/staff/admin', ADMIN, async (request, reply) =>
    reply.view('desk-admin/index.njk', {
      council: request.council,
      pageTitle: 'Administration',
      mayChangeCatalogue: may(principalOf(request), 'catalogue:write'),
    }),
  )
  await teamPages(app, feature)
  await servicePages(app, feature)
  await questionPages(app, feature)
  await staffPages(app, feature)
  await settingsPages(app, feature)
}
