// The partner portal's referrals: the list of referrals to the reader's organisation (or, for
// council staff, to every partner of their council) and one referral with the resident's name,
// the reason and its status. Anything outside the reader's scope is a 404 page.
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import type { FeatureOptions } from '../../platform/http/feature.ts'
import { actorOf, principalOf } from '../../platform/auth/guard.ts'
import { scopeOf } from '../../platform/auth/scope.ts'
import { notFound } from '../../platform/http/problem.ts'
import { recordIdOf } from '../../platform/http/ids.ts'
import { addTemplateDirectory } from '../../platform/views/views.ts'
import type { ReferralStatus } from '../../platform/db/values.ts'
import { getReferral, listReferrals } from './service.ts'

addTemplateDirectory(join(dirname(fileURLToPath(import.meta.url)), 'views'))

const PAGE_SIZE = 25

/** The words and GOV.UK tag colour for each status. */
const STATUS_TAGS: Record<ReferralStatus, { text: string; classes: string }> = {
  sent: { text: 'New', classes: 'govuk-tag--blue' },
  accepted: { text: 'Accepted', classes: 'govuk-tag--turquoise' },
  declined: { text: 'Declined', classes: 'govuk-tag--red' },
  completed: { text: 'Completed', classes: 'govuk-tag--green' },
  withdrawn: { text: 'Withdrawn', classes: 'govuk-tag--grey' },
}

export async function referralPages(app: FastifyInstance, options: FeatureOptions): Promise<void> {
  const { database } = options

  app.get<{ Querystring: { cursor?: string } }>(
    '/partner/referrals',
    { config: { permission: 'referrals:read' }, schema: { hide: true } },
    async (request, reply) => {
      const scope = scopeOf(principalOf(request))
      const cursor =
        typeof request.query.cursor === 'string' && request.query.cursor !== '' ? request.query.cursor : undefined
      const page = await listReferrals(database, actorOf(request), scope, { limit: PAGE_SIZE, cursor })
      return reply.view('referrals/list.njk', {
        pageTitle: 'Referrals',
        council: request.council,
        referrals: page.items.map((r) => ({ ...r, tag: STATUS_TAGS[r.status] })),
        showPartner: scope.kind === 'council',
        nextHref: page.next_cursor ? `/partner/referrals?cursor=${encodeURIComponent(page.next_cursor)}` : null,
        firstPage: cursor === undefined,
      })
    },
  )

  app.get<{ Params: { id: string } }>(
    '/partner/referrals/:id',
    { config: { permission: 'referrals:read' }, schema: { hide: true } },
    async (request, reply) => {
      const id = recordIdOf(request.params.id)
      if (id === undefined) throw notFound('Referral')
      const referral = await getReferral(database, actorOf(request), scopeOf(principalOf(request)), id)
      return reply.view('referrals/referral.njk', {
        pageTitle: `Referral ${referral.id}`,
        council: request.council,
        referral,
        tag: STATUS_TAGS[referral.status],
      })
    },
  )
}
