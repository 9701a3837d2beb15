// The OpenAPI document is generated from the routes, so it is only as good as what each route
// declares: every API route must carry a summary, tags, its success response and the errors.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { testApp } from './support/app.ts'
import type { TestApp } from './support/app.ts'

type Operation = { summary?: string; tags?: string[]; responses?: Record<string, unknown> }
type OpenApi = {
  openapi: string
  paths: Record<string, Record<string, Operation>>
  components: { securitySchemes?: Record<string, unknown> }
}

const openApiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}')

describe('API documentation', () => {
  let t: TestApp
  let doc: OpenApi

  before(async () => {
    t = await testApp('sqlite')
    const response = await t.app.inject({ method: 'GET', url: '/api/docs/json' })
    assert.equal(response.statusCode, 200)
    doc = response.json<OpenApi>()
  })
  after(() => t.close())

  const apiRoutes = () =>
    t.app.registeredRoutes.filter((r) => r.url.startsWith('/api/v1/') && r.method !== 'HEAD' && r.method !== 'OPTIONS')

  it('is OpenAPI 3.1 with bearer tokens', () => {
    assert.equal(doc.openapi, '3.1.0')
    assert.deepEqual(Object.keys(doc.components.securitySchemes ?? {}), ['bearer'])
  })

  it('is readable by people at /api/docs without a token', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/docs' })
    assert.equal(response.statusCode, 200)
    assert.match(String(response.headers['content-type']), /^text\/html/)
  })

  it('documents every API route with a summary, tags, its success and its errors', () => {
    const gaps: string[] = []
    for (const route of apiRoutes()) {
      const where = `${route.method} ${route.url}`
      const operation = doc.paths[openApiPath(route.url)]?.[route.method.toLowerCase()]
      if (!operation) {
        gaps.push(`${where}: missing`)
        continue
      }
      if (!operation.summary) gaps.push(`${where}: no summary`)
      if (!operation.tags?.length) gaps.push(`${where}: no tags`)
      const statuses = Object.keys(operation.responses ?? {})
      if (!statuses.some((s) => /^2\d\d$/.test(s))) gaps.push(`${where}: no success response`)
      if (!statuses.includes('4XX') && !statuses.some((s) => /^4\d\d$/.test(s)))
        gaps.push(`${where}: no error responses`)
    }
    assert.deepEqual(gaps, [])
  })

  it('documents nothing that is not an API route', () => {
    const documented = Object.keys(doc.paths)
    assert.ok(documented.length > 0)
    assert.deepEqual(
      documented.filter((path) => !path.startsWith('/api/v1/')),
      [],
    )
  })
})
