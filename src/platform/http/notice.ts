// "Contact logged", "Article published": the success banner shown once on the page a form sends
// the person back to, whichever feature's page that is. It rides in a short-lived signed cookie
// across the redirect (post, redirect, get), so no page needs to know who sent the person to it.
// The text is the council's own fixed wording, never personal data.
import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyReply } from 'fastify'
import { cookieOptions } from '../auth/session-cookie.ts'
import { isPagePath } from './request-kind.ts'

const COOKIE = 'frontdoor-notice'
/** Long enough for the redirect, short enough that a notice never greets a later visit. */
const MAX_AGE_SECONDS = 60

/** Shows `text` in a success banner on the next page this browser opens. */
export function flashNotice(reply: FastifyReply, text: string): FastifyReply {
  return reply.setCookie(COOKIE, text, {
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
      if (unsigned.valid && unsigned.value) reply.locals = { ...reply.locals, notice: unsigned.value }
      done()
    })
  },
  { name: 'frontdoor-notice', dependencies: ['frontdoor-session'] },
)
