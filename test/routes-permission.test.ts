// The guard, across every route the app has: each declares a permission, each non-public API route
// refuses a caller without a token (401) and one whose role lacks the permission (403).
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import type { HTTPMethods } from 'fastify'
import { ENGINES } from './support/databases.ts'
import { testApp } from './support/app.ts'
import type { TestApp } from './support/app.ts'
import { roleHas } from '../src/platform/auth/permissions.ts'
import type { RegisteredRoute } from '../src/platform/auth/guard.ts'
import { ROLES } from '../src/platform/db/values.ts'

const PROBLEM_JSON = 'application/problem+json; charset=utf-8'

/** A concrete URL for a route pattern: every parameter becomes 1, which is enough for the guard. */
const concrete = (url: string) => url.replace(/:[^/]+/g, '1').replace(/\*$/, 'x')

const apiRoutes = (app: TestApp['app']): RegisteredRoute[] =>
  app.registeredRoutes.filter(
    (route) => route.url.startsWith('/api/v1/') && route.method !== 'HEAD' && route.method !== 'OPTIONS',
  )

const request = (t: TestApp, route: RegisteredRoute, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: route.method as HTTPMethods,
    url: concrete(route.url),
    headers,
    ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }),
  })

for (const engine of ENGINES) {
  describe(`every route passes the guard (${engine})`, () => {
    let t: TestApp

    before(async () => {
      t = await testApp(engine)
    })
    after(() => t.close())

    it('has no route without a declared permission', () => {
      assert.deepEqual(t.app.routesWithoutPermission, [])
      const undeclared = t.app.registeredRoutes.filter((route) => route.permission === undefined)
      assert.deepEqual(undeclared, [])
    })

    it('has API routes to check', () => {
      assert.ok(apiRoutes(t.app).length > 0)
    })

    it('opens no API or staff route to the public, but the steps of signing in', () => {
      const signingIn = /^\/staff\/sign-in(\/|$)/
      const open = t.app.registeredRoutes.filter(
        (route) =>
          route.permission === 'public' &&
          /^\/(api\/v1|staff|partner)(\/|$)/.test(route.url) &&
          !signingIn.test(route.url),
      )
      assert.deepEqual(open, [])
    })

    it('answers 401 problem+json to a request without a token, on every API route', async () => {
      const answers: string[] = []
      for (const route of apiRoutes(t.app)) {
        const response = await request(t, route)
        const body = response.headers['content-type'] === PROBLEM_JSON ? response.json() : {}
        if (response.statusCode !== 401 || body.status !== 401 || !response.headers['www-authenticate'])
          answers.push(`${route.method} ${route.url} → ${response.statusCode}`)
      }
      assert.deepEqual(answers, [])
    })

    it('answers 401 to a revoked or made-up token, on every API route', async () => {
      const answers: string[] = []
      for (const route of apiRoutes(t.app)) {
        const response = await request(t, route, { authorization: 'Bearer fd_not-a-real-token' })
        if (response.statusCode !== 401) answers.push(`${route.method} ${route.url} → ${response.statusCode}`)
      }
      assert.deepEqual(answers, [])
    })

    it('answers 403 problem+json to a role without the permission, on every API route, and changes nothing', async () => {
      const auditBefore = await t.database.db.selectFrom('audit_event').select('id').execute()
      const answers: string[] = []
      let checked = 0
      for (const route of apiRoutes(t.app)) {
        const permission = route.permission
        if (permission === undefined || permission === 'public') continue
        for (const role of ROLES.filter((r) => !roleHas(r, permission))) {
          const response = await request(t, route, t.as(role))
          checked++
          const body = response.headers['content-type'] === PROBLEM_JSON ? response.json() : {}
          if (response.statusCode !== 403 || body.status !== 403)
            answers.push(`${role}: ${route.method} ${route.url} → ${response.statusCode}`)
        }
      }
      assert.deepEqual(answers, [])
      assert.ok(checked > 0, 'some route must be closed to some role')
      const auditAfter = await t.database.db.selectFrom('audit_event').select('id').execute()
      assert.equal(auditAfter.length, auditBefore.length, 'a refused request must not reach the handler')
    })

    it('lets a role with the permission past the guard, on every API route', async () => {
      const answers: string[] = []
      for (const route of apiRoutes(t.app)) {
        const permission = route.permission
        if (permission === undefined || permission === 'public') continue
        const role = ROLES.find((r) => roleHas(r, permission))
        if (!role) continue
        const response = await request(t, route, t.as(role))
        if (response.statusCode === 401 || response.statusCode === 403)
          answers.push(`${role}: ${route.method} ${route.url} → ${response.statusCode}`)
      }
      assert.deepEqual(answers, [])
    })
  })
}

describe('a route that declares no permission', () => {
  let t: TestApp

  before(async () => {
    t = await testApp('sqlite', {
      extraRoutes: async (app) => {
        app.get('/undeclared', async () => ({ secret: 'should never be sent' }))
      },
    })
  })
  after(() => t.close())

  it('is listed for the test to fail on', () => {
    assert.deepEqual(t.app.routesWithoutPermission, ['GET /undeclared', 'HEAD /undeclared'])
  })

  it('is closed to everyone, even an administrator', async () => {
    for (const headers of [{}, t.as('admin')]) {
      const response = await t.app.inject({
        method: 'GET',
        url: '/undeclared',
        headers: { accept: 'application/json', ...headers },
      })
      assert.equal(response.statusCode, 403)
      assert.doesNotMatch(response.body, /should never be sent/)
    }
  })
})
