// The GOV.UK satisfaction question after a request is sent: 1 to 5 and an optional comment,
// answered once, tied to the case and to no person.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { FeatureOptions } from '../../platform/http/feature.ts'
import { councilOf } from '../../platform/council/plugin.ts'
import { field as formField } from '../../platform/http/forms.ts'
import { translate } from '../../platform/i18n/translate.ts'
import { COMMENT_MAX, SCORES, recordSatisfaction, sentRequest } from './service.ts'
import { PUBLIC_PAGE, publicPage } from './page-values.ts'
import { goneRequest, requestPath } from './request-pages.ts'

const SCORE_TEXT: Record<number, string> = {
  5: 'Very satisfied',
  4: 'Satisfied',
  3: 'Neither satisfied or dissatisfied',
  2: 'Dissatisfied',
  1: 'Very dissatisfied',
}

type Params = { token: string }

/** The question's values for its page: the five answers in the reader's words, and what was typed. */
export function satisfactionQuestion(
  language: string,
  chosen: string,
  comment: string,
  errors: Record<string, string>,
) {
  return {
    scores: SCORES.map((score) => ({
      value: String(score),
      text: translate(language, SCORE_TEXT[score]!),
      checked: chosen === String(score),
    })),
    comment,
    errors,
    errorList: Object.entries(errors).map(([name, text]) => ({ text, href: `#${name}` })),
  }
}

/** The answer as typed, with what is wrong with it in the reader's words. */
export function readSatisfaction(request: FastifyRequest) {
  const language = request.language
  const chosen = formField(request, 'score')
  const comment = formField(request, 'comment').trim()
  const errors: Record<string, string> = {}
  if (!SCORES.map(String).includes(chosen))
    errors.score = translate(language, 'Select how you feel about the service you received')
  if (comment.length > COMMENT_MAX)
    errors.comment = translate(language, 'Your comment must be 1200 characters or fewer')
  return { chosen, comment, errors }
}

export async function feedbackRoutes(app: FastifyInstance, feature: FeatureOptions): Promise<void> {
  const { database } = feature

  function page(language: string, token: string, chosen: string, comment: string, errors: Record<string, string>) {
    return {
      action: requestPath(token, 'feedback'),
      backHref: requestPath(token, 'confirmation'),
      ...satisfactionQuestion(language, chosen, comment, errors),
    }
  }

  app.get<{ Params: Params }>('/requests/:token/feedback', PUBLIC_PAGE, async (request, reply) => {
    const sent = await sentRequest(database, councilOf(request).id, request.params.token)
    if (!sent) return goneRequest(database, request, reply, request.params.token)
    const title = translate(request.language, 'Give feedback')
    return reply.view(
      'self-service/feedback.njk',
      publicPage(request, title, page(request.language, request.params.token, '', '', {})),
    )
  })

  app.post<{ Params: Params }>('/requests/:token/feedback', PUBLIC_PAGE, async (request, reply) => {
    const council = councilOf(request)
    const sent = await sentRequest(database, council.id, request.params.token)
    if (!sent) return goneRequest(database, request, reply, request.params.token)
    const language = request.language
    const { chosen, comment, errors } = readSatisfaction(request)
    if (Object.keys(errors).length > 0) {
      const title = `${translate(language, 'Error')}: ${translate(language, 'Give feedback')}`
      return reply
        .status(400)
        .view(
          'self-service/feedback.njk',
          publicPage(request, title, page(language, request.params.token, chosen, comment, errors)),
        )
    }
    await recordSatisfaction(database, council.id, sent, { score: Number(chosen), comment })
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
