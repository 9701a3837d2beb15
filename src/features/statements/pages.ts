// The statements every public sector website owes its readers: accessibility (in the GOV.UK model
// the Public Sector Bodies Accessibility Regulations 2018 ask for), privacy (one general notice and one
// per service, built from what that service's form asks) and cookies. Public, in the reader's language.
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import type { FeatureOptions } from '../../platform/http/feature.ts'
import { councilOf } from '../../platform/council/plugin.ts'
import { notFound } from '../../platform/http/problem.ts'
import { addTemplateDirectory } from '../../platform/views/views.ts'
import { findServiceByOpen311Code, listActiveServices } from '../catalogue/service.ts'
import { getPartnerOrg } from '../partners/service.ts'
import { collectedFor } from './privacy.ts'

addTemplateDirectory(join(dirname(fileURLToPath(import.meta.url)), 'views'))

const PUBLIC = { config: { permission: 'public' as const }, schema: { hide: true } }

export async function statementPages(app: FastifyInstance, options: FeatureOptions): Promise<void> {
  app.get('/accessibility', PUBLIC, async (request, reply) => {
    const council = councilOf(request)
    return reply.view('statements/accessibility.njk', { council, statement: council.settings.accessibilityStatement })
  })

  app.get('/cookies', PUBLIC, async (request, reply) => {
    return reply.view('statements/cookies.njk', { council: councilOf(request) })
  })

  app.get('/privacy', PUBLIC, async (request, reply) => {
    const council = councilOf(request)
    const services = await listActiveServices(options.database, council.id)
    return reply.view('statements/privacy.njk', { council, services })
  })

  app.get<{ Params: { code: string } }>('/privacy/:code', PUBLIC, async (request, reply) => {
    const council = councilOf(request)
    const service = await findServiceByOpen311Code(options.database, council.id, request.params.code)
    if (!service || !service.active) throw notFound('The service')
    const partner = service.partner_org_id
      ? await getPartnerOrg(options.database, council.id, service.partner_org_id).catch(() => undefined)
      : undefined
    return reply.view('statements/service-privacy.njk', {
      council,
      service,
      partner,
      collected: collectedFor(service.form),
    })
  })
}
