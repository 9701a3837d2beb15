// Operations endpoints: /health tells a load balancer whether this process can serve, and
// /metrics gives Prometheus request and query durations labelled by route pattern only.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../src/app.ts'
import { loadConfig } from '../src/config.ts'
import { ENGINES, testDatabase } from './support/databases.ts'
import { testApp } from './support/app.ts'
import type { TestApp } from './support/app.ts'

const PROBE = 'Pemberton-Oddly'

/** The label sets of one metric, parsed from the Prometheus text format. */
function labelSets(text: string, metric: string): Record<string, string>[] {
  const pattern = new RegExp(`^${metric}\\{([^}]*)\\} `, 'gm')
  return [...text.matchAll(pattern)].map((match) =>
    Object.fromEntries([...match[1]!.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1]!, l[2]!])),
  )
}

function sample(text: string, metric: string, labels: Record<string, string>): number | undefined {
  const line = text
    .split('\n')
    .find((l) => l.startsWith(`${metric}{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)))
  return line === undefined ? undefined : Number(line.split(' ').at(-1))
}

for (const engine of ENGINES) {
  describe(`/health (${engine})`, () => {
    let app: FastifyInstance
    let closeDatabase: () => Promise<void>

    before(async () => {
      const database = await testDatabase(engine)
      closeDatabase = () => database.close()
      const config = loadConfig({ NODE_ENV: 'test', SESSION_SECRET: 'x'.repeat(32) })
      app = await buildApp({ config, database })
    })
    after(() => app.close())

    it('answers 200 when the database answers', async () => {
      const response = await app.inject({ method: 'GET', url: '/health' })
      assert.equal(response.statusCode, 200)
      const body = response.json()
      assert.equal(body.status, 'ok')
      assert.deepEqual({ status: body.database.status, engine: body.database.engine }, { status: 'ok', engine })
    })

    it('answers 503 once the database is gone, without saying why', async () => {
      await closeDatabase()
      const response = await app.inject({ method: 'GET', url: '/health' })
      assert.equal(response.statusCode, 503)
      const body = response.json()
      assert.equal(body.status, 'unavailable')
      assert.equal(body.database.status, 'unavailable')
      assert.doesNotMatch(response.body, /destroyed|ECONN|select/i)
    })
  })

  describe(`/metrics (${engine})`, () => {
    let t: TestApp
    let text: string

    before(async () => {
      t = await testApp(engine)
      const urls = [
        '/api/v1/services/12345',
        '/api/v1/services/67890',
        `/api/v1/services?q=${PROBE}`,
        '/api/v1/residents/4242/history',
        '/api/v1/residents/4242',
        '/api/v1/residents/4343',
        `/api/v1/no-such-thing/${PROBE}`,
      ]
      for (const url of urls) {
        await t.app.inject({ method: 'GET', url, headers: t.as('advisor') })
      }
      const response = await t.app.inject({ method: 'GET', url: '/metrics' })
      assert.equal(response.statusCode, 200)
      assert.match(String(response.headers['content-type']), /^text\/plain/)
      text = response.body
    })
    after(() => t.close())

    it('times requests by route pattern, method and status', () => {
      assert.match(text, /^# TYPE frontdoor_http_request_duration_seconds histogram$/m)
      assert.equal(
        sample(text, 'frontdoor_http_request_duration_seconds_count', {
          method: 'GET',
          route: '/api/v1/services/:id',
          status_code: '404',
        }),
        2,
      )
      assert.equal(
        sample(text, 'frontdoor_http_request_duration_seconds_count', {
          method: 'GET',
          route: '/api/v1/services',
          status_code: '200',
        }),
        1,
      )
      assert.equal(
        sample(text, 'frontdoor_http_request_duration_seconds_count', {
          method: 'GET',
          route: '/api/v1/residents/:id/history',
        }),
        1,
      )
      assert.equal(
        sample(text, 'frontdoor_http_request_duration_seconds_count', {
          method: 'GET',
          route: '/api/v1/residents/:id',
          status_code: '404',
        }),
        2,
      )
      assert.equal(
        sample(text, 'frontdoor_http_request_duration_seconds_count', { route: 'unmatched', status_code: '404' }),
        1,
      )
    })

    it('never puts an id, a query or an unknown address in a label', () => {
      const routes = new Set(
        labelSets(text, 'frontdoor_http_request_duration_seconds_count').map((labels) => labels.route),
      )
      for (const route of routes) assert.doesNotMatch(route ?? '', /\d{3,}|\?|Pemberton/, `route label ${route}`)
      assert.ok(!text.includes(PROBE))
    })

    it('times database queries by engine and outcome', () => {
      assert.match(text, /^# TYPE frontdoor_db_query_duration_seconds histogram$/m)
      const count = sample(text, 'frontdoor_db_query_duration_seconds_count', { engine, outcome: 'ok' })
      assert.ok(count !== undefined && count > 0, 'queries made by the requests above are counted')
    })
  })
}
