// `frontdoor staff create --email E --name N --role ROLE [--role ROLE2] [--partner-org "ORG NAME"]
// [--council SLUG]` prints a one-time password alone on its last line; `frontdoor staff disable --email E [--council SLUG]`
// stops an account and ends every session it has at once, unless it is the council's last active administrator.
import { normaliseEmail } from '../platform/auth/email-address.ts'
import { ROLES } from '../platform/db/values.ts'
import type { Role } from '../platform/db/values.ts'
import { createStaffAccount, disableStaffAccount, partnerOrgNamed } from '../features/staff-sign-in/service.ts'
import type { Database } from '../platform/db/database.ts'
import type { Council } from '../platform/council/council.ts'
import { action, readArgs, refuse, required } from './args.ts'
import { chooseCouncil, cliActor, withDatabase } from './context.ts'
import { out, UsageError } from './output.ts'
import { Problem } from '../platform/http/problem.ts'

const CREATE =
  'usage: frontdoor staff create --email E --name N --role ROLE [--role ROLE2] [--partner-org "ORG NAME"] [--council SLUG]'
const DISABLE = 'usage: frontdoor staff disable --email E [--council SLUG]'
const USAGE = `${CREATE} | staff disable --email E [--council SLUG]`
/** Residents have e-accounts, not staff accounts. */
const STAFF_ROLES = ROLES.filter((role) => role !== 'resident')
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

function emailFlag(value: string | undefined, usage: string): string {
  const email = normaliseEmail(required(value, 'email', usage))
  if (!EMAIL.test(email)) throw refuse(`--email "${email}" is not an email address`, usage)
  return email
}

function rolesFlag(values: string[] | undefined): Role[] {
  const roles = values ?? []
  if (roles.length === 0) throw refuse('--role is required', CREATE)
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
  const { values } = readArgs(args, {
    usage: CREATE,
    flags: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string', multiple: true },
      'partner-org': { type: 'string' },
      council: { type: 'string' },
    },
  })
  const email = emailFlag(values.email, CREATE)
  const name = required(values.name, 'name', CREATE)
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
    if (!config.publicUrlSet)
      out.line(
        `PUBLIC_URL is not set, so this is the address of this machine only: set PUBLIC_URL to the address staff reach Frontdoor at.`,
      )
    out.line(
      `They sign in at ${config.publicUrl}/staff/sign-in with this one-time password, then choose their own and set up an authenticator app:`,
    )
    out.line(created.password)
  })
}

async function disable(args: string[]): Promise<void> {
  const { values } = readArgs(args, {
    usage: DISABLE,
    flags: { email: { type: 'string' }, council: { type: 'string' } },
  })
  const email = emailFlag(values.email, DISABLE)
  await withDatabase(async (database) => {
    const council = await chooseCouncil(database, values.council)
    const disabled = await disableStaffAccount(database, cliActor(council.id), council.id, email).catch(
      (error: unknown) => {
        // The same rule as the admin pages: the council keeps at least one active administrator.
        if (error instanceof Problem && error.status === 409) throw new UsageError(`${email}: ${error.message}`)
        throw error
      },
    )
    if (!disabled) throw new UsageError(`no staff account for ${email} at ${council.name}`)
    const sessions = `${disabled.sessionsEnded} ${disabled.sessionsEnded === 1 ? 'session' : 'sessions'} ended`
    out.line(`${disabled.wasActive ? 'Disabled' : 'Already disabled:'} ${email} at ${council.name}; ${sessions}.`)
  })
}

export async function staffCommand(args: string[]): Promise<void> {
  const [name, rest] = action(args, ['create', 'disable'], USAGE)
  return name === 'create' ? create(rest) : disable(rest)
}
