// The public home page: the council's name and its services, grouped, each with its offline route.
import { councilOf } from '../../platform/council/plugin.ts'
import type { FastifyInstance } from 'fastify'
import type { FeatureOptions } from '../../platform/http/feature.ts'
import { listActiveServices } from '../catalogue/service.ts'

export async function homePages(app: FastifyInstance, options: FeatureOptions): Promise<void> {
  app.get('/', { config: { permission: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const council = councilOf(request)
    const services = await listActiveServices(options.database, council.id)
    const groups = new Map<string, { name: string; online: boolean }[]>()
    for (const service of services) {
      const group = service.open311_group ?? 'Other services'
      groups.set(group, [...(groups.get(group) ?? []), { name: service.name, online: service.online_available }])
    }
    return reply.view('home.njk', { council, groups: [...groups].map(([name, list]) => ({ name, services: list })) })
  })
}
