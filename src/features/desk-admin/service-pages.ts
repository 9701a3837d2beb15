// /staff/admin/services: the catalogue as an administrator keeps it. Services are listed a page at
// a time, inactive ones included (they are switched off, not gone); adding and changing go through
// the catalogue service, which audits the change and refuses an Open311 code already in use.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { FeatureOptions } from '../../platform/http/feature.ts'
import { actorOf, principalOf } from '../../platform/auth/guard.ts'
import { recordIdOf } from '../../platform/http/ids.ts'
import { flashNotice } from '../../platform/http/notice.ts'
import type { FieldError } from '../../platform/http/problem.ts'
import { notFound } from '../../platform/http/problem.ts'
import { createService, getService, listServices, listTeams, updateService } from '../catalogue/service.ts'
import { listPartnerOrgs } from '../partners/service.ts'
import { refusalAsFields, shownErrors } from './page-errors.ts'
import type { ServiceForm } from './service-form.ts'
import {
  SERVICE_FIELDS,
  checkServiceForm,
  emptyServiceForm,
  formFieldOf,
  formOfService,
  serviceFormFrom,
} from './service-form.ts'

const CATALOGUE = { config: { permission: 'catalogue:write' as const }, schema: { hide: true } }
const SERVICES = '/staff/admin/services'
const PAGE_SIZE = 50

type FormPage = { heading: string; action: string; button: string; values: ServiceForm; errors?: FieldError[] }

async function deliveryItems(feature: FeatureOptions, councilId: number, chosen: string) {
  const [teams, partners] = await Promise.all([
    listTeams(feature.database, councilId),
    listPartnerOrgs(feature.database, councilId),
  ])
  const item = (value: string, text: string) => ({ value, text, selected: value === chosen })
  return [
    item('', 'Select who delivers it'),
    ...teams.map((team) => item(`team:${team.id}`, team.name)),
    ...partners.map((partner) => item(`partner:${partner.id}`, `${partner.name} (partner organisation)`)),
  ]
}

async function showForm(request: FastifyRequest, reply: FastifyReply, feature: FeatureOptions, page: FormPage) {
  const shown = shownErrors(page.errors ?? [], SERVICE_FIELDS)
  return reply.status(shown.errorList ? 400 : 200).view('desk-admin/service-form.njk', {
    council: request.council,
    pageTitle: `${shown.errorList ? 'Error: ' : ''}${page.heading}`,
    ...page,
    ...shown,
    deliveredBy: await deliveryItems(feature, principalOf(request).councilId, page.values.deliveredBy),
  })
}

function serviceIdOf(request: FastifyRequest<{ Params: { id: string } }>): number {
  const id = recordIdOf(request.params.id)
  if (id === undefined) throw notFound('Service')
  return id
}

/** The catalogue's refusal as errors beside this page's boxes: a code in use belongs to the Open311 code. */
function refused(error: unknown): FieldError[] {
  return refusalAsFields(error, 'open311Code').map((e) => ({ ...e, name: formFieldOf(e.name) }))
}

export async function servicePages(app: FastifyInstance, feature: FeatureOptions): Promise<void> {
  const { database } = feature

  app.get<{ Querystring: { after?: unknown } }>(SERVICES, CATALOGUE, async (request, reply) => {
    const councilId = principalOf(request).councilId
    const cursor = typeof request.query.after === 'string' ? request.query.after : undefined
    const query = { include_inactive: true, limit: PAGE_SIZE, cursor }
    const [page, teams, partners] = await Promise.all([
      listServices(database, councilId, query),
      listTeams(database, councilId),
      listPartnerOrgs(database, councilId),
    ])
    const deliverer = new Map<string, string>([
      ...teams.map((t) => [`team:${t.id}`, t.name] as const),
      ...partners.map((p) => [`partner:${p.id}`, p.name] as const),
    ])
    return reply.view('desk-admin/services.njk', {
      council: request.council,
      pageTitle: 'Services',
      services: page.items.map((s) => ({
        ...s,
        deliveredBy: deliverer.get(s.team_id !== null ? `team:${s.team_id}` : `partner:${s.partner_org_id}`) ?? '',
      })),
      next: page.next_cursor && `${SERVICES}?after=${encodeURIComponent(page.next_cursor)}`,
      paged: cursor !== undefined,
    })
  })

  const adding = { heading: 'Add a service', action: SERVICES, button: 'Add the service' }
  app.get(`${SERVICES}/new`, CATALOGUE, async (request, reply) =>
    showForm(request, reply, feature, { ...adding, values: emptyServiceForm() }),
  )

  app.post(SERVICES, CATALOGUE, async (request, reply) => {
    const values = serviceFormFrom(request)
    const checked = checkServiceForm(values)
    let errors = checked.ok ? [] : checked.errors
    if (checked.ok) {
      try {
        const service = await createService(database, actorOf(request), principalOf(request).councilId, checked.input)
        return flashNotice(reply, `Service ${service.name} added`).redirect(`${SERVICES}/${service.id}`, 303)
      } catch (error) {
        errors = refused(error)
      }
    }
    return showForm(request, reply, feature, { ...adding, values, errors })
  })

  app.get<{ Params: { id: string } }>(`${SERVICES}/:id`, CATALOGUE, async (request, reply) => {
    const councilId = principalOf(request).councilId
    const service = await getService(database, councilId, serviceIdOf(request))
    if (!service) throw notFound('Service')
    const delivery = (await deliveryItems(feature, councilId, formOfService(service).deliveredBy)).find(
      (i) => i.selected,
    )
    return reply.view('desk-admin/service.njk', {
      council: request.council,
      pageTitle: service.name,
      service,
      deliveredBy: delivery?.text ?? '',
    })
  })

  const changing = (id: number) => ({ heading: 'Change the service', action: `${SERVICES}/${id}`, button: 'Save' })

  app.get<{ Params: { id: string } }>(`${SERVICES}/:id/edit`, CATALOGUE, async (request, reply) => {
    const service = await getService(database, principalOf(request).councilId, serviceIdOf(request))
    if (!service) throw notFound('Service')
    return showForm(request, reply, feature, { ...changing(service.id), values: formOfService(service) })
  })

  app.post<{ Params: { id: string } }>(`${SERVICES}/:id`, CATALOGUE, async (request, reply) => {
    const id = serviceIdOf(request)
    const values = serviceFormFrom(request)
    const checked = checkServiceForm(values)
    let errors = checked.ok ? [] : checked.errors
    if (checked.ok) {
      try {
        const councilId = principalOf(request).councilId
        await updateService(database, actorOf(request), councilId, id, checked.input)
        return flashNotice(reply, 'Service saved').redirect(`${SERVICES}/${id}`, 303)
      } catch (error) {
        errors = refused(error)
      }
    }
    return showForm(request, reply, feature, { ...changing(id), values, errors })
  })
}
