// `frontdoor staff create --email E --name N --role ROLE [--role ROLE2] [--partner-org "ORG NAME"]
// [--council SLUG]` prints a one-time password alone on its last line; `frontdoor staff disable --email E [--council SLUG]`
// stops an account and ends every session it has at once.
import { normaliseEmail } from '../platform/auth/email-address.ts'
import type { Actor } from '../platform/audit/audit.ts'
import { ROLES } from '../platform/db/values.ts'
import type { Role } from '../platform/db/values.ts'
import { createStaffAccount, disableStaffAccount, partnerOrgNamed } from '../features/staff-sign-in/service.ts'
import type { Database } from '../platform/db/database.ts'
import type { Council } from '../platform/council/council.ts'
import { flagsOnly, required } from './args.ts'
import { chooseCouncil, withDatabase } from './context.ts'
import { out, UsageError } from './output.ts'

const USAGE =
  'usage: frontdoor staff create --email E --name N --role ROLE [--role ROLE2] [--partner-org "ORG NAME"] [--council SLUG] | staff disable --email E [--council SLUG]'
/** Residents have e-accounts, not staff accounts. */
const STAFF_ROLES = ROLES.filter((role) => role !== 'resident')
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

function cliActor(councilId: number): Actor {
  return { kind: 'system', id: null, label: 'cli', councilId }
}

function emailFlag(value: string | boolean | undefined | (string | boolean)[]): string {
  const email = normaliseEmail(required(value, 'email'))
  if (!EMAIL.test(email)) throw new UsageError(`--email "${email}" is not an email address`)
  return email
}

function rolesFlag(values: (string | boolean)[] | undefined): Role[] {
  const roles = (values ?? []).filter((v): v is string => typeof v === 'string')
  if (roles.length === 0) throw new UsageError('--role is required')
  if (roles.includes('resident'))
    throw new UsageError(
      '--role "resident" is not a staff role: residents sign in with their own e-account at /account, not a staff account',
    )
  const unknown = roles.find((role) => !(STAFF_ROLES as readonly string[]).includes(role))
  if (unknown !== undefined)
    throw new UsageError(`--role "${unknown}" is not a staff role: use ${STAFF_ROLES.join(', ')}`)
  return roles as Role[]
}

/** A partner sees only their organisation's referrals, so the role comes with exactly one organisation, and only that role does. */
function partnerOrgFlag(value: string | undefined, roles: readonly Role[]): string | undefined {
  const isPartner = roles.includes('partner')
  if (value === undefined) {
    if (isPartner)
      throw new UsageError(
        '--role partner needs --partner-org "ORG NAME": a partner sees only their own organisation\'s referrals',
      )
    return undefined
  }
  if (!isPartner) throw new UsageError('--partner-org is only for --role partner')
  return required(value, 'partner-org')
}

async function partnerOrgId(database: Database, council: Council, name: string | undefined): Promise<number | null> {
  if (name === undefined) return null
  const found = await partnerOrgNamed(database, council.id, name)
  if (found.ok) return found.id
  if (found.reason === 'several')
    throw new UsageError(`several partner organisations at ${council.name} are named "${name}": rename one first`)
  throw new UsageError(`no active partner organisation named "${name}" at ${council.name}`)
}

async function create(args: string[]): Promise<void> {
  const { values } = flagsOnly(args, {
    email: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string', multiple: true },
    'partner-org': { type: 'string' },
    council: { type: 'string' },
  })
  const email = emailFlag(values.email)
  const name = required(values.name, 'name')
  const roles = rolesFlag(values.role)
  const partnerOrg = partnerOrgFlag(values['partner-org'], roles)
  await withDatabase(async (database, config) => {
    const council = await chooseCouncil(database, values.council)
    const orgId = await partnerOrgId(database, council, partnerOrg)
    const created = await createStaffAccount(database, cliActor(council.id), {
      councilId: council.id,
      name,
      email,
      roles,
      partnerOrgId: orgId,
    })
    if (!created.ok) throw new UsageError(`${email} already has a staff account at ${council.name}`)
    const partnerOf = partnerOrg === undefined ? '' : `, for ${partnerOrg}`
    out.line(`Created a staff account for ${name} at ${council.name} (${roles.join(', ')}${partnerOf}).`)
    out.line(
      `They sign in at ${config.publicUrl}/staff/sign-in with this one-time password, then choose their own and set up an authenticator app:`,
    )
    out.line(created.password)
  })
}

async function disable(args: string[]): Promise<void> {
  const { values } = flagsOnly(args, { email: { type: 'string' }, council: { type: 'string' } })
  const email = emailFlag(values.email)
  await withDatabase(async (database) => {
    const council = await chooseCouncil(database, values.council)
    const disabled = await disableStaffAccount(database, cliActor(council.id), council.id, email)
    if (!disabled) throw new UsageError(`no staff account for ${email} at ${council.name}`)
    const sessions = `${disabled.sessionsEnded} ${disabled.sessionsEnded === 1 ? 'session' : 'sessions'} ended`
    out.line(`${disabled.wasActive ? 'Disabled' : 'Already disabled:'} ${email} at ${council.name}; ${sessions}.`)
  })
}

export async function staffCommand(args: string[]): Promise<void> {
  const [action, ...rest] = args
  if (action === 'create') return create(rest)
  if (action === 'disable') return disable(rest)
  throw new UsageError(USAGE)
}
