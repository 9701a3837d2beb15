// Messages go where the resident asked: through the desk's API as staff work a case, on both
// engines, with the outbox worker delivering to a real SMTP server (smtp-server, read back with
// mailparser) and to the day's print batch (read back from the PDF).
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES } from '../../../test/support/databases.ts'
import { testApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { addService, addTeam } from '../../../test/support/fixtures.ts'
import { pdfPages } from '../../../test/support/pdf-text.ts'
import { smtpServer } from '../../../test/support/smtp.ts'
import type { TestSmtpServer } from '../../../test/support/smtp.ts'
import { raiseCase } from '../cases/test-fixtures.ts'
import { deliverQueuedMessages } from '../../platform/notify/deliver.ts'
import { smtpMailer } from '../../platform/notify/mailers.ts'
import { mailerSender } from '../../platform/notify/senders.ts'
import { letterSender } from '../../platform/notify/letters.ts'
import { downloadLetterBatch, letterBatches, markLettersPrinted, queueRequestConfirmation } from './service.ts'

const PUBLIC_URL = 'https://contact.example.gov.uk'

type ResidentInput = Record<string, unknown>

for (const engine of ENGINES) {
  describe(`messages go where the resident asked (${engine})`, () => {
    let t: TestApp
    let serviceId: number
    let smtp: TestSmtpServer
    let day = new Date('2026-12-03T10:00:00Z')
    const staff = { kind: 'staff' as const, id: null, label: 'test', councilId: 0 }

    before(async () => {
      t = await testApp(engine)
      staff.councilId = t.councilId
      serviceId = (await addService(t.database, t.councilId, await addTeam(t.database, t.councilId))).id
      smtp = await smtpServer()
      await t.database.db
        .updateTable('council')
        .set({
          settings: JSON.stringify({
            branding: { phone: '01632 960 000', address: ['Town Hall', 'Testford', 'TE1 1ST'] },
          }),
        })
        .where('id', '=', t.councilId)
        .execute()
    })
    after(async () => {
      await smtp.close()
      await t.close()
    })

    const resident = async (input: ResidentInput): Promise<number> => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/residents',
        headers: t.as('advisor'),
        payload: { given_name: 'Gwen', family_name: 'Jones', ...input },
      })
      assert.equal(response.statusCode, 201, response.body)
      return (response.json() as { id: number }).id
    }
    const status = async (caseId: number, payload: Record<string, unknown>) => {
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/v1/cases/${caseId}/status`,
        headers: t.as('caseworker'),
        payload,
      })
      assert.equal(response.statusCode, 200, response.body)
    }
    const note = async (caseId: number, body: string, visibility: 'public' | 'internal') => {
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/v1/cases/${caseId}/notes`,
        headers: t.as('caseworker'),
        payload: { body, visibility },
      })
      assert.equal(response.statusCode, 201, response.body)
    }
    const messagesOf = (caseId: number) =>
      t.database.db.selectFrom('notification').selectAll().where('case_id', '=', caseId).orderBy('id').execute()
    const deliver = async () => {
      const mailer = smtpMailer(smtp.url)
      const report = await deliverQueuedMessages(
        t.database,
        { email: mailerSender(mailer), letter: letterSender(t.database, () => day) },
        { from: 'Test District Council <no-reply@example.gov.uk>', publicUrl: PUBLIC_URL },
      )
      await mailer.close()
      return report
    }

    test('an email resident hears of each public change by email, read back from the SMTP server, with no answers or address', async () => {
      const id = await resident({
        emails: ['gwen@example.org'],
        preferred_channel: 'email',
        addresses: [{ address_line_1: '1 High Street', postcode: 'TE1 2AB' }],
      })
      const raised = await raiseCase(t, serviceId, id)
      await status(raised.id, { status: 'in_progress', note: 'internal: spoke to the crew' })
      await note(raised.id, 'The crew will come back on Friday.', 'public')
      await note(raised.id, 'Crew manager is off sick', 'internal')
      const before = smtp.received.length
      assert.deepEqual(await deliver(), { sent: 2, retrying: 0, failed: 0 })
      const [changed, noted] = smtp.received.slice(before)
      assert.equal(changed!.subject, `Your request ${raised.reference} has been updated`)
      assert.equal((changed!.to as { text: string }).text, 'gwen@example.org')
      assert.match(changed!.text!, new RegExp(`${raised.reference} about Report a missed bin is now being worked on`))
      assert.match(noted!.text!, /The crew will come back on Friday\./)
      for (const mail of [changed!, noted!]) {
        assert.doesNotMatch(
          mail.text!,
          /High Street|TE1 2AB|blue|AB1 2CD|internal|sick/,
          'no address, answers or internal notes',
        )
      }
      const rows = await messagesOf(raised.id)
      assert.equal(rows.length, 2, 'the internal note sends nothing')
      assert.equal(JSON.parse(rows[1]!.personalisation).note, undefined, 'the note is wiped once sent')
    })

    test('resolving asks the resident to rate the service', async () => {
      const id = await resident({ emails: ['rate@example.org'] })
      const raised = await raiseCase(t, serviceId, id)
      await status(raised.id, { status: 'in_progress' })
      await status(raised.id, { status: 'resolved', resolution: 'Bin emptied on Friday' })
      const before = smtp.received.length
      await deliver()
      const mails = smtp.received.slice(before).filter((mail) => mail.text!.includes(raised.reference))
      assert.equal(mails.length, 3)
      assert.match(mails[1]!.text!, /is now resolved[\s\S]*What we did: Bin emptied on Friday/)
      assert.equal(mails[2]!.subject, `Tell us how we did with ${raised.reference}`)
      assert.match(mails[2]!.text!, /\/rate\?reference=FD-/)
    })

    test('a Welsh speaker gets their email in Welsh', async () => {
      const id = await resident({ emails: ['cymraeg@example.org'], language: 'cy' })
      const raised = await raiseCase(t, serviceId, id)
      await status(raised.id, { status: 'in_progress' })
      const before = smtp.received.length
      await deliver()
      const mail = smtp.received.slice(before).find((m) => m.text!.includes(raised.reference))!
      assert.equal(mail.subject, `Mae eich cais ${raised.reference} wedi cael ei ddiweddaru`)
      assert.match(mail.text!, /yn cael ei drin nawr|yn cael sylw/)
      assert.doesNotMatch(mail.text!, /Your request|being worked on/)
    })

    test('a resident who chose letters gets a letter in the day’s print batch instead of an email', async () => {
      const id = await resident({
        emails: ['letters@example.org'],
        preferred_channel: 'letter',
        addresses: [{ address_line_1: '2 Heol y Dŵr', town: 'Tŷ Gwyn', postcode: 'CF10 1AA' }],
      })
      const raised = await raiseCase(t, serviceId, id)
      await status(raised.id, { status: 'in_progress' })
      await note(raised.id, 'We will come on Friday.', 'public')
      const mails = smtp.received.length
      await deliver()
      assert.equal(smtp.received.length, mails, 'no email')
      const batch = (await letterBatches(t.database, t.councilId)).find((b) => b.day === '2026-12-03')!
      assert.equal(batch.letters, 2)
      const printed = await downloadLetterBatch(t.database, staff, t.councilId, batch.id, PUBLIC_URL)
      const pages = pdfPages(printed!.pdf)
      assert.equal(pages.length, 2, 'one page per letter')
      assert.match(pages[0]!, /Test District Council\nTown Hall\nTestford\nTE1 1ST\n01632 960 000/)
      assert.match(pages[0]!, /Gwen Jones\n2 Heol y Dŵr\nTŷ Gwyn\nCF10 1AA/)
      assert.match(pages[0]!, /3 December 2026/)
      assert.match(pages[0]!, new RegExp(`${raised.reference} about Report a missed bin is now being worked on`))
      assert.match(pages[1]!, /We will come on Friday\./)
      assert.doesNotMatch(
        pages.join('\n'),
        /letters@example\.org|blue|AB1 2CD/,
        'a letter needs the address and nothing more',
      )
      assert.match(
        printed!.manifest,
        new RegExp(
          `^first_page,message_reference,case_reference,template\\r\\n1,frontdoor-\\d+,${raised.reference},case-status-changed\\r\\n2,`,
        ),
      )
    })

    test('letters of another day go in that day’s batch; a printed batch is wiped and takes no more', async () => {
      day = new Date('2026-12-04T09:00:00Z')
      const id = await resident({
        preferred_channel: 'letter',
        addresses: [{ address_line_1: '3 Mill Lane', postcode: 'TE1 3CD' }],
      })
      const raised = await raiseCase(t, serviceId, id)
      await status(raised.id, { status: 'in_progress' })
      await deliver()
      const batches = await letterBatches(t.database, t.councilId)
      const fourth = batches.find((b) => b.day === '2026-12-04')!
      assert.equal(fourth.letters, 1)
      assert.ok(await markLettersPrinted(t.database, staff, t.councilId, fourth.id))
      assert.equal(await markLettersPrinted(t.database, staff, t.councilId, fourth.id), false, 'once only')
      const [letter] = await messagesOf(raised.id)
      assert.equal(letter!.recipient, '', 'the address is wiped once printed')
      assert.equal(await downloadLetterBatch(t.database, staff, t.councilId, fourth.id, PUBLIC_URL), undefined)
      await note(raised.id, 'Another word.', 'public')
      await deliver()
      const later = (await letterBatches(t.database, t.councilId)).find((b) => b.day === '2026-12-05')
      assert.equal(later?.letters, 1, 'the printed day’s late letter waits for the next batch')
      const late = await downloadLetterBatch(t.database, staff, t.councilId, later!.id, PUBLIC_URL)
      assert.match(pdfPages(late!.pdf)[0]!, /5 December 2026/, 'dated the day its batch is printed')
    })

    test('a resident who asked to be phoned gets a call back task on the advisors’ list', async () => {
      const id = await resident({
        phones: ['01632 960 123'],
        emails: ['phone@example.org'],
        preferred_channel: 'phone',
      })
      const raised = await raiseCase(t, serviceId, id)
      await status(raised.id, { status: 'in_progress' })
      const [message] = await messagesOf(raised.id)
      assert.equal(message!.channel, 'phone')
      assert.equal(message!.status, 'sent')
      const task = await t.database.db
        .selectFrom('callback')
        .selectAll()
        .where('resident_id', '=', id)
        .executeTakeFirstOrThrow()
      assert.equal(task.status, 'requested')
      assert.equal(task.phone, '01632 960 123')
      assert.equal(task.name, 'Gwen Jones', 'on the advisors’ call back list by name')
      assert.ok(task.window_start < task.window_end)
      assert.match(String(task.reason), new RegExp(raised.reference))
      assert.equal(message!.provider_reference, `call back ${task.id}`)
    })

    test('no way to reach them as they asked, or no resident: nothing is sent, and the change still happens', async () => {
      const textWithoutMobile = await resident({ phones: ['01632 960 555'], preferred_channel: 'sms' })
      const nothingAtAll = await resident({})
      for (const residentId of [textWithoutMobile, nothingAtAll, null]) {
        const raised = await raiseCase(t, serviceId, residentId)
        await status(raised.id, { status: 'in_progress' })
        assert.deepEqual(await messagesOf(raised.id), [])
      }
    })

    test('the request confirmation is queued in the caller’s transaction, by text for a mobile', async () => {
      const id = await resident({ phones: ['07700 900 123'], preferred_channel: 'sms' })
      const raised = await raiseCase(t, serviceId, id)
      await t.database.db
        .transaction()
        .execute((trx) => queueRequestConfirmation(trx, { councilId: t.councilId, caseId: raised.id }))
      const [message] = await messagesOf(raised.id)
      assert.equal(message!.channel, 'sms')
      assert.equal(message!.template, 'request-confirmation')
      assert.equal(message!.recipient, '07700 900 123')
      await assert.rejects(
        t.database.db.transaction().execute(async (trx) => {
          await queueRequestConfirmation(trx, { councilId: t.councilId, caseId: raised.id })
          throw new Error('the request failed')
        }),
      )
      assert.equal((await messagesOf(raised.id)).length, 1, 'a request undone sends nothing')
    })
  })
}
