// How a resident's online account stands, in the words an advisor reads out: whether they have
// one, whether it is confirmed, whether it is locked. Never the email or anything to sign in with.
import type { Database } from '../../platform/db/database.ts'
import { accountsOfResident } from './repo.ts'

export type AccountStatus = 'none' | 'unconfirmed' | 'active' | 'locked'

export async function onlineAccountStatus(
  database: Database,
  councilId: number,
  residentId: number,
  now: string,
): Promise<{ status: AccountStatus; lastSignInAt: string | null }> {
  const accounts = await accountsOfResident(database.db, councilId, residentId)
  const account = accounts.find((a) => a.verified_at !== null) ?? accounts[0]
  if (!account) return { status: 'none', lastSignInAt: null }
  const status =
    account.locked_until !== null && account.locked_until > now
      ? 'locked'
      : account.verified_at === null
        ? 'unconfirmed'
        : 'active'
  return { status, lastSignInAt: account.last_sign_in_at }
}
