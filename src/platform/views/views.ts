// Nunjucks with govuk-frontend and MOJ Frontend: the page layout every later page extends, and
// their precompiled assets served from node_modules (nothing from a CDN).
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import fp from 'fastify-plugin'
import fastifyStatic from '@fastify/static'
import fastifyView from '@fastify/view'
import nunjucks from 'nunjucks'
import type { FastifyInstance } from 'fastify'
import { fillIn, formatDate, translate } from '../i18n/translate.ts'
import { councilWordsHtml } from '../i18n/council-words.ts'
import { escapeHtml } from './escape.ts'
import { prepareAssets, serveAssets } from './assets.ts'
import { CompiledTemplateLoader } from './compiled-templates.ts'
import type { TranslationParams } from '../i18n/translate.ts'

type PageContext = { ctx?: { lang?: string } }

const require = createRequire(import.meta.url)

/**
 * Nunjucks' own trim is a regular expression that takes time in proportion to the square of a long
 * run of spaces; GOV.UK and MOJ macros trim every block of HTML handed to them, so a page with a
 * long timeline spent most of its time there (the desk benchmark, docs/performance.md). This one
 * removes the same characters, and keeps HTML marked safe as safe.
 */
function trimFilter(value: unknown): unknown {
  if (value instanceof nunjucks.runtime.SafeString) return new nunjucks.runtime.SafeString(value.toString().trim())
  return value === undefined || value === null ? '' : String(value).trim()
}
const here = dirname(fileURLToPath(import.meta.url))
const govukDist = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist')
const mojRoot = dirname(require.resolve('@ministryofjustice/frontend/package.json'))

/** Feature folders add their own `views/` directories here. */
export const templateDirectories: string[] = [join(here, 'templates'), govukDist, mojRoot]

export function addTemplateDirectory(directory: string): void {
  if (!templateDirectories.includes(directory)) templateDirectories.push(directory)
}

/** What every page links: read, fingerprinted and compressed once, when the app starts. */
function pageAssets() {
  return prepareAssets([
    { name: 'govuk/govuk-frontend.min.css', file: join(govukDist, 'govuk', 'govuk-frontend.min.css') },
    { name: 'govuk/govuk-frontend.min.js', file: join(govukDist, 'govuk', 'govuk-frontend.min.js') },
    { name: 'moj/moj-frontend.min.css', file: join(mojRoot, 'moj', 'moj-frontend.min.css') },
    { name: 'frontdoor/frontdoor.css', file: join(here, 'static', 'frontdoor.css') },
    { name: 'frontdoor/init.js', file: join(here, 'static', 'init.js') },
  ])
}

export const viewsPlugin = fp(
  async (app: FastifyInstance, options: { production: boolean }) => {
    const assets = pageAssets()
    serveAssets(app, assets)
    await app.register(fastifyStatic, {
      root: join(govukDist, 'govuk', 'assets'),
      prefix: '/assets/',
      index: false,
      maxAge: options.production ? '1d' : 0,
    })
    await app.register(fastifyStatic, {
      root: join(govukDist, 'govuk'),
      prefix: '/assets/govuk/',
      decorateReply: false,
      index: false,
      allowedPath: (path) => /\.min\.(css|js)$/.test(path),
    })
    await app.register(fastifyStatic, {
      root: join(mojRoot, 'moj'),
      prefix: '/assets/moj/',
      decorateReply: false,
      index: false,
      allowedPath: (path) => /\.min\.(css|js)$/.test(path),
    })
    await app.register(fastifyStatic, {
      root: join(here, 'static'),
      prefix: '/assets/frontdoor/',
      decorateReply: false,
      index: false,
    })
    await app.register(fastifyView, {
      engine: { nunjucks },
      templates: templateDirectories,
      production: options.production,
      options: {
        autoescape: true,
        throwOnUndefined: false,
        onConfigure: (env: nunjucks.Environment) => {
          const opts = (env as unknown as { opts: Record<string, unknown> }).opts
          const compileOptions = {
            autoescape: opts.autoescape === true,
            throwOnUndefined: opts.throwOnUndefined === true,
            trimBlocks: opts.trimBlocks === true,
            lstripBlocks: opts.lstripBlocks === true,
          }
          ;(env as unknown as { loaders: nunjucks.ILoader[] }).loaders = [
            new CompiledTemplateLoader(templateDirectories, compileOptions),
          ]
          env.addGlobal('govukRebrand', true)
          env.addGlobal('asset', (name: string) => {
            const asset = assets.get(name)
            if (!asset) throw new Error(`No page asset is called ${name}`)
            return asset.url
          })
          // `this.ctx` is the page's context: the language the person reads in (src/platform/i18n).
          env.addGlobal('t', function (this: PageContext, text: string, params?: TranslationParams) {
            return translate(this.ctx?.lang, text, params)
          })
          // A council's own words (a service's name, a question): translated, or marked lang="en"
          // where a page in another language has to show the English. Escaped HTML, marked safe, so
          // it can go straight into a page or into a GOV.UK macro's `html`.
          env.addGlobal('councilText', function (this: PageContext, text: string | null | undefined) {
            return new nunjucks.runtime.SafeString(councilWordsHtml(this.ctx?.lang, text ?? ''))
          })
          // t() for a sentence with a council's words inside it (`{ hours: councilText(…) }`): the
          // sentence and every plain value escaped, a councilText value kept with its lang="en" mark.
          env.addGlobal('tWithParts', function (this: PageContext, text: string, params: Record<string, unknown> = {}) {
            const values = Object.fromEntries(
              Object.entries(params).map(([name, value]) => [
                name,
                value instanceof nunjucks.runtime.SafeString
                  ? value.toString()
                  : value === undefined || value === null
                    ? value
                    : escapeHtml(String(value)),
              ]),
            )
            return new nunjucks.runtime.SafeString(fillIn(escapeHtml(translate(this.ctx?.lang, text)), values))
          })
          env.addFilter('date', function (this: PageContext, iso: string | null | undefined) {
            return formatDate(this.ctx?.lang, iso)
          })
          env.addFilter('trim', trimFilter)
        },
      },
    })
  },
  { name: 'frontdoor-views' },
)
