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

export const viewsPlugin = fp(
  async (app: FastifyInstance, options: { production: boolean }) => {
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
          env.addGlobal('govukRebrand', true)
          env.addFilter('trim', trimFilter)
          env.addFilter('date', (iso: string | null | undefined) =>
            iso
              ? new Date(iso).toLocaleDateString('en-GB', {
                  day: 'numeric',
                  month: 'long',
                  year: 'numeric',
                  timeZone: 'Europe/London',
                })
              : '',
          )
        },
      },
    })
  },
  { name: 'frontdoor-views' },
)
