// GOV.UK Notify through its real client against a stand-in speaking Notify's documented API: what
// the client sends, what each refusal does to the message, and a message whose worker stopped
// part way is recognised by its reference instead of being sent twice.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES, testDatabase } from '../../../test/support/databases.ts'
import type { TestDatabase } from '../../../test/support/databases.ts'
import { createTestCouncil } from '../../../test/support/app.ts'
import { EMAIL_TEMPLATE, NOTIFY_KEY, SMS_TEMPLATE, notifyStandIn } from '../../../test/support/notify-stand-in.ts'
import { loadConfig } from '../../config.ts'
import { queueMessage } from './outbox.ts'
import { deliverQueuedMessages } from './deliver.ts'
import { notifySender } from './notify-sender.ts'

const FROM = 'Frontdoor <no-reply@example.gov.uk>'
const FIELDS = { councilName: 'Test District Council', reference: 'FD-2026-000042', serviceName: 'Missed bin' }

for (const engine of ENGINES) {
  describe(`GOV.UK Notify (${engine})`, () => {
    let database: TestDatabase
    let councilId: number
    let notify: Awaited<ReturnType<typeof notifyStandIn>>
    let senders: ReturnType<typeof sendersFor>

    const sendersFor = (url: string) => {
      const config = {
        apiKey: NOTIFY_KEY,
        baseUrl: url,
        emailTemplateId: EMAIL_TEMPLATE,
        smsTemplateId: SMS_TEMPLATE,
      }
      return { email: notifySender(config, 'email'), sms: notifySender(config, 'sms') }
    }

    before(async () => {
      database = await testDatabase(engine)
      councilId = await createTestCouncil(database)
      notify = await notifyStandIn()
      senders = sendersFor(notify.url)
    })
    after(async () => {
      await notify.close()
      await database.close()
    })

    const queue = (channel: 'email' | 'sms', to: string, template = 'case-status-changed') =>
      queueMessage(database.db, {
        councilId,
        residentId: null,
        caseId: null,
        channel,
        template,
        to,
        personalisation: { ...FIELDS, status: 'in_progress' },
      })
    const row = (id: number) =>
      database.db.selectFrom('notification').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    const deliver = (minutesLater = 0) =>
      deliverQueuedMessages(database, senders, {
        from: FROM,
        publicUrl: 'https://contact.example.gov.uk',
        now: () => new Date(Date.now() + minutesLater * 60_000),
      })

    test('an email goes to POST /v2/notifications/email with our template, the words and our reference', async () => {
      const before = notify.received.length
      const id = await queue('email', 'sam@example.org')
      assert.deepEqual(await deliver(), { sent: 1, retrying: 0, failed: 0 })
      const request = notify.received[before]!
      assert.equal(request.path, '/v2/notifications/email')
      assert.equal(request.body.email_address, 'sam@example.org')
      assert.equal(request.body.template_id, EMAIL_TEMPLATE)
      assert.equal(request.body.reference, `frontdoor-${id}`)
      const personalisation = request.body.personalisation as Record<string, string>
      assert.equal(personalisation.subject, 'Your request FD-2026-000042 has been updated')
      assert.match(personalisation.body!, /FD-2026-000042 about Missed bin is now being worked on/)
      const sent = await row(id)
      assert.equal(sent.status, 'sent')
      assert.equal(sent.provider_reference, notify.stored.at(-1)!.id, "Notify's id is kept")
    })

    test('a text message goes to POST /v2/notifications/sms, one short line signed by the council', async () => {
      const before = notify.received.length
      await queue('sms', '07700900123')
      assert.equal((await deliver()).sent, 1)
      const request = notify.received[before]!
      assert.equal(request.path, '/v2/notifications/sms')
      assert.equal(request.body.phone_number, '07700900123')
      assert.equal(request.body.template_id, SMS_TEMPLATE)
      const text = (request.body.personalisation as Record<string, string>).body!
      assert.match(text, /^Test District Council: Your request FD-2026-000042/)
      assert.doesNotMatch(text, /\n/)
    })

    test('400: refused as it stands, failed at once with no number in the record', async () => {
      notify.failWith(400)
      const id = await queue('sms', '07700900999')
      assert.deepEqual(await deliver(), { sent: 0, retrying: 0, failed: 1 })
      const failed = await row(id)
      assert.equal(failed.status, 'failed')
      assert.match(String(failed.last_error), /400 BadRequestError/)
      assert.doesNotMatch(String(failed.last_error), /07700900999|recipient/)
    })

    for (const status of [403, 429, 500]) {
      test(`${status}: waits for the back-off, then goes`, async () => {
        notify.failWith(status)
        const id = await queue('email', 'pat@example.org')
        assert.deepEqual(await deliver(), { sent: 0, retrying: 1, failed: 0 })
        const waiting = await row(id)
        assert.equal(waiting.status, 'queued')
        assert.match(String(waiting.last_error), new RegExp(`NotifyError ${status}`))
        const wait = new Date(String(waiting.next_attempt_at)).getTime() - Date.now()
        assert.ok(wait > 50_000 && wait <= 61_000, 'a minute after the first failure')
        assert.equal((await deliver()).sent, 0, 'not before the minute is up')
        assert.equal((await deliver(2)).sent, 1)
        assert.equal((await row(id)).status, 'sent')
      })
    }

    test('a key that is not the service’s is refused with 403 and the message waits', async () => {
      const wrong = notifySender(
        {
          apiKey: NOTIFY_KEY.replace(/.{12}$/, '000000000000'),
          baseUrl: notify.url,
          emailTemplateId: EMAIL_TEMPLATE,
          smsTemplateId: SMS_TEMPLATE,
        },
        'email',
      )
      const id = await queue('email', 'kim@example.org')
      const report = await deliverQueuedMessages(database, { email: wrong }, { from: FROM })
      assert.deepEqual(report, { sent: 0, retrying: 1, failed: 0 })
      assert.match(String((await row(id)).last_error), /NotifyError 403 AuthError/)
      assert.equal((await deliver(2)).sent, 1, 'sent once the right key is used')
    })

    test('stopped mid-send after Notify took it: the next worker finds it by reference and does not send again', async () => {
      const id = await queue('email', 'lee@example.org')
      // The first worker claims and sends, then stops before it can record the send.
      await deliver()
      const posts = notify.received.length
      await database.db
        .updateTable('notification')
        .set({
          status: 'sending',
          provider_reference: null,
          claimed_at: new Date(Date.now() - 11 * 60_000).toISOString(),
        })
        .where('id', '=', id)
        .execute()
      assert.equal((await deliver()).sent, 1)
      assert.equal(notify.received.length, posts, 'no second POST')
      const sent = await row(id)
      assert.equal(sent.status, 'sent')
      assert.equal(sent.attempts, 2)
      assert.equal(notify.stored.filter((n) => n.reference === `frontdoor-${id}`).length, 1, 'Notify holds it once')
    })

    test('a failed message sent again by staff is not sent twice if Notify had it after all', async () => {
      const id = await queue('email', 'ola@example.org')
      await deliver()
      const posts = notify.received.length
      // Recorded as failed although Notify took it (the answer was lost on the way back).
      await database.db
        .updateTable('notification')
        .set({ status: 'queued', attempts: 0, last_error: 'NotifyError 500', provider_reference: null })
        .where('id', '=', id)
        .execute()
      assert.equal((await deliver()).sent, 1)
      assert.equal(notify.received.length, posts, 'no second POST')
    })

    test('stopped mid-send before Notify took it: sent once by the next worker', async () => {
      const id = await queue('email', 'max@example.org')
      await database.db
        .updateTable('notification')
        .set({ status: 'sending', attempts: 1, claimed_at: new Date(Date.now() - 11 * 60_000).toISOString() })
        .where('id', '=', id)
        .execute()
      assert.equal((await deliver()).sent, 1)
      assert.equal(notify.stored.filter((n) => n.reference === `frontdoor-${id}`).length, 1)
    })
  })
}

describe('Notify settings', () => {
  const env = { NODE_ENV: 'test', DATA_DIR: '/tmp/frontdoor-notify-config' }
  test('a well-formed key and template ids are read', () => {
    const config = loadConfig({
      ...env,
      NOTIFY_API_KEY: NOTIFY_KEY,
      NOTIFY_EMAIL_TEMPLATE_ID: EMAIL_TEMPLATE,
      NOTIFY_SMS_TEMPLATE_ID: SMS_TEMPLATE,
    })
    assert.equal(config.notify?.apiKey, NOTIFY_KEY)
    assert.equal(config.notify?.baseUrl, 'https://api.notifications.service.gov.uk')
  })
  test('a malformed key stops the start, naming the variable and not the key', () => {
    assert.throws(
      () => loadConfig({ ...env, NOTIFY_API_KEY: 'not-a-key-at-all', NOTIFY_EMAIL_TEMPLATE_ID: EMAIL_TEMPLATE }),
      (error: Error) => /^NOTIFY_API_KEY: /.test(error.message) && !error.message.includes('not-a-key'),
    )
  })
  test('a key without its template ids stops the start', () => {
    assert.throws(() => loadConfig({ ...env, NOTIFY_API_KEY: NOTIFY_KEY }), /NOTIFY_EMAIL_TEMPLATE_ID: is required/)
  })
  test('without a key there is no Notify', () => {
    assert.equal(loadConfig(env).notify, undefined)
  })
})
