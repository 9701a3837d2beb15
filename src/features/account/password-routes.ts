// A forgotten password: asking for a link (always the same answer), and choosing a new password
// from the link.
import type { FastifyInstance } from 'fastify'
import type { FeatureOptions } from '../../platform/http/feature.ts'
import { checkResetLink, contextFor, requestPasswordReset, resetPassword } from './service.ts'
import type { LinkProblem } from './service.ts'
import { PUBLIC_PAGE, SIGN_IN, errorList, field, publicForm, tokenParam, accountPage } from './pages.ts'

const PROBLEM_STATUS: Record<LinkProblem, number> = { unknown: 404, used: 410, expired: 410 }

export async function passwordRoutes(app: FastifyInstance, { database, config }: FeatureOptions): Promise<void> {
  app.get('/account/forgot-password', PUBLIC_PAGE, async (request, reply) => {
    return reply.view(
      'account/forgot-password.njk',
      accountPage(request, { council: request.council, pageTitle: 'Reset your password' }),
    )
  })

  app.post('/account/forgot-password', publicForm(5), async (request, reply) => {
    const email = field(request, 'email')
    const result = await requestPasswordReset(contextFor(request, database, config), email)
    if (!result.ok) {
      return reply.code(400).view(
        'account/forgot-password.njk',
        accountPage(request, {
          council: request.council,
          pageTitle: 'Error: Reset your password',
          email,
          errors: result.errors,
          errorList: errorList(result.errors, ['email']),
        }),
      )
    }
    return reply.view(
      'account/reset-sent.njk',
      accountPage(request, { council: request.council, pageTitle: 'Check your email' }),
    )
  })

  app.get('/account/reset-password/:token', PUBLIC_PAGE, async (request, reply) => {
    const problem = await checkResetLink(contextFor(request, database, config), tokenParam(request))
    if (problem)
      return reply.code(PROBLEM_STATUS[problem]).view(
        'account/link-problem.njk',
        accountPage(request, {
          council: request.council,
          pageTitle: 'This link cannot be used',
          problem,
          purpose: 'reset',
        }),
      )
    return reply.view(
      'account/reset-password.njk',
      accountPage(request, {
        council: request.council,
        pageTitle: 'Choose a new password',
        token: tokenParam(request),
      }),
    )
  })

  app.post('/account/reset-password/:token', publicForm(10), async (request, reply) => {
    const token = tokenParam(request)
    const result = await resetPassword(
      contextFor(request, database, config),
      token,
      field(request, 'password'),
      field(request, 'confirm'),
    )
    if (result.ok) return reply.clearSessionCookie().redirect(`${SIGN_IN}?done=password-reset`, 303)
    if ('problem' in result) {
      return reply.code(PROBLEM_STATUS[result.problem]).view(
        'account/link-problem.njk',
        accountPage(request, {
          council: request.council,
          pageTitle: 'This link cannot be used',
          problem: result.problem,
          purpose: 'reset',
        }),
      )
    }
    return reply.code(400).view(
      'account/reset-password.njk',
      accountPage(request, {
        council: request.council,
        pageTitle: 'Error: Choose a new password',
        token,
        errors: result.errors,
        errorList: errorList(result.errors, ['password', 'confirm']),
      }),
    )
  })
}
