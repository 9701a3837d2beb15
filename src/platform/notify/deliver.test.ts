// The outbox worker on both engines: each message sent once however many workers run, marked
// sent with its link wiped, retried and then given up on, and never a person's address in the
// error it keeps. Mail goes through the real mailers: .eml files, and SMTP to a small server
// started inside the test (or to a port nothing listens on).
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import type { AddressInfo, Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ENGINES, testDatabase } from '../../../test/support/databases.ts'
import type { TestDatabase } from '../../../test/support/databases.ts'
import { createTestCouncil } from '../../../test/support/app.ts'
import { nowIso } from '../db/database.ts'
import { sql } from 'kysely'
import { queueEmail } from './outbox.ts'
import type { EmailTemplate } from './outbox.ts'
import { deliverQueuedEmails, safeFailure, startDeliveryWorker } from './deliver.ts'
import { fileMailer, smtpMailer } from './mailers.ts'

const FROM = 'Frontdoor <no-reply@example.gov.uk>'

/**
 * Just enough of an SMTP server to accept messages and keep what it was sent. `dataReply`, when
 * given, holds back the answer to each message until it settles, and is the answer given.
 */
async function smtpServer(
  dataReply?: Promise<string>,
): Promise<{ url: string; messages: string[]; close(): Promise<void> }> {
  const messages: string[] = []
  const server: Server = createServer((socket) => {
    let data: string | undefined
    let buffer = ''
    socket.write('220 test.invalid ESMTP\r\n')
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8')
      let end: number
      while ((end = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        if (data !== undefined) {
          if (line === '.') {
            messages.push(data)
            data = undefined
            if (dataReply) void dataReply.then((reply) => socket.write(`${reply}\r\n`))
            else socket.write('250 2.0.0 queued as TEST1\r\n')
          } else data += line + '\n'
          continue
        }
        const verb = line.slice(0, 4).toUpperCase()
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250 test.invalid\r\n')
        else if (verb === 'DATA') {
          data = ''
          socket.write('354 go ahead\r\n')
        } else if (verb === 'QUIT') socket.end('221 bye\r\n')
        else socket.write('250 OK\r\n')
      }
    })
    socket.on('error', () => {})
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

/** A port with nothing listening: connections to it are refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

for (const engine of ENGINES) {
  describe(`outbox delivery (${engine})`, () => {
    let database: TestDatabase
    let councilId: number
    let dir: string

    before(async () => {
      database = await testDatabase(engine)
      councilId = await createTestCouncil(database)
      dir = mkdtempSync(join(tmpdir(), 'frontdoor-deliver-'))
    })
    after(async () => {
      await database.close()
      rmSync(dir, { recursive: true, force: true })
    })

    const queue = (
      to: string,
      link = `https://contact.example.gov.uk/account/verify/${Math.random().toString(36).slice(2)}`,
      template: EmailTemplate = 'verify-email',
    ) =>
      queueEmail(database.db, {
        councilId,
        template,
        to,
        personalisation: { councilName: 'Test District Council', link },
      })

    const row = (id: number) =>
      database.db.selectFrom('notification').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

    test('a queued email is sent, marked sent with the time, and its link wiped from the table', async () => {
      const link = 'https://contact.example.gov.uk/account/verify/only-in-the-inbox'
      const id = await queue('kim@example.org', link)
      const folder = join(dir, 'one')
      const report = await deliverQueuedEmails(database, fileMailer(folder), { from: FROM })
      assert.deepEqual(report, { sent: 1, retrying: 0, failed: 0 })
      const sent = await row(id)
      assert.equal(sent.status, 'sent')
      assert.ok(sent.sent_at && Date.now() - new Date(sent.sent_at).getTime() < 60_000)
      assert.equal(sent.attempts, 1)
      assert.match(String(sent.provider_reference), /@frontdoor\.outbox>$/)
      assert.deepEqual(JSON.parse(sent.personalisation), { councilName: 'Test District Council' })
      const files = readdirSync(folder)
      assert.equal(files.length, 1)
      const eml = readFileSync(join(folder, files[0]!), 'utf8')
      assert.match(eml, /^To: kim@example\.org\r$/m)
      assert.match(eml, /^Subject: Confirm your email address for Test District Council\r$/m)
      assert.ok(eml.includes(link))
      assert.deepEqual(
        await deliverQueuedEmails(database, fileMailer(folder), { from: FROM }),
        { sent: 0, retrying: 0, failed: 0 },
        'nothing is sent twice',
      )
    })

    test('two workers running at once send every message exactly once', async () => {
      const ids = await Promise.all(Array.from({ length: 12 }, (_, i) => queue(`person${i}@example.org`)))
      const [a, b] = [join(dir, 'worker-a'), join(dir, 'worker-b')]
      // Open the pool's connections first, so on PostgreSQL both workers really do run side by side.
      await Promise.all(Array.from({ length: 4 }, () => sql`select 1`.execute(database.db)))
      const reports = await Promise.all([
        deliverQueuedEmails(database, fileMailer(a), { from: FROM }),
        deliverQueuedEmails(database, fileMailer(b), { from: FROM }),
      ])
      assert.equal(reports[0].sent + reports[1].sent, 12)
      const files = [a, b].flatMap((folder) => {
        try {
          return readdirSync(folder)
        } catch {
          return []
        }
      })
      const sentIds = files.map((name) => Number(/-(\d+)\.eml$/.exec(name)?.[1]))
      assert.deepEqual(
        [...sentIds].sort((x, y) => x - y),
        [...ids].sort((x, y) => x - y),
      )
      for (const id of ids) {
        const message = await row(id)
        assert.equal(message.status, 'sent')
        assert.equal(message.attempts, 1, 'claimed by one worker only')
      }
    })

    test('a mail server that cannot be reached: tried again, then failed for good, keeping no address', async () => {
      const id = await queue('unreachable.person@example.org')
      const mailer = smtpMailer(`smtp://127.0.0.1:${await closedPort()}`)
      const first = await deliverQueuedEmails(database, mailer, { from: FROM, maxAttempts: 2 })
      assert.deepEqual(first, { sent: 0, retrying: 1, failed: 0 })
      const waiting = await row(id)
      assert.equal(waiting.status, 'queued')
      assert.equal(waiting.attempts, 1)
      assert.ok(waiting.last_error, 'the failure is recorded')
      assert.ok(JSON.parse(waiting.personalisation).link, 'the link is kept while it may still be sent')

      assert.equal(
        (await deliverQueuedEmails(database, mailer, { from: FROM, maxAttempts: 2 })).retrying,
        0,
        'not tried again before its back-off has passed',
      )
      // The first failure waits a minute before the next try.
      const later = () => new Date(Date.now() + 61_000)
      const second = await deliverQueuedEmails(database, mailer, { from: FROM, maxAttempts: 2, now: later })
      assert.deepEqual(second, { sent: 0, retrying: 0, failed: 1 })
      const failed = await row(id)
      assert.equal(failed.status, 'failed')
      assert.equal(failed.attempts, 2)
      assert.equal(failed.sent_at, null)
      assert.match(String(failed.last_error), /^Error E[A-Z]+/)
      assert.doesNotMatch(String(failed.last_error), /unreachable|example\.org/)
      assert.equal(
        JSON.parse(failed.personalisation).link,
        undefined,
        'a message that will never be sent keeps no link',
      )
      await mailer.close()
    })

    test('a message whose template cannot be written fails at once, naming the template only', async () => {
      const inserted = await database.db
        .insertInto('notification')
        .values({
          council_id: councilId,
          resident_id: null,
          case_id: null,
          channel: 'email',
          template: 'newsletter',
          recipient: 'x@example.org',
          personalisation: '{}',
          status: 'queued',
          provider_reference: null,
          attempts: 0,
          last_error: null,
          created_at: nowIso(),
          sent_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      const report = await deliverQueuedEmails(database, fileMailer(join(dir, 'never')), { from: FROM })
      assert.equal(report.failed, 1)
      const failed = await row(inserted.id)
      assert.equal(failed.status, 'failed')
      assert.equal(failed.last_error, 'unknown template newsletter')
    })

    test('over SMTP the message reaches the server with its subject and link, and the server reference is kept', async () => {
      const server = await smtpServer()
      try {
        const link = 'https://contact.example.gov.uk/account/reset-password/smtp-test-token'
        const id = await queue('sam@example.org', link, 'reset-password')
        const mailer = smtpMailer(server.url)
        assert.deepEqual(await deliverQueuedEmails(database, mailer, { from: FROM }), {
          sent: 1,
          retrying: 0,
          failed: 0,
        })
        await mailer.close()
        assert.equal(server.messages.length, 1)
        const message = server.messages[0]!
        assert.match(message, /^To: sam@example\.org$/m)
        assert.match(message, /^Subject: Reset your Test District Council account password$/m)
        // Quoted-printable may fold the long link: unfold before looking for it.
        assert.ok(message.replace(/=\n/g, '').includes(link))
        assert.match(String((await row(id)).provider_reference), /^<.+>$/)
      } finally {
        await server.close()
      }
    })

    /** A message a worker claimed `minutesAgo` and never finished, after `attempts` tries. */
    const stuck = async (to: string, minutesAgo: number, attempts = 1) => {
      const id = await queue(to)
      const claimedAt = new Date(Date.now() - minutesAgo * 60_000).toISOString()
      await database.db
        .updateTable('notification')
        .set({ status: 'sending', attempts, claimed_at: claimedAt })
        .where('id', '=', id)
        .execute()
      return id
    }
    const filesIn = (folder: string) => {
      try {
        return readdirSync(folder)
      } catch {
        return []
      }
    }

    test('a message left sending by a worker that stopped is sent by the next round after ten minutes, not before', async () => {
      const abandoned = await stuck('abandoned@example.org', 11)
      const recent = await stuck('in-flight@example.org', 2)
      const folder = join(dir, 'reclaim')
      const before = Date.now()
      await deliverQueuedEmails(database, fileMailer(folder), { from: FROM })
      const sent = await row(abandoned)
      assert.equal(sent.status, 'sent')
      assert.equal(sent.attempts, 2, 'taking it up again counts as an attempt')
      assert.ok(sent.claimed_at && new Date(sent.claimed_at).getTime() >= before - 1000, 'claimed afresh')
      assert.deepEqual(
        filesIn(folder).map((name) => Number(/-(\d+)\.eml$/.exec(name)?.[1])),
        [abandoned],
      )
      const left = await row(recent)
      assert.equal(left.status, 'sending', 'a message claimed two minutes ago may still be on its way')
      assert.equal(left.attempts, 1)
    })

    test('a message whose worker stopped on its last attempt fails for good, unsent and without its link', async () => {
      const id = await stuck('unlucky@example.org', 30, 5)
      const folder = join(dir, 'last-attempt')
      await deliverQueuedEmails(database, fileMailer(folder), { from: FROM, maxAttempts: 5 })
      const failed = await row(id)
      assert.equal(failed.status, 'failed')
      assert.equal(failed.attempts, 6)
      assert.match(String(failed.last_error), /stopped part way/)
      assert.equal(JSON.parse(failed.personalisation).link, undefined)
      assert.deepEqual(filesIn(folder), [])
    })

    test('a worker overtaken while it waited on the mail server cannot undo what the newer one recorded', async () => {
      let answer: (reply: string) => void = () => {}
      const server = await smtpServer(new Promise<string>((resolve) => (answer = resolve)))
      try {
        const id = await queue('slow-server@example.org')
        const slow = smtpMailer(server.url)
        const slowRound = deliverQueuedEmails(database, slow, { from: FROM })
        const deadline = Date.now() + 5_000
        while (server.messages.length === 0 && Date.now() < deadline)
          await new Promise((resolve) => setTimeout(resolve, 10))
        assert.equal(server.messages.length, 1, 'the slow worker has handed the message over')
        // Eleven minutes pass with no answer: another worker takes the message up and sends it.
        await database.db
          .updateTable('notification')
          .set({ claimed_at: new Date(Date.now() - 11 * 60_000).toISOString() })
          .where('id', '=', id)
          .execute()
        await deliverQueuedEmails(database, fileMailer(join(dir, 'overtaking')), { from: FROM })
        assert.equal((await row(id)).status, 'sent')
        answer('451 4.3.0 try again later')
        assert.deepEqual(await slowRound, { sent: 0, retrying: 1, failed: 0 })
        await slow.close()
        const after = await row(id)
        assert.equal(after.status, 'sent', 'not put back in the queue to be sent a third time')
        assert.equal(after.last_error, null)
      } finally {
        await server.close()
      }
    })

    test('the worker sends on its timer and stops cleanly', async () => {
      const id = await queue('timer@example.org')
      const folder = join(dir, 'timer')
      const worker = startDeliveryWorker(database, fileMailer(folder), { from: FROM, everyMs: 20 })
      const deadline = Date.now() + 5_000
      while ((await row(id)).status !== 'sent' && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 20))
      await worker.stop()
      assert.equal((await row(id)).status, 'sent')
      const later = await queue('after-stop@example.org')
      await new Promise((resolve) => setTimeout(resolve, 100))
      assert.equal((await row(later)).status, 'queued', 'a stopped worker sends nothing more')
    })
  })
}

test('a failure is described by codes only, never by the server’s words', () => {
  const error = Object.assign(new Error('550 5.1.1 <bob@example.org>: Recipient address rejected'), {
    code: 'EENVELOPE',
    command: 'RCPT TO',
    responseCode: 550,
  })
  assert.equal(safeFailure(error), 'Error EENVELOPE RCPT TO 550')
  assert.equal(safeFailure('a string'), 'Error')
})
