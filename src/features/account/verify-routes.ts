// Following the link in a "confirm your email address" email. Opening the link only shows a
// button: mail scanners open links by themselves, and must not confirm anything by doing so.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { FeatureOptions } from '../../platform/http/feature.ts'
import type { ConfirmResult } from './service.ts'
import { checkVerifyLink, confirmEmail, contextFor, resendVerification } from './service.ts'
import { PUBLIC_PAGE, field, publicForm, tokenParam, accountPage } from './pages.ts'

const PROBLEM_STATUS = { unknown: 404, used: 410, expired: 410 } as const

function showResult(request: FastifyRequest, reply: FastifyReply, result: ConfirmResult): FastifyReply {
  const council = request.council
  const signedIn = request.principal?.kind === 'resident'
  switch (result.kind) {
    case 'verified':
    case 'already_verified':
      return reply.view(
        'account/email-confirmed.njk',
        accountPage(request, {
          council,
          pageTitle: 'Email address confirmed',
          result,
          signedIn,
        }),
      )
    case 'email_changed':
      return reply.view(
        'account/email-confirmed.njk',
        accountPage(request, {
          council,
          pageTitle: 'Email address changed',
          result,
          signedIn,
        }),
      )
    case 'email_taken':
      return reply.code(409).view(
        'account/link-problem.njk',
        accountPage(request, {
          council,
          pageTitle: 'This email address is already in use',
          problem: 'taken',
          purpose: 'verify',
        }),
      )
    case 'problem':
      return reply.code(PROBLEM_STATUS[result.problem]).view(
        'account/link-problem.njk',
        accountPage(request, {
          council,
          pageTitle: result.problem === 'expired' ? 'This link has expired' : 'This link cannot be used',
          problem: result.problem,
          purpose: 'verify',
          resendProof: result.resendProof,
        }),
      )
  }
}

export async function verifyRoutes(app: FastifyInstance, { database, config }: FeatureOptions): Promise<void> {
  app.get('/account/verify/:token', PUBLIC_PAGE, async (request, reply) => {
    const ctx = contextFor(request, database, config)
    const problem = await checkVerifyLink(ctx, tokenParam(request))
    if (problem) return showResult(request, reply, problem)
    return reply.view(
      'account/confirm-email.njk',
      accountPage(request, {
        council: request.council,
        pageTitle: 'Confirm your email address',
        token: tokenParam(request),
      }),
    )
  })

  app.post('/account/verify/:token', publicForm(10), async (request, reply) => {
    return showResult(request, reply, await confirmEmail(contextFor(request, database, config), tokenParam(request)))
  })

  // Three new links in ten minutes from one address: enough for a slow inbox, not for flooding one.
  app.post('/account/verify/send-again', publicForm(3), async (request, reply) => {
    const sent = await resendVerification(contextFor(request, database, config), field(request, 'proof'))
    if (!sent)
      return reply.code(400).view(
        'account/link-problem.njk',
        accountPage(request, {
          council: request.council,
          pageTitle: 'We could not send a new link',
          problem: 'proof',
          purpose: 'verify',
        }),
      )
    return reply.view(
      'account/check-email.njk',
      accountPage(request, {
        council: request.council,
        pageTitle: 'Check your email',
        again: true,
      }),
    )
  })
}
