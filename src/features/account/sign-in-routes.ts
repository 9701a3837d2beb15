// Signing in with email and password, signing out, and signing out on every device. A resident
// whose email is not yet confirmed is not signed in: they are offered a new link instead.
import { councilOf } from '../../platform/council/plugin.ts'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { FeatureOptions } from '../../platform/http/feature.ts'
import { localPath } from '../../platform/http/return-to.ts'
import { principalOf } from '../../platform/auth/guard.ts'
import { WRONG_EMAIL_OR_PASSWORD, contextFor, resendProof, signIn, signOut } from './service.ts'
import {
  ACCOUNT_HOME,
  OWN_PAGE,
  PUBLIC_PAGE,
  SIGN_IN,
  errorList,
  field,
  publicForm,
  queryValue,
  startSession,
  accountPage,
} from './pages.ts'

/** Messages shown above the sign-in form after something that ends in it. */
const SIGN_IN_BANNERS: Record<string, string> = {
  'password-reset': 'Your password has been changed. Sign in with your new password.',
  locked:
    'Your account is locked for 15 minutes because the wrong password was entered too many times. We have sent you an email about it.',
}

function signInPage(request: FastifyRequest, oidcLabel: string | undefined, extra: Record<string, unknown> = {}) {
  const returnTo = localPath(queryValue(request, 'returnTo') || field(request, 'returnTo'), '')
  return {
    council: councilOf(request),
    pageTitle: 'Sign in to your account',
    returnTo,
    oidcLabel,
    banner: SIGN_IN_BANNERS[queryValue(request, 'done')],
    ...extra,
  }
}

export async function signInRoutes(app: FastifyInstance, { database, config }: FeatureOptions): Promise<void> {
  // Where a council has plugged in an identity provider (e.g. GOV.UK One Login), the page offers it too.
  const oidcLabel = config.oidc.resident?.label

  app.get(SIGN_IN, PUBLIC_PAGE, async (request, reply) => {
    if (request.principal?.kind === 'resident')
      return reply.redirect(localPath(queryValue(request, 'returnTo'), ACCOUNT_HOME), 303)
    return reply.view('account/sign-in.njk', accountPage(request, signInPage(request, oidcLabel)))
  })

  // Ten tries a minute from one address, on top of the lock on each account.
  app.post(SIGN_IN, publicForm(10, 60_000), async (request, reply) => {
    const email = field(request, 'email')
    const password = field(request, 'password')
    const errors = {
      email: email.trim() ? undefined : 'Enter your email address',
      password: password ? undefined : 'Enter your password',
    }
    const refuse = (fieldErrors: Record<string, string | undefined>) =>
      reply.code(400).view(
        'account/sign-in.njk',
        accountPage(
          request,
          signInPage(request, oidcLabel, {
            pageTitle: 'Error: Sign in to your account',
            email,
            errors: fieldErrors,
            errorList: errorList(fieldErrors, ['email', 'password']),
          }),
        ),
      )
    if (errors.email || errors.password) return refuse(errors)
    const ctx = contextFor(request, database, config)
    const result = await signIn(ctx, email, password)
    if (result.kind === 'refused') return refuse({ email: WRONG_EMAIL_OR_PASSWORD })
    if (result.kind === 'unverified') {
      return reply.view(
        'account/confirm-first.njk',
        accountPage(request, {
          council: request.council,
          pageTitle: 'Confirm your email address first',
          proof: resendProof(ctx.secret, result.accountId),
        }),
      )
    }
    await startSession(database, request, reply, ctx.council.id, result.accountId)
    return reply.redirect(localPath(field(request, 'returnTo'), ACCOUNT_HOME), 303)
  })

  app.post('/account/sign-out', OWN_PAGE, async (request, reply) => {
    const principal = principalOf(request)
    if (request.session)
      await signOut(contextFor(request, database, config), principal.id, { sessionId: request.session.id })
    return reply.clearSessionCookie().redirect('/account/signed-out', 303)
  })

  app.post('/account/sign-out-everywhere', OWN_PAGE, async (request, reply) => {
    await signOut(contextFor(request, database, config), principalOf(request).id, 'everywhere')
    return reply.clearSessionCookie().redirect('/account/signed-out?everywhere=1', 303)
  })

  app.get('/account/signed-out', PUBLIC_PAGE, async (request, reply) => {
    return reply.view(
      'account/signed-out.njk',
      accountPage(request, {
        council: request.council,
        pageTitle: 'You have signed out',
        everywhere: queryValue(request, 'everywhere') === '1',
      }),
    )
  })
}
