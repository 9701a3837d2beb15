// A signed-in resident's own details, how we contact them, their needs and language, the download
// of what we hold and closing their account. The resident record belongs to residents and the
// e-account to account: every change goes through their services, each in one transaction with
// its audit event, and changes to the record show in the resident's timeline for staff.
import type { Database } from '../../platform/db/database.ts'
import type { Actor } from '../../platform/audit/audit.ts'
import type { Scope } from '../../platform/auth/scope.ts'
import { Problem } from '../../platform/http/problem.ts'
import type { Resident } from '../residents/service.ts'
import { getResident, normalisePostcode, updateResident } from '../residents/service.ts'
import type { AccountContext, AccountSummary } from '../account/service.ts'
import { accountSummary, closeAccount } from '../account/service.ts'
import type { AddressForm, ContactForm, FieldErrors, NameForm, PhoneForm } from './forms.ts'
import { addressErrors, contactChoice, hasErrors, missingFor, nameErrors, needsErrors, phoneErrors } from './forms.ts'

export type { FieldErrors } from './forms.ts'
export { NEEDS_MAX } from './forms.ts'
export { myData, myDataFile } from './my-data.ts'
export type { MyData } from './my-data.ts'

/** Who is asking: their account, and the council record it is joined to (none until it is). */
export type Me = { councilId: number; accountId: number; residentId: number | null; actor: Actor; scope: Scope }

export type Outcome = { ok: true } | { ok: false; errors: FieldErrors }

export class NotJoined extends Problem {
  constructor() {
    super(409, 'Your account is not joined to a council record yet')
  }
}

function residentIdOf(me: Me): number {
  if (me.residentId === null) throw new NotJoined()
  return me.residentId
}

/** The resident's own record, read as they see it (audited like any read of a record). */
export async function myRecord(database: Database, me: Me): Promise<Resident> {
  return getResident(database, me.actor, me.councilId, residentIdOf(me))
}

export async function myAccount(ctx: AccountContext, me: Me): Promise<AccountSummary> {
  const summary = await accountSummary(ctx, me.accountId)
  if (!summary) throw new Problem(404, 'This account no longer exists')
  return summary
}

async function change(
  database: Database,
  me: Me,
  errors: FieldErrors,
  changes: Parameters<typeof updateResident>[4],
): Promise<Outcome> {
  if (hasErrors(errors)) return { ok: false, errors }
  await updateResident(database, me.actor, me.councilId, residentIdOf(me), changes)
  return { ok: true }
}

export function changeName(database: Database, me: Me, form: NameForm): Promise<Outcome> {
  return change(database, me, nameErrors(form), {
    given_name: form.given_name.trim(),
    family_name: form.family_name.trim(),
  })
}

export function changePhones(database: Database, me: Me, form: PhoneForm): Promise<Outcome> {
  const phones = [form.phone.trim(), form.other_phone.trim()].filter((phone) => phone !== '')
  return change(database, me, phoneErrors(form), { phones })
}

/** The address typed becomes where they live now; addresses they gave before stay behind it. */
export async function changeAddress(database: Database, me: Me, form: AddressForm): Promise<Outcome> {
  const errors = addressErrors(form)
  if (hasErrors(errors)) return { ok: false, errors }
  const record = await myRecord(database, me)
  const address = {
    address_line_1: form.address_line_1.trim(),
    address_line_2: form.address_line_2.trim() || null,
    town: form.town.trim() || null,
    postcode: normalisePostcode(form.postcode),
    uprn: null,
  }
  return change(database, me, {}, { addresses: [address, ...record.addresses.slice(1)] })
}

/**
 * How we contact them. "I do not use the internet" marks them offline by choice, which the
 * council's figures count as digitally excluded; choosing any other way online again marks a
 * record that said so (or said nothing) as serving themselves. A judgement staff made (needs
 * help, cannot use) is theirs to change, not the form's.
 */
export async function changeContact(
  database: Database,
  me: Me,
  accountEmail: string,
  form: ContactForm,
): Promise<Outcome> {
  const { choice, errors } = contactChoice(form)
  if (!choice) return { ok: false, errors }
  const record = await myRecord(database, me)
  const missing = missingFor(choice.preferred_channel, {
    email: true,
    phone: record.phones.length > 0,
    address: record.addresses.length > 0,
  })
  if (missing) return { ok: false, errors: { channel: missing } }
  const status = record.digital_status
  const digital_status = choice.offline
    ? 'offline_by_choice'
    : status === null || status === 'offline_by_choice'
      ? 'self_serve'
      : status
  return change(
    database,
    me,
    {},
    {
      preferred_channel: choice.preferred_channel,
      digital_status,
      // Emails go to the record's address: one who chose email and gave us none gets their account's.
      ...(choice.preferred_channel === 'email' && record.emails.length === 0 ? { emails: [accountEmail] } : {}),
    },
  )
}

export function changeNeeds(database: Database, me: Me, needs: string): Promise<Outcome> {
  const trimmed = needs.trim()
  return change(database, me, needsErrors(needs), { accessibility_needs: trimmed === '' ? null : trimmed })
}

export function changeLanguage(
  database: Database,
  me: Me,
  language: string,
  offered: readonly string[],
): Promise<Outcome> {
  const errors: FieldErrors = offered.includes(language) ? {} : { language: 'Select the language you would like' }
  return change(database, me, errors, { language })
}

/** Closing needs the box ticked that says they understand what happens; then the account and every session go. */
export async function closeMyAccount(ctx: AccountContext, me: Me, confirmed: boolean): Promise<Outcome> {
  if (!confirmed) return { ok: false, errors: { confirm: 'Tick the box to confirm you want to close your account' } }
  await closeAccount(ctx, me.accountId)
  return { ok: true }
}
