// The demo council: Ashby Vale District Council with its services, staff, residents and their
// contacts, cases and calls from 2015. `npm start` seeds it on an empty database and `frontdoor seed
// --demo` on demand, each up to the moment it runs, so the demo has last week's contacts and cases
// still being worked on. The history is deterministic: one seed and end always give the same rows,
// so the same figures; only the council, staff and token creation times and the secrets are fresh.
import { hashPassword, generatePassword } from '../../platform/auth/passwords.ts'
import { createApiToken } from '../../platform/auth/tokens.ts'
import type { Database } from '../../platform/db/database.ts'
import { nowIso } from '../../platform/db/database.ts'
import { DEFAULT_SETTINGS } from '../../platform/council/settings.ts'
import { ROLES } from '../../platform/db/values.ts'
import type { Role } from '../../platform/db/values.ts'
import { addWorkingHours, workingCalendar } from '../cases/service.ts'
import { DEMO_COUNCIL, DEMO_SERVICES } from './catalogue-data.ts'
import { generateHistory, historyEnd } from './history.ts'
import type { History } from './history.ts'
import { generatePopulation } from './people.ts'
import type { Population } from './people.ts'
import { seededRandom } from './random.ts'
import { setStaffPasswords, writeCatalogue, writeCouncil, writeStaff } from './write-catalogue.ts'
import type { StaffPlan, StaffRole } from './write-catalogue.ts'
import { writeHistory } from './write-history.ts'
import { writeAccounts, writeCallBacks, writePopulation } from './write-people.ts'
import { planAccounts } from './accounts.ts'
import type { AccountPlan } from './accounts.ts'
import { planCallBacks } from './call-backs.ts'
import type { CallBackPlan } from './call-backs.ts'
import { rebuildRollups } from '../metrics/service.ts'

export type DemoCredentials = {
  councilSlug: string
  staff: { role: Role; name: string; email: string; password: string }[]
  tokens: { role: Role; name: string; token: string }[]
}

export type DemoOptions = {
  /** Number of residents; default 2000. */
  residents?: number
  /** Seed of the pseudo-random history; default 2026. */
  seed?: number
  /** First year of history; default 2015. */
  fromYear?: number
  /** Last year of history, inclusive; default 2025, or the year of `until`. */
  toYear?: number
  /**
   * The moment the history ends, within `toYear`: nothing is recorded after it. `npm start` seeds up
   * to the moment it starts, so the demo has last week's contacts and cases still being worked on.
   * Default: the end of `toYear`.
   */
  until?: Date
}

type ResolvedOptions = Required<Omit<DemoOptions, 'until'>> & { until: Date }

const STAFF_NAMES: Record<StaffRole, string> = {
  advisor: 'Amira Shah',
  caseworker: 'Tom Fielding',
  team_leader: 'Grace Okoye',
  manager: 'Helen Marsh',
  partner: 'Dev Mistry',
  dpo: 'Ruth Adebayo',
  admin: 'Sam Carter',
}

const STAFF_ROLES = ROLES.filter((role): role is StaffRole => role !== 'resident')

function staffEmail(role: StaffRole): string {
  // The partner user works for the county council, so has a county address.
  return role === 'partner' ? 'partner@ashby-county.example' : `${role.replace('_', '-')}@${DEMO_COUNCIL.emailDomain}`
}

/** Hashes two at a time: each scrypt hash holds 128 MiB while it runs. */
async function hashAll(passwords: readonly string[]): Promise<string[]> {
  const hashes: string[] = []
  for (let i = 0; i < passwords.length; i += 2)
    hashes.push(...(await Promise.all(passwords.slice(i, i + 2).map((password) => hashPassword(password)))))
  return hashes
}

function resolveOptions(options: DemoOptions): ResolvedOptions {
  const { until } = options
  if (until !== undefined && Number.isNaN(until.getTime())) throw new Error('demo seed: until must be a valid time')
  const fromYear = options.fromYear ?? 2015
  const toYear = options.toYear ?? until?.getUTCFullYear() ?? 2025
  const resolved = {
    residents: options.residents ?? 2000,
    seed: options.seed ?? 2026,
    fromYear,
    toYear,
    until: until ?? historyEnd({ fromYear, toYear }),
  }
  if (!Number.isInteger(resolved.residents) || resolved.residents < 1)
    throw new Error('demo seed: residents must be a whole number of at least 1')
  if (
    !Number.isInteger(resolved.fromYear) ||
    !Number.isInteger(resolved.toYear) ||
    resolved.fromYear > resolved.toYear
  ) {
    throw new Error('demo seed: fromYear must be a year no later than toYear')
  }
  const year = resolved.until.getUTCFullYear()
  if (year !== resolved.toYear) throw new Error(`demo seed: until must fall in toYear (${resolved.toYear})`)
  return resolved
}

/** Everything the demo contains, before any id exists. Pure: the same options give the same plan. */
export function planDemoCouncil(options: DemoOptions = {}): {
  population: Population
  history: History
  accounts: AccountPlan[]
  callBacks: CallBackPlan[]
} {
  const resolved = resolveOptions(options)
  const random = seededRandom(resolved.seed)
  const calendar = workingCalendar(DEFAULT_SETTINGS.workingHours, true, [])
  const clock = (start: Date, hours: number): Date => addWorkingHours(start, hours, calendar)
  const population = generatePopulation(resolved.residents, resolved.toYear, random)
  const history = generateHistory(population, DEMO_SERVICES, resolved, clock, random)
  // A source of their own, so the accounts leave the residents and history of a seed as they were.
  const accounts = planAccounts(
    population,
    resolved.fromYear,
    resolved.toYear,
    resolved.until,
    seededRandom(resolved.seed + 1),
  )
  const callBacks = planCallBacks(
    population,
    DEMO_SERVICES,
    resolved.until,
    DEFAULT_SETTINGS.workingHours,
    seededRandom(resolved.seed + 2),
  )
  return { population, history, accounts, callBacks }
}

export async function hasAnyCouncil(database: Database): Promise<boolean> {
  const row = await database.db.selectFrom('council').select('id').limit(1).executeTakeFirst()
  return row !== undefined
}

export async function seedDemoCouncil(database: Database, options: DemoOptions = {}): Promise<DemoCredentials> {
  const resolved = resolveOptions(options)
  const taken = await database.db
    .selectFrom('council')
    .select('id')
    .where('slug', '=', DEMO_COUNCIL.slug)
    .executeTakeFirst()
  if (taken) throw new Error(`demo seed: a council with the slug ${DEMO_COUNCIL.slug} already exists`)

  const passwords = STAFF_ROLES.map(() => generatePassword())
  // Hashing runs on libuv's thread pool while the plan is generated and written; the hashes are
  // only needed at the end of the transaction, so nobody ever sees a staff user without one.
  const hashing = hashAll(passwords)
  // A rejection is handled where the hashes are awaited; this only stops an early unhandled report.
  hashing.catch(() => undefined)
  const { population, history, accounts, callBacks } = planDemoCouncil(resolved)
  const staff: StaffPlan[] = STAFF_ROLES.map((role) => ({ role, name: STAFF_NAMES[role], email: staffEmail(role) }))

  const now = nowIso()
  const since = new Date(Date.UTC(resolved.fromYear, 0, 1)).toISOString()
  const tokens = await database.db.transaction().execute(async (trx) => {
    const councilId = await writeCouncil(trx, now)
    const catalogue = await writeCatalogue(trx, councilId, since)
    const staffIds = await writeStaff(trx, councilId, staff, catalogue, now)
    const residentIds = await writePopulation(trx, councilId, population, since)
    await writeAccounts(trx, councilId, accounts, population, residentIds)
    await writeCallBacks(trx, councilId, callBacks, population, residentIds)
    await writeHistory(trx, councilId, history, population, DEMO_SERVICES, {
      ...catalogue,
      staff: staffIds,
      residents: residentIds,
    })
    // The history writes calls, survey responses and form starts straight to their tables (no feature
    // owns them in bulk), so the figures' rollups are built once from everything written.
    await rebuildRollups(trx, councilId)
    const hashes = await hashing
    await setStaffPasswords(trx, staffIds, new Map(STAFF_ROLES.map((role, i) => [role, hashes[i] ?? ''])))
    const inTransaction: Database = { db: trx, engine: database.engine, close: async () => undefined }
    const created: DemoCredentials['tokens'] = []
    for (const role of ROLES) {
      const name = `demo ${role}`
      created.push({ role, name, token: (await createApiToken(inTransaction, councilId, role, name)).token })
    }
    return created
  })

  return {
    councilSlug: DEMO_COUNCIL.slug,
    staff: staff.map((person, i) => ({
      role: person.role,
      name: person.name,
      email: person.email,
      password: passwords[i] ?? '',
    })),
    tokens,
  }
}
