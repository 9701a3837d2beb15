// /staff/messages and /staff/letters on both engines: a failed message is listed and sent again,
// a letter batch is downloaded (PDF and manifest) and marked printed, each audited; a second
// press is refused with an error summary; roles without the permission are refused.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES } from '../../../test/support/databases.ts'
import { testApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import type { TestClient } from '../../../test/support/client.ts'
import { addStaff, signedInClient } from '../../../test/support/accounts.ts'
import { addService, addTeam } from '../../../test/support/fixtures.ts'
import { pdfPages } from '../../../test/support/pdf-text.ts'
import { raiseCase } from '../cases/test-fixtures.ts'
import { deliverQueuedMessages } from '../../platform/notify/deliver.ts'
import { letterSender } from '../../platform/notify/letters.ts'
import type { Sender } from '../../platform/notify/senders.ts'

/** A mail server that refuses everything, as one that is down for good would. */
const refusing: Sender = {
  description: 'refusing',
  send: () => Promise.reject(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })),
  close: async () => {},
}

for (const engine of ENGINES) {
  describe(`staff pages for messages and letters (${engine})`, () => {
    let t: TestApp
    let advisor: TestClient
    let advisorId: number
    let emailCase: { id: number; reference: string }
    let letterCase: { id: number; reference: string }

    const audits = (action: string) =>
      t.database.db.selectFrom('audit_event').selectAll().where('action', '=', action).execute()

    before(async () => {
      t = await testApp(engine)
      const serviceId = (await addService(t.database, t.councilId, await addTeam(t.database, t.councilId))).id
      advisorId = (await addStaff(t.database, t.councilId, ['advisor'])).id
      advisor = await signedInClient(t, { kind: 'staff', id: advisorId })
      const resident = async (payload: Record<string, unknown>) => {
        const response = await t.app.inject({
          method: 'POST',
          url: '/api/v1/residents',
          headers: t.as('advisor'),
          payload: { given_name: 'Sam', family_name: 'Jones', ...payload },
        })
        return (response.json() as { id: number }).id
      }
      emailCase = await raiseCase(t, serviceId, await resident({ emails: ['sam@example.org'] }))
      letterCase = await raiseCase(
        t,
        serviceId,
        await resident({
          preferred_channel: 'letter',
          addresses: [{ address_line_1: '4 Post Road', postcode: 'TE1 4EF' }],
        }),
      )
      for (const id of [emailCase.id, letterCase.id])
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/cases/${id}/status`,
          headers: t.as('caseworker'),
          payload: { status: 'in_progress' },
        })
      await deliverQueuedMessages(
        t.database,
        { email: refusing, letter: letterSender(t.database) },
        { from: 'x@example.org', maxAttempts: 1 },
      )
    })
    after(() => t.close())

    test('a failed message is listed with its codes, on the case page too, and sent again on request', async () => {
      const page = await advisor.get('/staff/messages')
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /<h1 class="govuk-heading-l">Messages not sent<\/h1>/)
      const failed = /<table class="govuk-table" id="failed">([\s\S]*?)<\/table>/.exec(page.body)?.[1] ?? ''
      assert.match(failed, new RegExp(emailCase.reference))
      assert.match(failed, /Status change[\s\S]*Email[\s\S]*Failed[\s\S]*Error ECONNREFUSED/)
      assert.doesNotMatch(page.body, /sam@example\.org/, 'no address on the list')
      assert.equal((await audits('messages.list')).length > 0, true)

      const casePage = await advisor.get(`/staff/cases/${emailCase.reference}`)
      assert.match(casePage.body, /Messages to the resident[\s\S]*Status change[\s\S]*Failed/)

      const id = /action="\/staff\/messages\/(\d+)\/retry"/.exec(failed)![1]!
      const retried = await advisor.submit('/staff/messages', {}, `/staff/messages/${id}/retry`)
      assert.equal(retried.statusCode, 303)
      const after = await advisor.follow(retried)
      assert.match(after.body, /The message will be sent again within a minute/)
      assert.doesNotMatch(after.body, /<table class="govuk-table" id="failed">/, 'no longer among the failed')
      assert.match(after.body, /No message has failed/)
      const row = await t.database.db
        .selectFrom('notification')
        .selectAll()
        .where('id', '=', Number(id))
        .executeTakeFirstOrThrow()
      assert.equal(row.status, 'queued')
      assert.equal(row.attempts, 0)
      assert.equal((await audits('message.retry')).length, 1)

      const again = await advisor.submit('/staff/messages', {}, `/staff/messages/${id}/retry`)
      assert.equal(again.statusCode, 409)
      assert.match(again.body, /govuk-error-summary[\s\S]*That message is not failed any more/)
    })

    test('the day’s letters are downloaded as a PDF and a manifest, then marked printed once', async () => {
      const page = await advisor.get('/staff/letters')
      assert.equal(page.statusCode, 200)
      const batchId = /href="\/staff\/letters\/(\d+)\/letters\.pdf"/.exec(page.body)![1]!
      assert.match(page.body, /govuk-table__cell--numeric">1<\/td>[\s\S]*To print/)
      const pdf = await advisor.get(`/staff/letters/${batchId}/letters.pdf`)
      assert.equal(pdf.headers['content-type'], 'application/pdf')
      const pages = pdfPages(pdf.rawPayload)
      assert.equal(pages.length, 1)
      assert.match(pages[0]!, /Sam Jones\n4 Post Road\nTE1 4EF/)
      const manifest = await advisor.get(`/staff/letters/${batchId}/manifest.csv`)
      assert.match(
        manifest.body,
        new RegExp(
          `^first_page,message_reference,case_reference,template\\r\\n1,frontdoor-\\d+,${letterCase.reference},`,
        ),
      )
      assert.equal((await audits('letters.download')).length, 2)

      const printed = await advisor.submit('/staff/letters', {}, `/staff/letters/${batchId}/printed`)
      assert.equal(printed.statusCode, 303)
      const after = await advisor.follow(printed)
      assert.match(after.body, /The batch is marked printed/)
      assert.match(after.body, /Printed/)
      assert.doesNotMatch(after.body, /letters\.pdf/, 'a printed batch is not offered again')
      assert.equal((await advisor.get(`/staff/letters/${batchId}/letters.pdf`)).statusCode, 404)
      const twice = await advisor.post(`/staff/letters/${batchId}/printed`, {
        _csrf: /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!,
      })
      assert.equal(twice.statusCode, 409)
      assert.match(twice.body, /govuk-error-summary[\s\S]*That batch was marked printed already/)
      assert.equal((await audits('letters.printed')).length, 1)
    })

    test('staff without the permission, and residents, are refused', async () => {
      const dpo = await signedInClient(t, { kind: 'staff', id: (await addStaff(t.database, t.councilId, ['dpo'])).id })
      for (const url of ['/staff/messages', '/staff/letters']) assert.equal((await dpo.get(url)).statusCode, 403)
    })
  })
}
