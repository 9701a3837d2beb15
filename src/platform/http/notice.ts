// "Contact logged", "Article published": the banner shown once on the page a form sends the person
// back to, whichever feature's page that is. It rides in a short-lived signed cookie across the
// redirect (post, redirect, get), so no page needs to know who sent the person to it. A notice is
// either a success or a warning (what the person asked for could not be done: someone else got
// there first). The text is the council's own fixed wording, never personal data: the cookie is
// signed, not sealed, and sits in the browser's cookie store.
import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyReply } from 'fastify'
import { cookieOptions } from '../auth/session-cookie.ts'
import { isPagePath } from './request-kind.ts'

const COOKIE = 'frontdoor-notice'
/** Long enough for the redirect, short enough that a notice never greets a later visit. */
const MAX_AGE_SECONDS = 60
/**
 * A warning's text is marked so; a success's is the bare text, as it always was, so a success
 * notice set just before an upgrade still shows as one after it.
 */
const WARNING_MARK = 'warning:'

export type NoticeKind = 'success' | 'warning'

/**
 * Shows `text` on the next page this browser opens: in a success banner, or for a warning in a
 * warning alert (the page's `noticeWarning`, where a success is its `notice`).
 */
export function flashNotice(reply: FastifyReply, text: string, kind: NoticeKind = 'success'): FastifyReply {
  return reply.setCookie(COOKIE, kind === 'warning' ? `${WARNING_MARK}${text}` : text, {
    ...cookieOptions(reply.server.cookiePolicy),
    signed: true,
    maxAge: MAX_AGE_SECONDS,
  })
}

export const noticePlugin = fp(
  async (app: FastifyInstance) => {
    app.addHook('preHandler', (request, reply, done) => {
      const raw = request.method === 'GET' && isPagePath(request.url) ? request.cookies[COOKIE] : undefined
      if (raw === undefined) return done()
      const unsigned = request.unsignCookie(raw)
      reply.clearCookie(COOKIE, cookieOptions(app.cookiePolicy))
      const value = unsigned.valid ? unsigned.value : null
      if (value?.startsWith(WARNING_MARK)) {
        const text = value.slice(WARNING_MARK.length)
        if (text) reply.locals = { ...reply.locals, noticeWarning: text }
      } else if (value) reply.locals = { ...reply.locals, notice: value }
      done()
    })
  },
  { name: 'frontdoor-notice', dependencies: ['frontdoor-session'] },
)
