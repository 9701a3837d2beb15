// People for tests: staff with roles and a known password, residents with a verified e-account,
// and signed-in sessions for them without going through the sign-in pages.
import type { Database } from '../../src/platform/db/database.ts'
import { nowIso } from '../../src/platform/db/database.ts'
import type { Role } from '../../src/platform/db/values.ts'
import { hashPassword } from '../../src/platform/auth/passwords.ts'
import { createSession } from '../../src/platform/auth/sessions.ts'
import type { SessionData } from '../../src/platform/auth/sessions.ts'
import { sessionCookieName } from '../../src/platform/auth/session-cookie.ts'
import type { TestApp } from './app.ts'
import { TestClient } from './client.ts'

export const TEST_PASSWORD = 'correct horse battery staple'

/** One hash for every test account: scrypt at full cost takes a noticeable moment each time. */
let testHash: Promise<string> | undefined
function testPasswordHash(): Promise<string> {
  testHash ??= hashPassword(TEST_PASSWORD)
  return testHash
}

export type TestStaff = { id: number; email: string; password: string }

export async function addStaff(
  database: Database,
  councilId: number,
  roles: readonly Role[],
  options: {
    email?: string
    name?: string
    totpSecret?: string | null
    partnerOrgId?: number | null
    mustChangePassword?: boolean
    active?: boolean
  } = {},
): Promise<TestStaff> {
  const email = options.email ?? `${roles.join('-')}-${Math.random().toString(36).slice(2, 8)}@staff.test`
  const row = await database.db
    .insertInto('staff_user')
    .values({
      council_id: councilId,
      name: options.name ?? 'Test Staff',
      email,
      password_hash: await testPasswordHash(),
      totp_secret: options.totpSecret ?? null,
      oidc_subject: null,
      totp_last_step: null,
      partner_org_id: options.partnerOrgId ?? null,
      active: options.active === false ? 0 : 1,
      must_change_password: options.mustChangePassword ? 1 : 0,
      locked_until: null,
      created_at: nowIso(),
      last_sign_in_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  for (const role of roles)
    await database.db.insertInto('staff_role').values({ staff_user_id: row.id, council_id: councilId, role }).execute()
  return { id: row.id, email, password: TEST_PASSWORD }
}

export type TestAccount = { id: number; email: string; password: string; residentId: number | null }

/** An e-account with a verified email, linked to the given resident (or to none). */
export async function addAccount(
  database: Database,
  councilId: number,
  residentId: number | null,
  options: { email?: string; verified?: boolean } = {},
): Promise<TestAccount> {
  const email = options.email ?? `resident-${Math.random().toString(36).slice(2, 8)}@example.test`
  const row = await database.db
    .insertInto('e_account')
    .values({
      council_id: councilId,
      resident_id: residentId,
      email,
      password_hash: await testPasswordHash(),
      oidc_subject: null,
      verified_at: options.verified === false ? null : nowIso(),
      mfa_secret: null,
      locked_until: null,
      created_at: nowIso(),
      last_sign_in_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { id: row.id, email, password: TEST_PASSWORD, residentId }
}

/** A Cookie header for a signed-in session, as after a completed sign-in (tests run without Secure cookies). */
export async function sessionCookie(
  database: Database,
  councilId: number,
  subject: { kind: 'staff' | 'resident'; id: number },
  data: SessionData = { stage: 'signed_in' },
): Promise<string> {
  const { token } = await createSession(database.db, {
    councilId,
    subjectKind: subject.kind,
    subjectId: subject.id,
    data,
  })
  return `${sessionCookieName({ secure: false })}=${token}`
}

/** A cookie-keeping client already signed in as the staff member or e-account, for page tests. */
export async function signedInClient(
  t: Pick<TestApp, 'app' | 'database' | 'councilId'>,
  subject: { kind: 'staff' | 'resident'; id: number },
): Promise<TestClient> {
  const client = new TestClient(t.app)
  const [name, value] = (await sessionCookie(t.database, t.councilId, subject)).split('=') as [string, string]
  client.cookies.set(name, value)
  return client
}
