// The staff home (who is signed in, with what roles) and signing out, here or everywhere.
import type { FastifyInstance } from 'fastify'
import type { FastifyRequest } from 'fastify'
import { actorOf, principalOf } from '../../platform/auth/guard.ts'
import { may } from '../../platform/auth/principal.ts'
import type { Principal } from '../../platform/auth/principal.ts'
import { Problem } from '../../platform/http/problem.ts'
import type { Role } from '../../platform/db/values.ts'
import type { SignInDeps } from './service.ts'
import { signOut, signOutEverywhere, staffHome } from './service.ts'
import { SIGN_IN, STAFF_HOME, councilOf } from './steps.ts'

const STAFF_PAGE = { config: { permission: 'staff:home' as const }, schema: { hide: true } }

const ROLE_NAMES: Record<Role, string> = {
  resident: 'Resident',
  advisor: 'Customer service advisor',
  caseworker: 'Caseworker',
  team_leader: 'Team leader',
  manager: 'Manager',
  partner: 'Partner organisation',
  dpo: 'Data protection officer',
  admin: 'Administrator',
}

/** The signed-in member of staff. An API token may hold a staff role but is nobody's account: it has no home and no sessions to end. */
function staffMember(request: FastifyRequest): Principal {
  const principal = principalOf(request)
  if (principal.kind !== 'staff') throw new Problem(403, 'Sign in as a member of staff to use this page')
  return principal
}

export async function homeRoutes(app: FastifyInstance, deps: SignInDeps): Promise<void> {
  // Shows only the person's own name and roles: nothing about residents, so nothing to audit.
  app.get(STAFF_HOME, STAFF_PAGE, async (request, reply) => {
    const council = councilOf(request)
    const principal = staffMember(request)
    const home = await staffHome(deps, council.id, principal.id)
    if (!home) return reply.redirect(SIGN_IN, 303)
    return reply.view('staff-sign-in/home.njk', {
      council,
      pageTitle: 'Staff home',
      name: home.name,
      email: home.email,
      roles: home.roles.map((role) => ROLE_NAMES[role]),
      // Whoever came in through the council's provider used its second factor, not ours: our recovery codes are beside the point.
      provider: request.session?.data.viaOidc ? (deps.oidcLabel ?? 'your council’s sign-in service') : undefined,
      recoveryCodesLeft: home.recoveryCodesLeft,
      auditLink: may(principal, 'audit:read'),
    })
  })

  app.post('/staff/sign-out', STAFF_PAGE, async (request, reply) => {
    staffMember(request)
    const session = request.session
    if (session) await signOut(deps, session, request.ip, true)
    return reply.clearSessionCookie().redirect(`${SIGN_IN}?signedOut=1`, 303)
  })

  app.post('/staff/sign-out-everywhere', STAFF_PAGE, async (request, reply) => {
    await signOutEverywhere(deps, actorOf(request), staffMember(request).id)
    return reply.clearSessionCookie().redirect(`${SIGN_IN}?signedOut=everywhere`, 303)
  })
}
