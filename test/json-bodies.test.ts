// JSON bodies are taken as sent: a number is not a name, text is not a number. Query strings
// (all text) keep being read as the types their schema gives. Each field that fails gets one
// message, even when it may be one of several things (a number or null).
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES } from './support/databases.ts'
import { testApp } from './support/app.ts'
import type { TestApp } from './support/app.ts'

type Problem = { status: number; errors?: { name: string; message: string }[] }

for (const engine of ENGINES) {
  describe(`JSON bodies are not coerced (${engine})`, () => {
    let t: TestApp

    before(async () => {
      t = await testApp(engine)
    })
    after(() => t.close())

    const post = (url: string, payload: object) =>
      t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: t.as('admin'), payload })

    it('refuses a number or a boolean where text belongs, naming each field, and stores nothing', async () => {
      const response = await post('/residents', { given_name: 123, family_name: true })
      assert.equal(response.statusCode, 400)
      assert.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8')
      assert.deepEqual((response.json() as Problem).errors, [
        { name: 'body.given_name', message: 'must be string' },
        { name: 'body.family_name', message: 'must be string' },
      ])
      assert.deepEqual(await t.database.db.selectFrom('resident').select('id').execute(), [])
    })

    it('refuses text where a number belongs, with one message for a field that may also be null', async () => {
      const response = await post('/contacts', {
        channel: 'phone',
        outcome: 'resolved_first_contact',
        handle_seconds: '90',
      })
      assert.equal(response.statusCode, 400)
      assert.deepEqual((response.json() as Problem).errors, [
        { name: 'body.handle_seconds', message: 'must be integer or null' },
      ])
      const lgsl = await post('/services', {
        name: 'Report a pothole',
        open311_code: 'pothole',
        target_hours: '16',
        lgsl_code: 'abc',
        offline_route: 'Phone us',
      })
      assert.deepEqual(
        (lgsl.json() as Problem).errors?.filter((e) => e.name !== 'body'),
        [
          { name: 'body.lgsl_code', message: 'must be integer or null' },
          { name: 'body.target_hours', message: 'must be integer' },
        ].sort((a, b) => a.name.localeCompare(b.name)),
      )
    })

    it('still reads query strings as the types their schema gives', async () => {
      const response = await t.app.inject({
        method: 'GET',
        url: '/api/v1/services?limit=5&online_available=true&include_inactive=false',
        headers: t.as('advisor'),
      })
      assert.equal(response.statusCode, 200, response.body)
      assert.deepEqual(response.json(), { items: [], next_cursor: null })
    })

    it('takes a JSON body whose values have the right types', async () => {
      const response = await post('/residents', { given_name: 'Ada', family_name: 'Lovelace' })
      assert.equal(response.statusCode, 201, response.body)
      assert.equal(response.json().given_name, 'Ada')
    })
  })
}
