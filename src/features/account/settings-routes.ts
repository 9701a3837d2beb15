// The signed-in resident's own account: what it holds, and changing its password or email.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { FeatureOptions } from '../../platform/http/feature.ts'
import { principalOf } from '../../platform/auth/guard.ts'
import { Problem } from '../../platform/http/problem.ts'
import type { AccountSummary } from './service.ts'
import { accountSummary, changePassword, contextFor, requestEmailChange } from './service.ts'
import {
  ACCOUNT_HOME,
  OWN_PAGE,
  SIGN_IN,
  errorList,
  field,
  ownForm,
  queryValue,
  renewSession,
  accountPage,
} from './pages.ts'

const HOME_BANNERS: Record<string, string> = {
  password: 'Your password has been changed. You have been signed out on every other device.',
}

export async function settingsRoutes(app: FastifyInstance, { database, config }: FeatureOptions): Promise<void> {
  const summaryOf = async (request: FastifyRequest): Promise<AccountSummary> => {
    const summary = await accountSummary(contextFor(request, database, config), principalOf(request).id)
    if (!summary) throw new Problem(404, 'This account no longer exists')
    return summary
  }

  /** Where an account made through a provider is looked after: it has no password here, and its email comes from there. */
  const providerOf = (summary: AccountSummary): string | undefined =>
    summary.hasPassword ? undefined : (config.oidc.resident?.label ?? 'the service you sign in with')

  /**
   * Refuses a change of password or email to an account without a password, before the route's
   * handler runs: there is no current password to prove who is asking, and the provider, not
   * this site, holds both.
   */
  const withPasswordOnly =
    (change: 'password' | 'email address') =>
    async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
      const provider = providerOf(await summaryOf(request))
      if (!provider) return undefined
      return reply.code(403).view(
        'account/managed-by-provider.njk',
        accountPage(request, {
          council: request.council,
          pageTitle:
            change === 'password'
              ? 'You cannot change your password here'
              : 'You cannot change your email address here',
          change,
          provider,
        }),
      )
    }
  const passwordChange = { preHandler: withPasswordOnly('password') }
  const emailChange = { preHandler: withPasswordOnly('email address') }

  app.get(ACCOUNT_HOME, OWN_PAGE, async (request, reply) => {
    const summary = await summaryOf(request)
    return reply.view(
      'account/home.njk',
      accountPage(request, {
        council: request.council,
        pageTitle: 'Your account',
        account: summary,
        provider: providerOf(summary),
        banner: HOME_BANNERS[queryValue(request, 'done')],
      }),
    )
  })

  app.get('/account/change-password', { ...OWN_PAGE, ...passwordChange }, async (request, reply) => {
    return reply.view(
      'account/change-password.njk',
      accountPage(request, { council: request.council, pageTitle: 'Change your password' }),
    )
  })

  app.post('/account/change-password', { ...ownForm(10), ...passwordChange }, async (request, reply) => {
    const principal = principalOf(request)
    const session = request.session
    if (!session) throw new Problem(401, 'Sign in again to change your password')
    const input = {
      current: field(request, 'current'),
      password: field(request, 'password'),
      confirm: field(request, 'confirm'),
    }
    const result = await changePassword(contextFor(request, database, config), principal.id, session.id, input)
    if (result.ok) {
      await renewSession(database, reply, session)
      return reply.redirect(`${ACCOUNT_HOME}?done=password`, 303)
    }
    if (result.locked) return reply.clearSessionCookie().redirect(`${SIGN_IN}?done=locked`, 303)
    return reply.code(400).view(
      'account/change-password.njk',
      accountPage(request, {
        council: request.council,
        pageTitle: 'Error: Change your password',
        errors: result.errors,
        errorList: errorList(result.errors, ['current', 'password', 'confirm']),
      }),
    )
  })

  app.get('/account/change-email', { ...OWN_PAGE, ...emailChange }, async (request, reply) => {
    return reply.view(
      'account/change-email.njk',
      accountPage(request, { council: request.council, pageTitle: 'Change your email address' }),
    )
  })

  app.post('/account/change-email', { ...ownForm(5), ...emailChange }, async (request, reply) => {
    const email = field(request, 'email')
    const result = await requestEmailChange(contextFor(request, database, config), principalOf(request).id, {
      email,
      current: field(request, 'current'),
    })
    if (result.ok)
      return reply.view(
        'account/change-email-sent.njk',
        accountPage(request, {
          council: request.council,
          pageTitle: 'Check your email',
          email: result.email,
        }),
      )
    if (result.locked) return reply.clearSessionCookie().redirect(`${SIGN_IN}?done=locked`, 303)
    return reply.code(400).view(
      'account/change-email.njk',
      accountPage(request, {
        council: request.council,
        pageTitle: 'Error: Change your email address',
        email,
        errors: result.errors,
        errorList: errorList(result.errors, ['email', 'current']),
      }),
    )
  })
}
