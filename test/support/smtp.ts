// A real SMTP server in the test's own process (smtp-server), every message it accepts parsed
// with mailparser, so a test reads back what a resident's inbox would hold.
import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'
import { simpleParser } from 'mailparser'
import type { ParsedMail } from 'mailparser'

export type TestSmtpServer = { url: string; received: ParsedMail[]; close(): Promise<void> }

export async function smtpServer(): Promise<TestSmtpServer> {
  const received: ParsedMail[] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push(mail)
          callback()
        })
        .catch(callback)
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as AddressInfo
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise<void>((r) => server.close(() => r())) }
}

/** The messages sent to one address so far, oldest first. */
export function mailTo(smtp: TestSmtpServer, address: string): ParsedMail[] {
  return smtp.received.filter((mail) => (mail.to && 'text' in mail.to ? mail.to.text : '').includes(address))
}
