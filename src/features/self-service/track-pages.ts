// Following a request without an account: the reference and one detail given with it. A wrong
// reference and a wrong detail get the same answer, and the form is rate limited, so neither
// references nor details can be found by trying.
import type { FastifyInstance } from 'fastify'
import type { FeatureOptions } from '../../platform/http/feature.ts'
import { councilOf } from '../../platform/council/plugin.ts'
import { field as formField } from '../../platform/http/forms.ts'
import { translate } from '../../platform/i18n/translate.ts'
import { getService } from '../catalogue/service.ts'
import { trackRequest } from './service.ts'
import { PUBLIC_PAGE, publicPage } from './page-values.ts'
import { visitorOf } from './request-pages.ts'
import { eventText, statusText } from './words.ts'

/** Tries per address in ten minutes: enough for typing mistakes, far too few to guess with. */
const TRACK_LIMIT = { max: 10, timeWindow: 10 * 60_000 }
const NOT_FOUND = 'We could not find a request with that reference and detail. Check both and try again.'

type Form = { reference: string; proof: string }

export async function selfServiceTrackPages(app: FastifyInstance, feature: FeatureOptions): Promise<void> {
  const { database } = feature

  function showForm(language: string, form: Form, errors: Record<string, string>) {
    return {
      form,
      errors,
      errorList: Object.entries(errors).map(([name, text]) => ({ text, href: `#${name}` })),
      backHref: '/',
    }
  }

  app.get('/track', PUBLIC_PAGE, async (request, reply) => {
    const title = translate(request.language, 'Check the progress of a request')
    return reply.view(
      'self-service/track.njk',
      publicPage(request, title, showForm(request.language, { reference: '', proof: '' }, {})),
    )
  })

  app.post(
    '/track',
    { config: { permission: 'public', rateLimit: TRACK_LIMIT }, schema: { hide: true } },
    async (request, reply) => {
      const language = request.language
      const form = { reference: formField(request, 'reference').trim(), proof: formField(request, 'proof').trim() }
      const errors: Record<string, string> = {}
      if (form.reference === '') errors.reference = translate(language, 'Enter your reference')
      if (form.proof === '')
        errors.proof = translate(language, 'Enter the email address, phone number or postcode you gave')
      const found =
        Object.keys(errors).length === 0
          ? await trackRequest(database, visitorOf(request), form.reference.slice(0, 40), form.proof.slice(0, 254))
          : undefined
      if (!found) {
        if (Object.keys(errors).length === 0) errors.reference = translate(language, NOT_FOUND)
        const title = `${translate(language, 'Error')}: ${translate(language, 'Check the progress of a request')}`
        return reply
          .status(400)
          .view('self-service/track.njk', publicPage(request, title, showForm(language, form, errors)))
      }
      const service = await getService(database, councilOf(request).id, found.service_id)
      return reply.view(
        'self-service/tracked.njk',
        publicPage(request, found.reference, {
          found,
          serviceName: service?.name ?? '',
          statusText: statusText(found.status),
          events: found.timeline.map((event) => ({ at: event.at, text: eventText(language, event) })),
          backHref: '/track',
        }),
      )
    },
  )
}
