// "Tell us how satisfied you were": the page the resolved-request message links to. The reference
// in the link is enough to answer the question and never enough to read the case, so every page
// here says the same about an unknown, a mistyped and an unfinished reference.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { FeatureOptions } from '../../platform/http/feature.ts'
import { councilOf } from '../../platform/council/plugin.ts'
import { field as formField } from '../../platform/http/forms.ts'
import { translate } from '../../platform/i18n/translate.ts'
import type { RatingRefusal } from './service.ts'
import { mayRateFinishedRequest, rateFinishedRequest } from './service.ts'
import { PUBLIC_PAGE, publicPage } from './page-values.ts'
import { readSatisfaction, satisfactionQuestion } from './feedback-pages.ts'

/** Tries per address in ten minutes: plenty for a resident, too few to try references with. */
const RATE_LIMIT = { max: 20, timeWindow: 10 * 60_000 }
const RATE_PAGE = { ...PUBLIC_PAGE, config: { ...PUBLIC_PAGE.config, rateLimit: RATE_LIMIT } }
const REFERENCE_MAX = 40

const REFUSALS: Record<RatingRefusal, { status: number; heading: string; paragraphs: string[] }> = {
  'not-to-rate': {
    status: 404,
    heading: 'This link cannot be used to rate a request',
    paragraphs: [
      'Check the link in the message we sent you. You can rate a request once it has been resolved.',
      'If you need to tell us more about your request, contact us.',
    ],
  },
  answered: {
    status: 409,
    heading: 'You have already told us how satisfied you were',
    paragraphs: ['Thank you. We only need one answer for each request once it is resolved.'],
  },
}

function referenceOf(request: FastifyRequest, from: 'query' | 'body'): string {
  const value =
    from === 'query'
      ? (request.query as Record<string, unknown> | undefined)?.reference
      : formField(request, 'reference')
  return typeof value === 'string' ? value.trim().slice(0, REFERENCE_MAX) : ''
}

function refuse(request: FastifyRequest, reply: FastifyReply, refusal: RatingRefusal) {
  const language = request.language
  const words = REFUSALS[refusal]
  const heading = translate(language, words.heading)
  return reply.status(words.status).view(
    'self-service/message.njk',
    publicPage(request, heading, {
      heading,
      paragraphs: words.paragraphs.map((text) => translate(language, text)),
      link: { href: '/', text: translate(language, 'Find another service') },
    }),
  )
}

export async function ratePages(app: FastifyInstance, feature: FeatureOptions): Promise<void> {
  const { database } = feature

  function question(request: FastifyRequest, reference: string, typed: ReturnType<typeof readSatisfaction>) {
    const language = request.language
    const title = translate(language, 'Give feedback')
    const hasErrors = Object.keys(typed.errors).length > 0
    return publicPage(request, hasErrors ? `${translate(language, 'Error')}: ${title}` : title, {
      action: '/rate',
      reference,
      ...satisfactionQuestion(language, typed.chosen, typed.comment, typed.errors),
    })
  }

  app.get('/rate', RATE_PAGE, async (request, reply) => {
    const reference = referenceOf(request, 'query')
    const refusal = await mayRateFinishedRequest(database, councilOf(request).id, reference)
    if (refusal) return refuse(request, reply, refusal)
    return reply.view(
      'self-service/feedback.njk',
      question(request, reference, { chosen: '', comment: '', errors: {} }),
    )
  })

  app.post('/rate', RATE_PAGE, async (request, reply) => {
    const reference = referenceOf(request, 'body')
    const typed = readSatisfaction(request)
    if (Object.keys(typed.errors).length > 0) {
      const refusal = await mayRateFinishedRequest(database, councilOf(request).id, reference)
      if (refusal) return refuse(request, reply, refusal)
      return reply.status(400).view('self-service/feedback.njk', question(request, reference, typed))
    }
    const answer = { score: Number(typed.chosen), comment: typed.comment }
    const refusal = await rateFinishedRequest(database, councilOf(request).id, reference, answer)
    if (refusal) return refuse(request, reply, refusal)
    return reply.redirect('/rate/thank-you', 303)
  })

  app.get('/rate/thank-you', PUBLIC_PAGE, async (request, reply) => {
    const language = request.language
    const heading = translate(language, 'Thank you for your feedback')
    return reply.view(
      'self-service/message.njk',
      publicPage(request, heading, {
        heading,
        paragraphs: [translate(language, 'We read every answer and use them to improve our services.')],
        link: { href: '/', text: translate(language, 'Find another service') },
      }),
    )
  })
}
