// The notice carried across a redirect: a success shows once in the success banner, a warning once
// in a banner that does not congratulate, and a notice nobody signed shows nothing.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import { testApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { TestClient } from '../../../test/support/client.ts'
import { flashNotice } from './notice.ts'

const PUBLIC = { config: { permission: 'public' as const } }

async function pages(app: FastifyInstance): Promise<void> {
  app.get('/probe/saved', PUBLIC, (_request, reply) => flashNotice(reply, 'Details saved').redirect('/probe', 303))
  app.get('/probe/refused', PUBLIC, (_request, reply) =>
    flashNotice(reply, 'Someone else got there first', 'warning').redirect('/probe', 303),
  )
  app.get('/probe', PUBLIC, (request, reply) => reply.view('layout.njk', { council: request.council }))
}

describe('the notice across a redirect', () => {
  let t: TestApp
  before(async () => {
    t = await testApp('sqlite', { extraRoutes: pages })
  })
  after(() => t.close())

  test('a success shows once, in the success banner', async () => {
    const browser = new TestClient(t.app)
    const shown = await browser.follow(await browser.get('/probe/saved'))
    assert.match(shown.body, /govuk-notification-banner--success[\s\S]*Details saved/)
    assert.doesNotMatch((await browser.get('/probe')).body, /Details saved/, 'not again on the next page')
  })

  test('a warning shows once, and never as a success', async () => {
    const browser = new TestClient(t.app)
    const shown = await browser.follow(await browser.get('/probe/refused'))
    assert.match(shown.body, /govuk-notification-banner[\s\S]*Someone else got there first/)
    assert.doesNotMatch(shown.body, /govuk-notification-banner--success|Success/)
    assert.doesNotMatch(shown.body, /warning:/, 'the mark that says which kind is not shown')
    assert.doesNotMatch((await browser.get('/probe')).body, /Someone else got there first/)
  })

  test('a notice the council did not sign shows nothing', async () => {
    const browser = new TestClient(t.app)
    browser.cookies.set('frontdoor-notice', encodeURIComponent('warning:Your account is locked'))
    const page = await browser.get('/probe')
    assert.equal(page.statusCode, 200)
    assert.doesNotMatch(page.body, /locked|govuk-notification-banner/)
  })
})
