// Single-use links in emails: a random 32-byte token goes in the link, and only its SHA-256 is
// stored, so the table alone opens nothing. A verify link lasts a day (people read email late);
// a reset link an hour (it can take over an account).
import { randomBytes } from 'node:crypto'
import type { Queryable } from '../../platform/db/schema.ts'
import type { OneTimeLinkPurpose } from '../../platform/db/values.ts'
import { hashToken } from '../../platform/auth/tokens.ts'
import * as repo from './repo.ts'
import type { Link } from './repo.ts'

const LINK_HOURS: Record<OneTimeLinkPurpose, number> = { verify_email: 24, reset_password: 1 }

const LINK_PATH: Record<OneTimeLinkPurpose, string> = {
  verify_email: '/account/verify/',
  reset_password: '/account/reset-password/',
}

/** Creates a link for the account and returns the full URL to email (the token is never stored). */
export async function issueLink(
  db: Queryable,
  link: { publicUrl: string; councilId: number; accountId: number; purpose: OneTimeLinkPurpose; email: string },
  now = new Date(),
): Promise<string> {
  const token = randomBytes(32).toString('base64url')
  await repo.insertLink(db, {
    id: hashToken(token),
    council_id: link.councilId,
    purpose: link.purpose,
    e_account_id: link.accountId,
    email: link.email,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + LINK_HOURS[link.purpose] * 3_600_000).toISOString(),
  })
  return link.publicUrl + LINK_PATH[link.purpose] + token
}

export type LinkState =
  | { state: 'unknown' }
  | { state: 'used'; link: Link }
  | { state: 'expired'; link: Link }
  | { state: 'live'; link: Link }

/** What a token from a link stands for, without using it up. */
export async function lookUpLink(
  db: Queryable,
  councilId: number,
  token: string,
  purpose: OneTimeLinkPurpose,
  now = new Date(),
): Promise<LinkState> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return { state: 'unknown' }
  const link = await repo.linkById(db, councilId, hashToken(token), purpose)
  if (!link) return { state: 'unknown' }
  if (link.used_at !== null) return { state: 'used', link }
  if (new Date(link.expires_at).getTime() <= now.getTime()) return { state: 'expired', link }
  return { state: 'live', link }
}
