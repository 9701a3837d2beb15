import { after, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { emlFile, fileMailer, mailerFor, outboxFolder } from './mailers.ts'

const LINK = 'http://localhost:3000/account/verify/' + 'A'.repeat(43)
const EMAIL = {
  notificationId: 7,
  from: 'Frontdoor <no-reply@example.gov.uk>',
  to: 'sam@example.org',
  subject: 'Confirm your email address',
  text: `Open this link:\n${LINK}\n\nThanks\n`,
}

describe('the file mailer', () => {
  const dir = mkdtempSync(join(tmpdir(), 'frontdoor-outbox-'))
  after(() => rmSync(dir, { recursive: true, force: true }))

  test('writes each message as an .eml file only the server can read, with the link unbroken', async () => {
    const folder = join(dir, 'outbox')
    const mailer = fileMailer(folder)
    const reference = await mailer.send(EMAIL)
    const files = readdirSync(folder)
    assert.equal(files.length, 1)
    assert.match(files[0]!, /-7\.eml$/)
    const path = join(folder, files[0]!)
    assert.equal(statSync(path).mode & 0o777, 0o600)
    const text = readFileSync(path, 'utf8')
    const [head, body] = text.split('\r\n\r\n')
    assert.match(
      head!,
      /^From: Frontdoor <no-reply@example\.gov\.uk>\r\nTo: sam@example\.org\r\nSubject: Confirm your email address\r\n/,
    )
    assert.match(head!, /Content-Transfer-Encoding: 8bit/)
    assert.ok(head!.includes(`Message-ID: ${reference}`))
    assert.ok(body!.split('\r\n').includes(LINK), 'the link is on one line, as typed')
  })

  test('a line break in a subject or address cannot add a header', () => {
    const text = emlFile(
      { ...EMAIL, subject: 'Hello\r\nBcc: everyone@example.org', to: 'sam@example.org\nCc: x@example.org' },
      '<1@x>',
    )
    const head = text.split('\r\n\r\n')[0]!
    assert.doesNotMatch(head, /^(Bcc|Cc):/m)
    assert.match(head, /^Subject: Hello Bcc: everyone@example\.org$/m)
  })

  test('a subject with accents is encoded as MIME words', () => {
    const head = emlFile({ ...EMAIL, subject: 'Cyngor Sir Ynys Môn' }, '<1@x>').split('\r\n\r\n')[0]!
    assert.match(head, /^Subject: Cyngor Sir Ynys =\?UTF-8\?Q\?M=C3=B4n\?=$/m)
  })

  test('without SMTP_URL mail goes to DATA_DIR/outbox; with it, to SMTP', () => {
    assert.equal(
      mailerFor({ smtpUrl: undefined, dataDir: dir }).description,
      `files in ${outboxFolder({ dataDir: dir })}`,
    )
    assert.equal(outboxFolder({ dataDir: dir }), join(dir, 'outbox'))
    assert.equal(mailerFor({ smtpUrl: 'smtp://127.0.0.1:2525', dataDir: dir }).description, 'SMTP')
  })
})
