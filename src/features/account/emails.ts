// The emails an e-account gets, queued in the transaction of the change that causes them. Each
// carries the council's name (and phone, when it has one), the links its words need, and the
// language to write it in.
import type { Queryable } from '../../platform/db/schema.ts'
import type { EmailTemplate } from '../../platform/notify/outbox.ts'
import { queueEmail } from '../../platform/notify/outbox.ts'
import { LOCK_MINUTES } from '../../platform/auth/lockout.ts'
import { SIGN_IN_PATH } from '../../platform/auth/sign-in-paths.ts'
import { isLanguage } from '../../platform/i18n/translate.ts'
import { languageOfResident } from '../residents/service.ts'
import type { AccountContext } from './context.ts'

const PATHS = {
  signIn: SIGN_IN_PATH.resident,
  forgotPassword: '/account/forgot-password',
} as const

function baseFields(ctx: AccountContext): Record<string, string> {
  const fields: Record<string, string> = { councilName: ctx.council.name }
  if (ctx.council.phone) fields.councilPhone = ctx.council.phone
  return fields
}

/** Every email but the staff lock-out, which staff sign-in sends. */
type AccountTemplate = Exclude<EmailTemplate, 'staff-account-locked'>

const EXTRA_FIELDS: Record<AccountTemplate, (ctx: AccountContext) => Record<string, string>> = {
  'verify-email': () => ({}),
  'reset-password': () => ({}),
  'account-locked': (ctx) => ({
    minutes: String(LOCK_MINUTES),
    forgotPasswordUrl: ctx.publicUrl + PATHS.forgotPassword,
  }),
  'email-changed': () => ({}),
  'account-closed': () => ({}),
  'password-changed': (ctx) => ({ forgotPasswordUrl: ctx.publicUrl + PATHS.forgotPassword }),
  'account-exists': (ctx) => ({
    signInUrl: ctx.publicUrl + PATHS.signIn,
    forgotPasswordUrl: ctx.publicUrl + PATHS.forgotPassword,
  }),
}

/** The resident's language when the account is joined to a record that names one, else the page's. */
async function languageFor(db: Queryable, ctx: AccountContext, residentId: number | null): Promise<string> {
  const chosen = residentId === null ? null : await languageOfResident(db, ctx.council.id, residentId)
  if (isLanguage(chosen)) return chosen
  return isLanguage(ctx.language) ? ctx.language : 'en'
}

export async function sendAccountEmail(
  db: Queryable,
  ctx: AccountContext,
  message: { template: AccountTemplate; to: string; residentId?: number | null; link?: string },
): Promise<void> {
  const personalisation = {
    ...baseFields(ctx),
    language: await languageFor(db, ctx, message.residentId ?? null),
    ...EXTRA_FIELDS[message.template](ctx),
    ...(message.link ? { link: message.link } : {}),
  }
  await queueEmail(db, {
    councilId: ctx.council.id,
    residentId: message.residentId ?? null,
    template: message.template,
    to: message.to,
    personalisation,
  })
}
