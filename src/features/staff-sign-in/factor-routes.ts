// The second-factor steps of a staff sign-in: enrolling an authenticator app (then seeing the
// recovery codes once), and on later sign-ins a code from the app or a recovery code.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { localPath } from '../../platform/http/return-to.ts'
import type { CodeOutcome, SignInDeps } from './service.ts'
import {
  acknowledgeRecoveryCodes,
  checkCode,
  checkRecoveryCode,
  endSignIn,
  enrolment,
  finishEnrolment,
  recoveryCodesLeft,
} from './service.ts'
import type { Step } from './steps.ts'
import {
  RECOVERY_CODE,
  RECOVERY_CODE_USED,
  SIGN_IN,
  destination,
  errorList,
  field,
  moveTo,
  sendElsewhere,
  stepFor,
} from './steps.ts'
import { normaliseCode } from './totp.ts'

const PAGE = { config: { permission: 'public' as const }, schema: { hide: true } }
/** Codes are six digits: ten tries a minute from one address, on top of the lockout per account. */
const CODE_POST = {
  config: { permission: 'public' as const, rateLimit: { max: 10, timeWindow: 60_000 } },
  schema: { hide: true },
}

const CODE_ERRORS: Record<Exclude<CodeOutcome['outcome'], 'signed_in' | 'locked'>, string> = {
  malformed: 'Enter the 6-digit code from your authenticator app',
  wrong: 'The code is not correct or has already been used: enter the newest code your app shows',
  unreadable:
    'Your authenticator app cannot be checked at the moment: use a recovery code, or ask an administrator to reset your sign-in',
}

const RECOVERY_ERRORS: Record<Exclude<CodeOutcome['outcome'], 'signed_in' | 'locked'>, string> = {
  malformed: 'Enter a recovery code in the format it was given, like 7k2m-9qpx-4v8r-c3hd',
  wrong: 'The recovery code is not correct or has already been used',
  unreadable: 'The recovery code is not correct or has already been used',
}

/** Too many wrong codes: the account is locked, so this sign-in ends and the person is told so. */
async function lockedOut(deps: SignInDeps, step: Step, reply: FastifyReply): Promise<FastifyReply> {
  await endSignIn(deps, step.session)
  return reply
    .clearSessionCookie()
    .code(403)
    .view('staff-sign-in/locked.njk', { council: step.council, pageTitle: 'You cannot sign in at the moment' })
}

function codeAttempt(request: FastifyRequest, step: Step) {
  return { code: field(request, 'code'), councilName: step.council.name, sourceAddress: request.ip }
}

export async function factorRoutes(app: FastifyInstance, deps: SignInDeps): Promise<void> {
  const setUpPage = async (step: Step, reply: FastifyReply, error?: string) => {
    const { qrCode, secret } = await enrolment(deps, step.session, step.staff, step.council.name)
    const errors = { code: error }
    return reply.code(error ? 400 : 200).view('staff-sign-in/set-up-code.njk', {
      council: step.council,
      pageTitle: `${error ? 'Error: ' : ''}Set up your authenticator app`,
      qrCode,
      secret,
      errors,
      errorList: errorList(errors),
    })
  }

  app.get('/staff/sign-in/set-up-code', PAGE, async (request, reply) => {
    const step = await stepFor(deps, request, 'set-up-code')
    if (!('session' in step)) return sendElsewhere(reply, step)
    return setUpPage(step, reply)
  })

  app.post('/staff/sign-in/set-up-code', PAGE, async (request, reply) => {
    const step = await stepFor(deps, request, 'set-up-code')
    if (!('session' in step)) return sendElsewhere(reply, step)
    const code = field(request, 'code')
    const next = await finishEnrolment(deps, step.session, step.staff, { code, sourceAddress: request.ip })
    if (!next)
      return setUpPage(
        step,
        reply,
        normaliseCode(code)
          ? 'The code is not correct: check the time on your phone is right and enter the newest code your app shows'
          : CODE_ERRORS.malformed,
      )
    if (next === 'already_enrolled') return reply.clearSessionCookie().redirect(SIGN_IN, 303)
    return moveTo(reply, next)
  })

  app.get('/staff/sign-in/recovery-codes', PAGE, async (request, reply) => {
    const step = await stepFor(deps, request, 'recovery-codes')
    if (!('session' in step)) return sendElsewhere(reply, step)
    return reply.view('staff-sign-in/recovery-codes.njk', {
      council: step.council,
      pageTitle: 'Save your recovery codes',
      codes: step.session.data.recoveryCodes,
    })
  })

  app.post('/staff/sign-in/recovery-codes', PAGE, async (request, reply) => {
    const step = await stepFor(deps, request, 'recovery-codes')
    if (!('session' in step)) return sendElsewhere(reply, step)
    return moveTo(reply, await acknowledgeRecoveryCodes(deps, step.session, step.staff, request.ip))
  })

  const codePage = (step: Step, reply: FastifyReply, view: 'code' | 'recovery-code', error?: string) => {
    const errors = { code: error }
    const title = view === 'code' ? 'Enter the code from your authenticator app' : 'Enter a recovery code'
    return reply.code(error ? 400 : 200).view(`staff-sign-in/${view}.njk`, {
      council: step.council,
      pageTitle: `${error ? 'Error: ' : ''}${title}`,
      errors,
      errorList: errorList(errors),
    })
  }

  app.get('/staff/sign-in/code', PAGE, async (request, reply) => {
    const step = await stepFor(deps, request, 'code')
    if (!('session' in step)) return sendElsewhere(reply, step)
    return codePage(step, reply, 'code')
  })

  app.post('/staff/sign-in/code', CODE_POST, async (request, reply) => {
    const step = await stepFor(deps, request, 'code')
    if (!('session' in step)) return sendElsewhere(reply, step)
    const result = await checkCode(deps, step.session, step.staff, codeAttempt(request, step))
    if (result.outcome === 'signed_in') return moveTo(reply, result.next)
    if (result.outcome === 'locked') return lockedOut(deps, step, reply)
    if (result.outcome === 'unreadable')
      request.log.error(
        { staffUserId: step.staff.id },
        'a stored TOTP secret could not be opened: has SESSION_SECRET changed?',
      )
    return codePage(step, reply, 'code', CODE_ERRORS[result.outcome])
  })

  app.get(RECOVERY_CODE, PAGE, async (request, reply) => {
    const step = await stepFor(deps, request, 'recovery-code')
    if (!('session' in step)) return sendElsewhere(reply, step)
    return codePage(step, reply, 'recovery-code')
  })

  app.post(RECOVERY_CODE, CODE_POST, async (request, reply) => {
    const step = await stepFor(deps, request, 'recovery-code')
    if (!('session' in step)) return sendElsewhere(reply, step)
    const result = await checkRecoveryCode(deps, step.session, step.staff, codeAttempt(request, step))
    if (result.outcome === 'signed_in') {
      const returnTo = encodeURIComponent(destination(result.next.session.data.returnTo))
      return reply.setSessionCookie(result.next.token).redirect(`${RECOVERY_CODE_USED}?returnTo=${returnTo}`, 303)
    }
    if (result.outcome === 'locked') return lockedOut(deps, step, reply)
    return codePage(step, reply, 'recovery-code', RECOVERY_ERRORS[result.outcome])
  })

  // After a recovery code: how many are left, before going on to where the person was headed.
  app.get(RECOVERY_CODE_USED, PAGE, async (request, reply) => {
    const principal = request.principal
    if (principal?.kind !== 'staff') return reply.redirect(SIGN_IN, 303)
    const left = await recoveryCodesLeft(deps, principal.id)
    const next = localPath((request.query as Record<string, unknown>).returnTo, destination(undefined))
    return reply.view('staff-sign-in/recovery-code-used.njk', {
      council: request.council,
      pageTitle: 'You used a recovery code',
      left,
      next,
    })
  })
}
