// The first steps of a staff sign-in: email and password, a new password in place of a
// temporary one, and abandoning a sign-in part way.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { localPath } from '../../platform/http/return-to.ts'
import type { SignInDeps } from './service.ts'
import { beginSignIn, changePassword, checkPassword, signOut, WRONG_EMAIL_OR_PASSWORD } from './service.ts'
import { CANCEL, SIGN_IN, councilOf, destination, errorList, field, moveTo, sendElsewhere, stepFor } from './steps.ts'

const PAGE = { config: { permission: 'public' as const }, schema: { hide: true } }
/** Guessing passwords from one address is slowed to ten tries a minute, on top of the lockout per account. */
const SIGN_IN_POST = {
  config: { permission: 'public' as const, rateLimit: { max: 10, timeWindow: 60_000 } },
  schema: { hide: true },
}

const SIGNED_OUT_MESSAGES: Record<string, string> = {
  '1': 'You have signed out',
  everywhere: 'You have signed out on every device',
}

function signedOutMessage(request: FastifyRequest): string | undefined {
  const value = (request.query as Record<string, unknown>).signedOut
  return typeof value === 'string' ? SIGNED_OUT_MESSAGES[value] : undefined
}

export async function passwordRoutes(app: FastifyInstance, deps: SignInDeps): Promise<void> {
  app.get(SIGN_IN, PAGE, async (request, reply) => {
    const council = councilOf(request)
    const returnTo = localPath((request.query as Record<string, unknown>).returnTo, '')
    if (request.principal?.kind === 'staff') return reply.redirect(destination(returnTo), 303)
    return reply.view('staff-sign-in/sign-in.njk', {
      council,
      pageTitle: 'Sign in',
      returnTo,
      oidcLabel: deps.oidcLabel,
      signedOut: signedOutMessage(request),
    })
  })

  app.post(SIGN_IN, SIGN_IN_POST, async (request, reply) => {
    const council = councilOf(request)
    const email = field(request, 'email').trim()
    const password = field(request, 'password')
    const returnTo = localPath(field(request, 'returnTo'), '')
    const errors = {
      email: email ? undefined : 'Enter your email address',
      password: password ? undefined : 'Enter your password',
    }
    const render = (fieldErrors: Record<string, string | undefined>) =>
      reply.code(400).view('staff-sign-in/sign-in.njk', {
        council,
        pageTitle: 'Error: Sign in',
        returnTo,
        oidcLabel: deps.oidcLabel,
        email,
        errors: fieldErrors,
        errorList: errorList(fieldErrors),
      })
    if (errors.email || errors.password) return render(errors)
    const passed = await checkPassword(deps, {
      councilId: council.id,
      councilName: council.name,
      email,
      password,
      sourceAddress: request.ip,
    })
    if (!passed) return render({ email: WRONG_EMAIL_OR_PASSWORD })
    return moveTo(
      reply,
      await beginSignIn(deps, council.id, passed.staffId, passed.stage, returnTo || undefined, request.session),
    )
  })

  app.get('/staff/sign-in/new-password', PAGE, async (request, reply) => {
    const step = await stepFor(deps, request, 'new-password')
    if (!('session' in step)) return sendElsewhere(reply, step)
    return reply.view('staff-sign-in/new-password.njk', { council: step.council, pageTitle: 'Create a new password' })
  })

  app.post('/staff/sign-in/new-password', PAGE, async (request, reply) => {
    const step = await stepFor(deps, request, 'new-password')
    if (!('session' in step)) return sendElsewhere(reply, step)
    const changed = await changePassword(deps, step.session, step.staff, {
      password: field(request, 'password'),
      confirm: field(request, 'confirm'),
      sourceAddress: request.ip,
    })
    if ('errors' in changed) {
      return reply.code(400).view('staff-sign-in/new-password.njk', {
        council: step.council,
        pageTitle: 'Error: Create a new password',
        errors: changed.errors,
        errorList: errorList(changed.errors),
      })
    }
    return moveTo(reply, changed)
  })

  // Abandoning a sign-in part way (or changing one's mind about who to sign in as) ends its session.
  app.post(CANCEL, PAGE, async (request, reply) => {
    const session = request.session
    if (session && session.subjectKind === 'staff')
      await signOut(deps, session, request.ip, session.data.stage === 'signed_in')
    return reply.clearSessionCookie().redirect(SIGN_IN, 303)
  })
}
