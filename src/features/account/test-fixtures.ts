// For e-account tests: the emails queued for an address (with the link a person would click, read
// from the outbox as the worker would send it), and the steps of the journey through the pages.
import assert from 'node:assert/strict'
import type { Database } from '../../platform/db/database.ts'
import type { TestClient } from '../../../test/support/client.ts'

export const PASSWORD = 'marmalade kettle lighthouse'
export const NEW_PASSWORD = 'violet harbour ferris wheel'

export type QueuedEmail = {
  id: number
  template: string
  recipient: string
  personalisation: Record<string, string>
  residentId: number | null
}

export async function emailsTo(database: Database, recipient: string, template?: string): Promise<QueuedEmail[]> {
  let query = database.db
    .selectFrom('notification')
    .select(['id', 'template', 'recipient', 'personalisation', 'resident_id'])
    .where('recipient', '=', recipient)
  if (template) query = query.where('template', '=', template)
  const rows = await query.orderBy('id').execute()
  return rows.map((row) => ({
    id: row.id,
    template: row.template,
    recipient: row.recipient,
    personalisation: JSON.parse(row.personalisation) as Record<string, string>,
    residentId: row.resident_id,
  }))
}

/** The path of the link in the newest email of this kind to this address (its origin is the configured public URL). */
export async function linkIn(
  database: Database,
  recipient: string,
  template: 'verify-email' | 'reset-password',
): Promise<string> {
  const emails = await emailsTo(database, recipient, template)
  const link = emails.at(-1)?.personalisation.link
  assert.ok(link, `a ${template} email with a link was queued`)
  return new URL(link).pathname
}

export type NewAccount = { givenName: string; familyName: string; email: string; password?: string; confirm?: string }

export function createAccountForm(account: NewAccount): Record<string, string> {
  const password = account.password ?? PASSWORD
  return {
    given_name: account.givenName,
    family_name: account.familyName,
    email: account.email,
    password,
    confirm: account.confirm ?? password,
  }
}

/** Creates an account through the form and follows its link, as a person would. */
export async function createAndConfirm(client: TestClient, database: Database, account: NewAccount): Promise<void> {
  const created = await client.submit('/account/create', createAccountForm(account))
  assert.equal(created.statusCode, 200, created.body)
  const confirmed = await client.submit(await linkIn(database, account.email.toLowerCase(), 'verify-email'), {})
  assert.equal(confirmed.statusCode, 200, confirmed.body)
}

export async function signIn(client: TestClient, email: string, password = PASSWORD, returnTo?: string) {
  return client.submit('/account/sign-in' + (returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : ''), {
    email,
    password,
  })
}

export async function accountRow(database: Database, email: string) {
  return database.db.selectFrom('e_account').selectAll().where('email', '=', email).executeTakeFirst()
}

/** The text of a page with tags removed and spaces collapsed, for asserting on what a person reads. */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
}
