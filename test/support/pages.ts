// The pages the app serves, read from its route table, so a test that walks every page also walks
// a page added tomorrow without anyone editing a list.
import type { FastifyInstance } from 'fastify'

/** Paths that answer machines, not people: the API, Open311, health, metrics and the API's own docs. */
const NOT_PAGES = [/^\/assets\//, /^\/api\//, /^\/open311\//, /^\/health/, /^\/metrics/, /^\/docs/, /^\/public\//, /\*/]

/** Every GET page route, as registered (`/account/requests/:reference`). */
export function pageRoutes(app: FastifyInstance): string[] {
  const urls = app.registeredRoutes
    .filter((route) => route.method === 'GET' && !NOT_PAGES.some((pattern) => pattern.test(route.url)))
    .map((route) => route.url)
  return [...new Set(urls)]
}

/** The names of a route's path parameters (`:reference` → `reference`). */
export function pathParameters(route: string): string[] {
  return [...route.matchAll(/:(\w+)/g)].map((m) => m[1]!)
}

/** The route with each parameter filled in from `values` (or `fallback` for those it does not name). */
export function fillPath(route: string, values: Record<string, string>, fallback = '1'): string {
  return route.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(values[name] ?? fallback))
}
