// Environment -> typed, validated configuration. A bad value stops the process with one line
// naming the variable, so a misconfigured deployment never half-starts.
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, isAbsolute, join, resolve } from 'node:path'
import { ROLES } from './platform/db/values.ts'

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
export type Engine = 'sqlite' | 'postgres'

export type DatabaseConfig = { engine: 'sqlite'; file: string } | { engine: 'postgres'; url: string }

/** A council's OpenID Connect identity provider for one kind of sign-in (staff or residents). */
export type OidcProviderConfig = {
  issuer: string
  clientId: string
  clientSecret: string
  /** Shown on the sign-in button: "Sign in with {label}". */
  label: string
  /** Staff only: the claim listing a person's groups or app roles, and which Frontdoor role each gives. */
  roleClaim: string
  roleMap: Record<string, string>
}

export type Config = {
  env: 'development' | 'production' | 'test'
  host: string
  port: number
  logLevel: LogLevel
  dataDir: string
  database: DatabaseConfig
  sessionSecret: string
  /** Seed the demo council when `serve` starts on an empty database. */
  seedDemoOnEmpty: boolean
  bodyLimitBytes: number
  /** Cookies go Secure with the `__Host-` prefix: on in production, where the site is served over https. */
  secureCookies: boolean
  /** Rate limits on sign-in and public writes (on unless a test turns them off to sign in many times). */
  rateLimits: boolean
  /** The address people reach this site at, for links in emails. */
  publicUrl: string
  /** False when PUBLIC_URL is unset and publicUrl is this machine's own address, which no one else can reach. */
  publicUrlSet: boolean
  /** Outgoing email: an smtp(s):// URL, or unset to write each message to a file under DATA_DIR/outbox. */
  smtpUrl: string | undefined
  mailFrom: string
  /** GOV.UK Notify: when its key is set, email goes through Notify instead of SMTP, and text messages can be sent at all. */
  notify: NotifyConfig | undefined
  /** Single sign-on, each optional: staff through the council's provider, residents through e.g. GOV.UK One Login. */
  oidc: { staff?: OidcProviderConfig; resident?: OidcProviderConfig }
}

/**
 * GOV.UK Notify needs one email and one text template in the council's Notify account, each made of
 * placeholders only (`((subject))` and `((body))` for email, `((body))` for text): the words are written
 * and translated here, so a change of wording needs no change in Notify.
 */
export type NotifyConfig = { apiKey: string; baseUrl: string; emailTemplateId: string; smsTemplateId: string }

export class ConfigError extends Error {
  constructor(variable: string, problem: string) {
    super(`${variable}: ${problem}`)
    this.name = 'ConfigError'
  }
}

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']
const ENVS = ['development', 'production', 'test'] as const

function readEnv(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]
  return value === undefined || value.trim() === '' ? undefined : value.trim()
}

function parsePort(raw: string | undefined): number {
  if (raw === undefined) return 3000
  if (!/^\d+$/.test(raw)) throw new ConfigError('PORT', `"${raw}" is not a whole number`)
  const port = Number(raw)
  if (port < 1 || port > 65535) throw new ConfigError('PORT', `${port} is outside 1-65535`)
  return port
}

function parseBoolean(name: string, raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined) return fallback
  if (/^(1|true|yes|on)$/i.test(raw)) return true
  if (/^(0|false|no|off)$/i.test(raw)) return false
  throw new ConfigError(name, `"${raw}" is not true or false`)
}

function parseBodyLimit(raw: string | undefined): number {
  if (raw === undefined) return 1024 * 1024
  if (!/^\d+$/.test(raw) || Number(raw) < 1024)
    throw new ConfigError('BODY_LIMIT_BYTES', 'must be a whole number of bytes, at least 1024')
  return Number(raw)
}

function parseDatabase(raw: string | undefined, dataDir: string): DatabaseConfig {
  if (raw === undefined) return { engine: 'sqlite', file: join(dataDir, 'frontdoor.db') }
  if (/^postgres(ql)?:\/\//.test(raw)) {
    try {
      new URL(raw)
    } catch {
      throw new ConfigError('DATABASE_URL', 'is not a valid postgres:// URL')
    }
    return { engine: 'postgres', url: raw }
  }
  if (raw.startsWith('sqlite:')) {
    const file = raw.slice('sqlite:'.length).replace(/^\/\//, '')
    if (file === '') throw new ConfigError('DATABASE_URL', 'sqlite: needs a file path, e.g. sqlite:./data/frontdoor.db')
    const path = isAbsolute(file) ? file : resolve(file)
    // A mistyped folder would otherwise become a new, empty database that the next start seeds.
    if (!existsSync(dirname(path)))
      throw new ConfigError(
        'DATABASE_URL',
        `the folder ${dirname(path)} does not exist: create it, or correct the path`,
      )
    return { engine: 'sqlite', file: path }
  }
  throw new ConfigError('DATABASE_URL', 'must start with postgres://, postgresql:// or sqlite:')
}

/** The embedded default keeps its generated secret beside the database so sessions survive restarts. */
function generatedSessionSecret(dataDir: string): string {
  const file = join(dataDir, 'session-secret')
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  mkdirSync(dataDir, { recursive: true })
  const secret = randomBytes(32).toString('base64url')
  writeFileSync(file, secret + '\n', { mode: 0o600 })
  return secret
}

function parseSessionSecret(raw: string | undefined, env: Config['env'], dataDir: string): string {
  if (raw !== undefined) {
    if (raw.length < 32) throw new ConfigError('SESSION_SECRET', 'must be at least 32 characters')
    return raw
  }
  if (env === 'production') throw new ConfigError('SESSION_SECRET', 'is required when NODE_ENV=production')
  return generatedSessionSecret(dataDir)
}

function parsePublicUrl(raw: string | undefined, env: Config['env'], port: number): string {
  if (raw === undefined) {
    if (env === 'production')
      throw new ConfigError('PUBLIC_URL', 'is required when NODE_ENV=production (e.g. https://contact.example.gov.uk)')
    return `http://localhost:${port}`
  }
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new ConfigError('PUBLIC_URL', `"${raw}" is not a URL`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new ConfigError('PUBLIC_URL', 'must be an http(s):// URL')
  if (env === 'production' && url.protocol !== 'https:')
    throw new ConfigError('PUBLIC_URL', 'must be https:// in production')
  return url.origin
}

function parseSmtpUrl(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined
  if (!/^smtps?:\/\//.test(raw)) throw new ConfigError('SMTP_URL', 'must start with smtp:// or smtps://')
  return raw
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'

/** A Notify key is its name, the service id and the secret, joined by hyphens; the client cuts it up by position. */
function parseNotify(env: NodeJS.ProcessEnv): NotifyConfig | undefined {
  const apiKey = readEnv(env, 'NOTIFY_API_KEY')
  if (apiKey === undefined) return undefined
  if (!new RegExp(`^[A-Za-z0-9_-]+-${UUID}-${UUID}$`, 'i').test(apiKey))
    throw new ConfigError('NOTIFY_API_KEY', 'is not a GOV.UK Notify API key (its name, then the service id and secret)')
  const template = (name: string): string => {
    const id = readEnv(env, name)
    if (id === undefined) throw new ConfigError(name, 'is required when NOTIFY_API_KEY is set')
    if (!new RegExp(`^${UUID}$`, 'i').test(id)) throw new ConfigError(name, 'must be a Notify template id')
    return id
  }
  const baseUrl = readEnv(env, 'NOTIFY_BASE_URL') ?? 'https://api.notifications.service.gov.uk'
  if (!/^https?:\/\/[^/]+$/.test(baseUrl.replace(/\/$/, '')))
    throw new ConfigError('NOTIFY_BASE_URL', 'must be an http(s):// address with no path')
  return {
    apiKey,
    baseUrl: baseUrl.replace(/\/$/, ''),
    emailTemplateId: template('NOTIFY_EMAIL_TEMPLATE_ID'),
    smsTemplateId: template('NOTIFY_SMS_TEMPLATE_ID'),
  }
}

/** "group-id=role,other=role2" -> a map; every role must be one Frontdoor knows. */
function parseRoleMap(name: string, raw: string | undefined, roles: readonly string[]): Record<string, string> {
  const map: Record<string, string> = {}
  if (raw === undefined) return map
  for (const pair of raw.split(',')) {
    const [claim, role] = pair.split('=').map((part) => part.trim())
    if (!claim || !role || !roles.includes(role))
      throw new ConfigError(name, `"${pair.trim()}" must be claim-value=role with role one of ${roles.join(', ')}`)
    map[claim] = role
  }
  return map
}

function parseOidc(
  env: NodeJS.ProcessEnv,
  prefix: 'STAFF' | 'RESIDENT',
  fallbackLabel: string,
): OidcProviderConfig | undefined {
  const issuer = readEnv(env, `${prefix}_OIDC_ISSUER`)
  if (issuer === undefined) return undefined
  try {
    new URL(issuer)
  } catch {
    throw new ConfigError(`${prefix}_OIDC_ISSUER`, `"${issuer}" is not a URL`)
  }
  const clientId = readEnv(env, `${prefix}_OIDC_CLIENT_ID`)
  const clientSecret = readEnv(env, `${prefix}_OIDC_CLIENT_SECRET`)
  if (clientId === undefined)
    throw new ConfigError(`${prefix}_OIDC_CLIENT_ID`, `is required when ${prefix}_OIDC_ISSUER is set`)
  if (clientSecret === undefined)
    throw new ConfigError(`${prefix}_OIDC_CLIENT_SECRET`, `is required when ${prefix}_OIDC_ISSUER is set`)
  // A provider's group may give any role but a resident's: residents have e-accounts, not staff roles.
  const staffRoles = ROLES.filter((role) => role !== 'resident')
  const roleMap =
    prefix === 'STAFF' ? parseRoleMap('STAFF_OIDC_ROLES', readEnv(env, 'STAFF_OIDC_ROLES'), staffRoles) : {}
  if (prefix === 'STAFF' && Object.keys(roleMap).length === 0)
    throw new ConfigError(
      'STAFF_OIDC_ROLES',
      'is required when STAFF_OIDC_ISSUER is set (e.g. "Frontdoor-Advisors=advisor")',
    )
  return {
    issuer,
    clientId,
    clientSecret,
    label: readEnv(env, `${prefix}_OIDC_LABEL`) ?? fallbackLabel,
    roleClaim: readEnv(env, `${prefix}_OIDC_ROLE_CLAIM`) ?? 'roles',
    roleMap,
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const nodeEnv = readEnv(env, 'NODE_ENV') ?? 'development'
  if (!(ENVS as readonly string[]).includes(nodeEnv))
    throw new ConfigError('NODE_ENV', `must be one of ${ENVS.join(', ')}`)
  const appEnv = nodeEnv as Config['env']

  const logLevel = readEnv(env, 'LOG_LEVEL') ?? (appEnv === 'test' ? 'silent' : 'info')
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel))
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`)

  const dataDir = resolve(readEnv(env, 'DATA_DIR') ?? './data')
  const port = parsePort(readEnv(env, 'PORT'))
  const database = parseDatabase(readEnv(env, 'DATABASE_URL'), dataDir)
  return {
    env: appEnv,
    host: readEnv(env, 'HOST') ?? '0.0.0.0',
    port,
    logLevel: logLevel as LogLevel,
    dataDir,
    database,
    sessionSecret: parseSessionSecret(readEnv(env, 'SESSION_SECRET'), appEnv, dataDir),
    seedDemoOnEmpty: parseBoolean('SEED_DEMO', readEnv(env, 'SEED_DEMO'), appEnv !== 'production'),
    bodyLimitBytes: parseBodyLimit(readEnv(env, 'BODY_LIMIT_BYTES')),
    secureCookies: parseBoolean('SECURE_COOKIES', readEnv(env, 'SECURE_COOKIES'), appEnv === 'production'),
    rateLimits: parseBoolean('RATE_LIMITS', readEnv(env, 'RATE_LIMITS'), true),
    publicUrl: parsePublicUrl(readEnv(env, 'PUBLIC_URL'), appEnv, port),
    publicUrlSet: readEnv(env, 'PUBLIC_URL') !== undefined,
    smtpUrl: parseSmtpUrl(readEnv(env, 'SMTP_URL')),
    mailFrom: readEnv(env, 'MAIL_FROM') ?? 'Frontdoor <no-reply@localhost>',
    notify: parseNotify(env),
    oidc: {
      staff: parseOidc(env, 'STAFF', 'your council account'),
      resident: parseOidc(env, 'RESIDENT', 'GOV.UK One Login'),
    },
  }
}
