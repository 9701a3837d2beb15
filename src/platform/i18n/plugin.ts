// Which language a person reads the public pages in: the one they picked with the language links
// (`?lang=cy`, remembered in a cookie for a year), else English. Every page's template gets `lang`
// for the `t()` global and the links to switch, each pointing back at the page they are on.
import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { cookieOptions } from '../auth/session-cookie.ts'
import { isPagePath } from '../http/request-kind.ts'
import { ENGLISH, isLanguage, languages } from './translate.ts'

const COOKIE = 'frontdoor-language'
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60

declare module 'fastify' {
  interface FastifyRequest {
    /** The language code the person reads pages in: `en`, or a code with a catalogue in locales/. */
    language: string
  }
}

export type LanguageLink = { code: string; name: string; href: string; current: boolean }

/**
 * Each link keeps the page's path but not its query: a query is whatever anyone typed or put in a
 * link (a search, a hostile string), and a page must not hand it back inside its own links.
 */
export function languageLinks(url: string, current: string): LanguageLink[] {
  const { pathname } = new URL(url, 'http://frontdoor.invalid')
  return languages().map(({ code, name }) => ({
    code,
    name,
    href: `${pathname}?lang=${encodeURIComponent(code)}`,
    current: code === current,
  }))
}

function chosenLanguage(request: FastifyRequest): { code: string; picked: boolean } {
  const asked = (request.query as Record<string, unknown> | undefined)?.lang
  if (isLanguage(asked)) return { code: asked, picked: true }
  const remembered = request.cookies[COOKIE]
  return { code: isLanguage(remembered) ? remembered : ENGLISH.code, picked: false }
}

/**
 * The staff pages are written in English only: a Welsh frame round them would mark English
 * content as Welsh (a screen reader would read it with Welsh sounds), so they keep English
 * whatever a resident's pages are read in on the same browser, and offer no language links.
 */
const isStaffPage = (url: string): boolean => url === '/staff' || url.startsWith('/staff/') || url.startsWith('/staff?')

/** Puts the person's language on the request and the page's locals, remembering one they picked. */
export function useLanguage(request: FastifyRequest, reply: FastifyReply): void {
  const staff = isStaffPage(request.url)
  const { code, picked } = staff ? { code: ENGLISH.code, picked: false } : chosenLanguage(request)
  request.language = code
  if (picked && request.cookies[COOKIE] !== code) {
    reply.setCookie(COOKIE, code, { ...cookieOptions(request.server.cookiePolicy), maxAge: ONE_YEAR_SECONDS })
  }
  const locals: Record<string, unknown> = { ...reply.locals, lang: code, htmlLang: code }
  // Worked out when the page is drawn, once its status is known: a refusal (a 404 for a reference or
  // token someone typed) must not repeat the refused address in its links, so those lead home.
  Object.defineProperty(locals, 'languageLinks', {
    enumerable: true,
    get: () =>
      languages().length > 1 && !staff ? languageLinks(reply.statusCode >= 400 ? '/' : request.url, code) : [],
  })
  reply.locals = locals
}

/** Whether this request's language has been worked out yet: a refusal before preHandler has none. */
export function hasLanguage(reply: FastifyReply): boolean {
  return (reply.locals as { lang?: unknown } | undefined)?.lang !== undefined
}

export const languagePlugin = fp(
  async (app: FastifyInstance) => {
    app.decorateRequest('language', ENGLISH.code)
    app.addHook('preHandler', (request, reply, done) => {
      if (isPagePath(request.url)) useLanguage(request, reply)
      done()
    })
  },
  { name: 'frontdoor-language', dependencies: ['frontdoor-session'] },
)
