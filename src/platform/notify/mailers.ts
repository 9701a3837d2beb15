// Where emails go: an SMTP server when SMTP_URL is set, otherwise a folder of .eml files under
// DATA_DIR/outbox. The folder is for development and demonstrations: a person can open the
// message (any mail program opens .eml files, and they read as plain text too) and follow the
// link in it without a mail server.
import { randomBytes } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import nodemailer from 'nodemailer'
import mimeFuncs from 'nodemailer/lib/mime-funcs/index.js'
import type { Config } from '../../config.ts'

export type OutgoingEmail = {
  /** The notification row it comes from: names the file, and identifies the message in SMTP logs. */
  notificationId: number
  from: string
  to: string
  subject: string
  text: string
}

export type Mailer = {
  /** What the message was sent through, for operators (never contains an address). */
  readonly description: string
  /** Sends one message; resolves with the provider's reference for it, when it gives one. */
  send(email: OutgoingEmail): Promise<string | null>
  close(): Promise<void>
}

export function smtpMailer(url: string): Mailer {
  const transport = nodemailer.createTransport(url)
  return {
    description: 'SMTP',
    async send(email) {
      const info = await transport.sendMail({
        from: email.from,
        to: email.to,
        subject: email.subject,
        text: email.text,
      })
      return typeof info.messageId === 'string' ? info.messageId : null
    },
    async close() {
      transport.close()
    },
  }
}

/** A header value on one line: a line break in an address or subject would start a header of its own. */
function headerValue(value: string): string {
  return mimeFuncs.encodeWords(value.replace(/[\r\n]+/g, ' '), 'Q', 52)
}

/**
 * One message as an RFC 5322 file. The body goes as 8-bit UTF-8 rather than quoted-printable, so
 * a long link stays on one line for someone reading the file in a text editor.
 */
export function emlFile(email: OutgoingEmail, messageId: string, date = new Date()): string {
  const headers = [
    `From: ${headerValue(email.from)}`,
    `To: ${headerValue(email.to)}`,
    `Subject: ${headerValue(email.subject)}`,
    `Date: ${date.toUTCString()}`,
    `Message-ID: ${messageId}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
  ]
  return headers.join('\r\n') + '\r\n\r\n' + email.text.replace(/\r?\n/g, '\r\n')
}

export function fileMailer(folder: string): Mailer {
  return {
    description: `files in ${folder}`,
    async send(email) {
      await mkdir(folder, { recursive: true, mode: 0o700 })
      const sentAt = new Date()
      const messageId = `<${email.notificationId}.${randomBytes(8).toString('hex')}@frontdoor.outbox>`
      const name = `${sentAt.toISOString().replace(/[:.]/g, '-')}-${email.notificationId}.eml`
      // The messages hold live sign-in links: readable by the server's user only.
      await writeFile(join(folder, name), emlFile(email, messageId, sentAt), { mode: 0o600, flag: 'wx' })
      return messageId
    },
    async close() {},
  }
}

export function outboxFolder(config: Pick<Config, 'dataDir'>): string {
  return join(config.dataDir, 'outbox')
}

export function mailerFor(config: Pick<Config, 'smtpUrl' | 'dataDir'>): Mailer {
  return config.smtpUrl ? smtpMailer(config.smtpUrl) : fileMailer(outboxFolder(config))
}
