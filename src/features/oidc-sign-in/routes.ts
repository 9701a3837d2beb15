// Single sign-on pages: a GET link that sends the browser to the provider (the CSP allows forms
// to post only to this site), and the callback the provider sends it back to. Registered only for
// the providers the council has configured. Whatever goes wrong ends on a GOV.UK page saying what
// happened, with a link back to sign in; never a stack trace.
import { councilOf as councilFor } from '../../platform/council/plugin.ts'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { FeatureOptions } from '../../platform/http/feature.ts'
import type { Config, OidcProviderConfig } from '../../config.ts'
import type { Database } from '../../platform/db/database.ts'
import { addTemplateDirectory } from '../../platform/views/views.ts'
import { localPath } from '../../platform/http/return-to.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { createSession, endSession } from '../../platform/auth/sessions.ts'
import type { OidcAudience, OidcClaims, ProviderSettings } from '../../platform/auth/oidc.ts'
import { OIDC_PATHS, beginSignIn, classify, finishSignIn } from '../../platform/auth/oidc.ts'
import { keepPending, takePending } from './pending.ts'
import type { StoredSignIn } from './pending.ts'
import { problemText } from './messages.ts'
import { translate } from '../../platform/i18n/translate.ts'
import type { TranslationParams } from '../../platform/i18n/translate.ts'
import type { Outcome } from './messages.ts'
import { signInStaff } from './staff.ts'
import { signInResident } from './resident.ts'
import { contextFor } from '../account/service.ts'

// At import, before the views plugin reads the list of template folders.
addTemplateDirectory(join(dirname(fileURLToPath(import.meta.url)), 'views'))

/** Per address: enough for a person to retry, too few to hammer the provider or the audit trail through us. */
const LIMIT = { max: 20, timeWindow: 60_000 }

const AFTER_SIGN_IN: Record<OidcAudience, string> = { staff: '/staff', resident: '/account' }
const SUBJECT_TYPE: Record<OidcAudience, string> = { staff: 'staff_user', resident: 'e_account' }

type SignedIn = { ok: true; subjectId: number } | { ok: false; outcome: Outcome }

type Flow = {
  audience: OidcAudience
  settings: ProviderSettings
  publicUrl: string
  /** Decides who the claims are and whether they may come in. */
  admit(request: FastifyRequest, database: Database, councilId: number, claims: OidcClaims): Promise<SignedIn>
}

function councilOf(request: FastifyRequest): number {
  return councilFor(request).id
}

function showProblem(request: FastifyRequest, reply: FastifyReply, flow: Flow, outcome: Outcome): FastifyReply {
  const t = (text: string, params?: TranslationParams) => translate(request.language, text, params)
  const text = problemText(outcome, flow.audience, flow.settings.provider.label, t)
  return reply.status(text.status).view('oidc-sign-in/problem.njk', {
    pageTitle: text.heading,
    heading: text.heading,
    paragraphs: text.paragraphs,
    back: text.back,
    signInPath: OIDC_PATHS[flow.audience].signIn,
    council: request.council,
  })
}

/** A brand new session for whoever signed in: anything the browser held before is ended, not reused. */
async function startSession(
  request: FastifyRequest,
  reply: FastifyReply,
  database: Database,
  councilId: number,
  audience: OidcAudience,
  subjectId: number,
): Promise<void> {
  const previous = request.session
  const { token } = await database.db.transaction().execute(async (trx) => {
    if (previous) await endSession(trx, previous.id)
    return createSession(trx, {
      councilId,
      subjectKind: audience,
      subjectId,
      data: { stage: 'signed_in', viaOidc: true },
    })
  })
  reply.setSessionCookie(token)
}

function callbackUrl(flow: Flow, request: FastifyRequest): URL {
  const query = request.url.indexOf('?')
  return new URL(OIDC_PATHS[flow.audience].callback + (query === -1 ? '' : request.url.slice(query)), flow.publicUrl)
}

async function finish(
  request: FastifyRequest,
  database: Database,
  flow: Flow,
  councilId: number,
  pending: StoredSignIn,
): Promise<SignedIn> {
  let claims: OidcClaims
  try {
    claims = await finishSignIn(flow.settings, callbackUrl(flow, request), pending)
  } catch (error) {
    const failure = classify(error)
    if (failure.kind === 'unavailable')
      request.log.error({ oidc: failure.kind, reason: failure.message }, 'single sign-on provider unavailable')
    else
      request.log.warn(
        { oidc: failure.kind, providerError: failure.providerError, reason: failure.message },
        'single sign-on did not complete',
      )
    await recordAudit(
      database,
      { kind: flow.audience, id: null, label: 'anonymous', councilId, sourceAddress: request.ip },
      {
        action: 'sign_in_failed',
        subjectType: SUBJECT_TYPE[flow.audience],
        detail: {
          method: 'oidc',
          reason: failure.kind,
          ...(failure.providerError ? { providerError: failure.providerError } : {}),
        },
      },
    )
    return { ok: false, outcome: failure.kind }
  }
  // Past the protocol, a failure is ours (the database, say): the error handler answers it.
  return flow.admit(request, database, councilId, claims)
}

function routesFor(app: FastifyInstance, database: Database, flow: Flow): void {
  const paths = OIDC_PATHS[flow.audience]
  const redirectUri = new URL(paths.callback, flow.publicUrl).href

  app.get(
    paths.start,
    { config: { permission: 'public', rateLimit: LIMIT }, schema: { hide: true } },
    async (request, reply) => {
      const councilId = councilOf(request)
      const returnTo = localPath((request.query as { returnTo?: unknown }).returnTo, AFTER_SIGN_IN[flow.audience])
      let started: Awaited<ReturnType<typeof beginSignIn>>
      try {
        started = await beginSignIn(flow.settings, redirectUri)
      } catch (error) {
        const failure = classify(error)
        request.log.error({ oidc: failure.kind, reason: failure.message }, 'single sign-on provider unavailable')
        return showProblem(request, reply, flow, 'unavailable')
      }
      keepPending(reply, app.cookiePolicy, {
        ...started.pending,
        audience: flow.audience,
        councilId,
        returnTo,
        startedAt: Date.now(),
      })
      return reply.redirect(started.url.href, 303)
    },
  )

  app.get(
    paths.callback,
    { config: { permission: 'public', rateLimit: LIMIT }, schema: { hide: true } },
    async (request, reply) => {
      const councilId = councilOf(request)
      const pending = takePending(request, reply, app.cookiePolicy, { audience: flow.audience, councilId })
      if (!pending) return showProblem(request, reply, flow, 'expired')
      const signedIn = await finish(request, database, flow, councilId, pending)
      if (!signedIn.ok) return showProblem(request, reply, flow, signedIn.outcome)
      await startSession(request, reply, database, councilId, flow.audience, signedIn.subjectId)
      return reply.redirect(localPath(pending.returnTo, AFTER_SIGN_IN[flow.audience]), 303)
    },
  )
}

function staffFlow(provider: OidcProviderConfig, settings: ProviderSettings, publicUrl: string): Flow {
  return {
    audience: 'staff',
    settings,
    publicUrl,
    async admit(request, database, councilId, claims) {
      const result = await signInStaff(database, { councilId, provider, claims, sourceAddress: request.ip })
      return result.ok ? { ok: true, subjectId: result.staffId } : { ok: false, outcome: result.refusal }
    },
  }
}

function residentFlow(settings: ProviderSettings, config: Config): Flow {
  return {
    audience: 'resident',
    settings,
    publicUrl: config.publicUrl,
    async admit(request, database, _councilId, claims) {
      const result = await signInResident({ ctx: contextFor(request, database, config), claims })
      return result.ok ? { ok: true, subjectId: result.accountId } : { ok: false, outcome: result.refusal }
    },
  }
}

export async function oidcSignInPages(app: FastifyInstance, options: FeatureOptions): Promise<void> {
  const { config, database } = options
  const allowHttp = config.env !== 'production'
  const { staff, resident } = config.oidc
  if (staff) routesFor(app, database, staffFlow(staff, { provider: staff, allowHttp }, config.publicUrl))
  if (resident) routesFor(app, database, residentFlow({ provider: resident, allowHttp }, config))
}
