// The page a "your request is resolved" message links to, on both engines: one answer per case
// and resolution, refused kindly the second time, and the same refusal for a case still being
// worked, an unknown reference and a mistyped one, so the link tells nobody which cases exist.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES } from '../../../test/support/databases.ts'
import { testApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { TestClient, csrfTokenIn } from '../../../test/support/client.ts'
import { addService, addTeam, goodAnswers, systemActor } from '../../../test/support/fixtures.ts'
import type { Service } from '../catalogue/service.ts'
import { changeCaseStatus, createCase, reopenCase } from '../cases/service.ts'

function errorSummary(html: string): string[] {
  const summary = /<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? ''
  return [...summary.matchAll(/<a href="[^"]*">([^<]*)<\/a>/g)].map((m) => m[1]!.trim())
}

const heading = (html: string) => /<h1[^>]*>([^<]*)<\/h1>/.exec(html)?.[1]?.trim()

for (const engine of ENGINES) {
  describe(`rating a resolved request (${engine})`, () => {
    let subject: TestApp
    let service: Service

    before(async () => {
      subject = await testApp(engine)
      const teamId = await addTeam(subject.database, subject.councilId)
      service = await addService(subject.database, subject.councilId, teamId)
    })
    after(() => subject.close())

    async function caseIn(statuses: ('in_progress' | 'resolved' | 'closed')[]) {
      const actor = systemActor(subject.councilId)
      const created = await createCase(subject.database, actor, subject.councilId, {
        service_id: service.id,
        channel: 'phone',
        created_by: 'staff',
        answers: goodAnswers,
      })
      for (const status of statuses)
        await changeCaseStatus(subject.database, actor, subject.councilId, created.id, {
          status,
          resolution: status === 'resolved' ? 'Collected' : undefined,
        })
      return created
    }

    const responses = async (caseId: number) =>
      subject.database.db.selectFrom('survey_response').selectAll().where('case_id', '=', caseId).execute()

    const rolledUp = async () =>
      Number(
        (
          await subject.database.db
            .selectFrom('survey_rollup')
            .select((eb) => eb.fn.sum<number>('responses').as('n'))
            .where('council_id', '=', subject.councilId)
            .where('channel', '=', 'phone')
            .executeTakeFirstOrThrow()
        ).n ?? 0,
      )

    async function rate(client: TestClient, reference: string, fields: Record<string, string>) {
      const page = await client.get(`/rate?reference=${encodeURIComponent(reference)}`)
      assert.equal(page.statusCode, 200, page.body.slice(0, 300))
      return client.post('/rate', { _csrf: csrfTokenIn(page.body), reference, ...fields })
    }

    it('asks the satisfaction question without an account, records the answer and counts it in the figures', async () => {
      const resolved = await caseIn(['resolved'])
      const rolledBefore = await rolledUp()
      const client = new TestClient(subject.app)
      const page = await client.get(`/rate?reference=${resolved.reference}`)
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /Overall, how did you feel about the service you received today\?/)
      assert.match(page.body, /Very satisfied/)
      assert.match(page.body, /Very dissatisfied/)
      // The reference is enough to rate, never to read the case.
      assert.doesNotMatch(page.body, /Collected|blue|AB1 2CD|Report a missed bin/)

      const sent = await rate(client, resolved.reference, { score: '2', comment: 'Took a week' })
      assert.equal(sent.statusCode, 303)
      assert.equal(sent.headers.location, '/rate/thank-you')
      const thanks = await client.get('/rate/thank-you')
      assert.equal(heading(thanks.body), 'Thank you for your feedback')
      const saved = await responses(resolved.id)
      assert.equal(saved.length, 1)
      assert.equal(saved[0]!.score, 2)
      assert.equal(saved[0]!.comment, 'Took a week')
      assert.equal(saved[0]!.contact_id, null)
      assert.equal(await rolledUp(), rolledBefore + 1)
    })

    it('keeps what was typed and says what is missing when no answer is chosen', async () => {
      const closed = await caseIn(['resolved', 'closed'])
      const response = await rate(new TestClient(subject.app), closed.reference, { comment: 'Kept this' })
      assert.equal(response.statusCode, 400)
      assert.deepEqual(errorSummary(response.body), ['Select how you feel about the service you received'])
      assert.match(response.body, />Kept this<\/textarea>/)
      assert.match(response.body, new RegExp(`name="reference" value="${closed.reference}"`))
      assert.equal((await responses(closed.id)).length, 0)
    })

    it('refuses a second answer kindly, and takes one again after the case is reopened and resolved', async () => {
      const resolved = await caseIn(['resolved'])
      const client = new TestClient(subject.app)
      assert.equal((await rate(client, resolved.reference, { score: '5' })).statusCode, 303)
      const again = await client.get(`/rate?reference=${resolved.reference}`)
      assert.equal(again.statusCode, 409)
      assert.equal(heading(again.body), 'You have already told us how satisfied you were')
      const posted = await client.post('/rate', {
        _csrf: csrfTokenIn((await client.get('/track')).body),
        reference: resolved.reference,
        score: '1',
      })
      assert.equal(posted.statusCode, 409)
      assert.equal(heading(posted.body), 'You have already told us how satisfied you were')
      assert.deepEqual(
        (await responses(resolved.id)).map((r) => r.score),
        [5],
      )

      // The new resolution must come later than the first answer, as it would in life.
      await new Promise((resolve) => setTimeout(resolve, 5))
      const actor = systemActor(subject.councilId)
      await reopenCase(subject.database, actor, subject.councilId, resolved.id, { reason: 'Still not collected' })
      await changeCaseStatus(subject.database, actor, subject.councilId, resolved.id, {
        status: 'resolved',
        resolution: 'Collected at last',
      })
      assert.equal((await rate(client, resolved.reference, { score: '3' })).statusCode, 303)
      assert.deepEqual((await responses(resolved.id)).map((r) => r.score).sort(), [3, 5])
    })

    it('gives a case still being worked, an unknown reference and a mistyped one the same refusal', async () => {
      const open = await caseIn(['in_progress'])
      const client = new TestClient(subject.app)
      const pages = await Promise.all(
        [open.reference, 'FD-2020-999999', 'not a reference', ''].map((reference) =>
          client.get(`/rate?reference=${encodeURIComponent(reference)}`),
        ),
      )
      for (const page of pages) {
        assert.equal(page.statusCode, 404)
        assert.equal(heading(page.body), 'This link cannot be used to rate a request')
      }
      // Apart from the form token and the language link (which repeats the address asked for), one page.
      const same = (body: string) =>
        body
          .replace(/value="[^"]*"/g, '')
          .replace(/<meta name="csrf[^>]*>/g, '')
          .replace(/href="[^"]*lang=[^"]*"/g, '')
      assert.equal(new Set(pages.map((page) => same(page.body))).size, 1)
      const posted = await client.post('/rate', {
        _csrf: csrfTokenIn((await client.get('/track')).body),
        reference: open.reference,
        score: '5',
      })
      assert.equal(posted.statusCode, 404)
      assert.equal((await responses(open.id)).length, 0)
    })
  })
}
