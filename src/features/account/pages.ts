// What every e-account page shares: route options, reading form fields, the error summary, and
// starting or ending the signed-in session.
import { errorList, field } from '../../platform/http/forms.ts'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { RateLimitOptions } from '@fastify/rate-limit'
import type { Database } from '../../platform/db/database.ts'
import { createSession, endSession, rotateSession } from '../../platform/auth/sessions.ts'
import type { Session } from '../../platform/auth/sessions.ts'
import { SIGN_IN_PATH } from '../../platform/auth/sign-in-paths.ts'
import { translate } from '../../platform/i18n/translate.ts'

export const ACCOUNT_HOME = '/account'
export const SIGN_IN = SIGN_IN_PATH.resident

const TEN_MINUTES = 10 * 60_000

/** A public page (GET). */
export const PUBLIC_PAGE = { config: { permission: 'public' as const }, schema: { hide: true } }

/** A public form, limited per address: `max` posts in ten minutes unless another window is given. */
export function publicForm(
  max: number,
  timeWindow = TEN_MINUTES,
): { config: { permission: 'public'; rateLimit: RateLimitOptions }; schema: { hide: true } } {
  return { config: { permission: 'public', rateLimit: { max, timeWindow } }, schema: { hide: true } }
}

/** A page of the signed-in resident's own account. */
export const OWN_PAGE = { config: { permission: 'account:own' as const }, schema: { hide: true } }

export function ownForm(max: number): {
  config: { permission: 'account:own'; rateLimit: RateLimitOptions }
  schema: { hide: true }
} {
  return { config: { permission: 'account:own', rateLimit: { max, timeWindow: TEN_MINUTES } }, schema: { hide: true } }
}

export { field, errorList }

export function queryValue(request: FastifyRequest, name: string): string {
  const value = (request.query as Record<string, unknown> | undefined)?.[name]
  return typeof value === 'string' ? value : ''
}

export function tokenParam(request: FastifyRequest): string {
  return (request.params as { token?: string }).token ?? ''
}

/** Signs a person in under a new session: whatever session the browser had before ends (no fixation). */
export async function startSession(
  database: Database,
  request: FastifyRequest,
  reply: FastifyReply,
  councilId: number,
  accountId: number,
): Promise<void> {
  if (request.session) await endSession(database.db, request.session.id)
  const { token } = await createSession(database.db, {
    councilId,
    subjectKind: 'resident',
    subjectId: accountId,
    data: { stage: 'signed_in' },
  })
  reply.setSessionCookie(token)
}

/** After a change of password the session goes on under a new token. */
export async function renewSession(database: Database, reply: FastifyReply, session: Session): Promise<void> {
  const { token } = await rotateSession(database.db, session, { stage: 'signed_in' })
  reply.setSessionCookie(token)
}

type PageWords = {
  pageTitle: string
  errors?: Record<string, string | undefined>
  errorList?: { text: string; href: string }[]
  banner?: string
}

/**
 * An e-account page's values with its English words in the reader's language: the title, the
 * error messages (the services say them in English, the same words whichever page shows them)
 * and the banner. The templates translate their own text.
 */
export function accountPage<T extends PageWords>(request: FastifyRequest, values: T): T {
  const t = (text: string) => translate(request.language, text)
  const error = 'Error: '
  const title = values.pageTitle.startsWith(error)
    ? `${t('Error')}: ${t(values.pageTitle.slice(error.length))}`
    : t(values.pageTitle)
  const errors =
    values.errors &&
    Object.fromEntries(Object.entries(values.errors).map(([name, text]) => [name, text === undefined ? text : t(text)]))
  return {
    ...values,
    pageTitle: title,
    ...(errors ? { errors } : {}),
    ...(values.errorList ? { errorList: values.errorList.map((item) => ({ ...item, text: t(item.text) })) } : {}),
    ...(values.banner ? { banner: t(values.banner) } : {}),
  }
}
