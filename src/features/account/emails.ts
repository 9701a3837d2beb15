// The emails an e-account gets, queued in the transaction of the change that causes them. Each
// carries the council's name (and phone, when it has one) and the links its words need.
import type { Queryable } from '../../platform/db/schema.ts'
import type { EmailTemplate } from '../../platform/notify/outbox.ts'
import { queueEmail } from '../../platform/notify/outbox.ts'
import { LOCK_MINUTES } from '../../platform/auth/lockout.ts'
import { SIGN_IN_PATH } from '../../platform/auth/sign-in-paths.ts'
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
  'password-changed': (ctx) => ({ forgotPasswordUrl: ctx.publicUrl + PATHS.forgotPassword }),
  'account-exists': (ctx) => ({
    signInUrl: ctx.publicUrl + PATHS.signIn,
    forgotPasswordUrl: ctx.publicUrl + PATHS.forgotPassword,
  }),
}

export async function sendAccountEmail(
  db: Queryable,
  ctx: AccountContext,
  message: { template: AccountTemplate; to: string; residentId?: number | null; link?: string },
): Promise<void> {
  const personalisation = {
    ...baseFields(ctx),
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
