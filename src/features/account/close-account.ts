// Closing an e-account: the account and every way into it go, the resident's council record stays.
// The row itself is kept as an empty shell because requests in progress and online form counts
// point at it; everything that named the person or could sign in is wiped, and the email is
// replaced by one in the reserved `.invalid` domain so the address can open a new account later.
import { endSessionsOf } from '../../platform/auth/sessions.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import type { Queryable } from '../../platform/db/schema.ts'
import { inTransaction } from '../../platform/db/transaction.ts'
import type { AccountContext } from './context.ts'
import { accountActor } from './context.ts'
import { sendAccountEmail } from './emails.ts'
import * as repo from './repo.ts'

/** The address a closed account is left with: unique per account, never deliverable (RFC 2606). */
export function closedAddress(accountId: number): string {
  return `closed-account-${accountId}@closed.invalid`
}

/** Closes the account, ends every session of it and tells the old address, with its audit event, in one transaction. */
export async function closeAccount(ctx: AccountContext, accountId: number, trx?: Queryable): Promise<boolean> {
  const run = async (db: Queryable): Promise<boolean> => {
    const account = await repo.accountById(db, ctx.council.id, accountId)
    if (!account || account.email === closedAddress(accountId)) return false
    const now = new Date().toISOString()
    await repo.retireLinks(db, accountId, 'verify_email', now)
    await repo.retireLinks(db, accountId, 'reset_password', now)
    await repo.wipeAccount(db, accountId, closedAddress(accountId))
    // Told at the address being closed, in the same transaction: a closure its owner did not make is noticed.
    await sendAccountEmail(db, ctx, { template: 'account-closed', to: account.email, residentId: account.resident_id })
    const sessionsEnded = await endSessionsOf(db, 'resident', accountId)
    await recordAudit(
      ctx.database,
      accountActor(ctx, accountId),
      {
        action: 'account_closed',
        subjectType: 'e_account',
        subjectId: accountId,
        detail: { sessionsEnded, residentKept: account.resident_id !== null },
      },
      db,
    )
    return true
  }
  return inTransaction(ctx.database, trx, run)
}
