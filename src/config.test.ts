import { after, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ConfigError, loadConfig } from './config.ts'
import { childEnv } from '../test/support/child-env.ts'

const SECRET = 's'.repeat(32)
const main = fileURLToPath(new URL('./main.ts', import.meta.url))
const dataDir = mkdtempSync(join(tmpdir(), 'frontdoor-config-'))
after(() => rmSync(dataDir, { recursive: true, force: true }))

function refusal(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig({ DATA_DIR: dataDir, SESSION_SECRET: SECRET, ...env })
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`)
    return error
  }
  assert.fail(`expected ${JSON.stringify(env)} to be refused`)
}

describe('config', () => {
  it('sets the sign-in settings: public URL, secure cookies in production, rate limits, mail', () => {
    const development = loadConfig({ DATA_DIR: dataDir, SESSION_SECRET: SECRET, PORT: '4000' })
    assert.deepEqual(
      [development.publicUrl, development.secureCookies, development.rateLimits, development.smtpUrl],
      ['http://localhost:4000', false, true, undefined],
    )
    const production = loadConfig({
      DATA_DIR: dataDir,
      SESSION_SECRET: SECRET,
      NODE_ENV: 'production',
      PUBLIC_URL: 'https://contact.example.gov.uk/path',
      SMTP_URL: 'smtps://mail.example:465',
    })
    assert.deepEqual(
      [production.publicUrl, production.secureCookies, production.smtpUrl],
      ['https://contact.example.gov.uk', true, 'smtps://mail.example:465'],
    )
  })

  it('refuses missing or bad sign-in settings, naming the variable', () => {
    assert.match(refusal({ NODE_ENV: 'production' }).message, /^PUBLIC_URL: is required/)
    assert.match(
      refusal({ NODE_ENV: 'production', PUBLIC_URL: 'http://contact.example.gov.uk' }).message,
      /^PUBLIC_URL: must be https/,
    )
    assert.match(refusal({ PUBLIC_URL: 'not a url' }).message, /^PUBLIC_URL: /)
    assert.match(refusal({ PUBLIC_URL: 'ftp://x.example' }).message, /^PUBLIC_URL: must be an http\(s\)/)
    assert.match(refusal({ SMTP_URL: 'mail.example' }).message, /^SMTP_URL: must start with smtp/)
    assert.match(refusal({ RATE_LIMITS: 'sometimes' }).message, /^RATE_LIMITS: /)
  })

  it('reads single sign-on for staff with a role map, and for residents without one', () => {
    const config = loadConfig({
      DATA_DIR: dataDir,
      SESSION_SECRET: SECRET,
      STAFF_OIDC_ISSUER: 'https://login.example/tenant/v2.0',
      STAFF_OIDC_CLIENT_ID: 'frontdoor',
      STAFF_OIDC_CLIENT_SECRET: 'secret',
      STAFF_OIDC_ROLES: 'Advisors=advisor, DPO=dpo',
      RESIDENT_OIDC_ISSUER: 'https://oidc.example',
      RESIDENT_OIDC_CLIENT_ID: 'frontdoor',
      RESIDENT_OIDC_CLIENT_SECRET: 'secret',
    })
    assert.deepEqual(config.oidc.staff?.roleMap, { Advisors: 'advisor', DPO: 'dpo' })
    assert.equal(config.oidc.staff?.roleClaim, 'roles')
    assert.equal(config.oidc.resident?.label, 'GOV.UK One Login')
    assert.deepEqual(loadConfig({ DATA_DIR: dataDir, SESSION_SECRET: SECRET }).oidc, {
      staff: undefined,
      resident: undefined,
    })
  })

  it('refuses half-configured single sign-on and roles Frontdoor does not know', () => {
    const staff = {
      STAFF_OIDC_ISSUER: 'https://login.example',
      STAFF_OIDC_CLIENT_ID: 'id',
      STAFF_OIDC_CLIENT_SECRET: 's',
    }
    assert.match(refusal({ STAFF_OIDC_ISSUER: 'not a url' }).message, /^STAFF_OIDC_ISSUER: /)
    assert.match(refusal({ STAFF_OIDC_ISSUER: 'https://login.example' }).message, /^STAFF_OIDC_CLIENT_ID: is required/)
    assert.match(refusal({ ...staff }).message, /^STAFF_OIDC_ROLES: is required/)
    assert.match(
      refusal({ ...staff, STAFF_OIDC_ROLES: 'Everyone=resident' }).message,
      /^STAFF_OIDC_ROLES: "Everyone=resident" must be/,
    )
    assert.match(refusal({ ...staff, STAFF_OIDC_ROLES: 'no-equals-sign' }).message, /^STAFF_OIDC_ROLES: /)
    assert.match(
      refusal({ RESIDENT_OIDC_ISSUER: 'https://oidc.example', RESIDENT_OIDC_CLIENT_ID: 'id' }).message,
      /^RESIDENT_OIDC_CLIENT_SECRET: is required/,
    )
  })

  it('defaults to SQLite in ./data, port 3000 and development', () => {
    const config = loadConfig({ SESSION_SECRET: SECRET })
    assert.deepEqual(config.database, { engine: 'sqlite', file: resolve('data', 'frontdoor.db') })
    assert.equal(config.port, 3000)
    assert.equal(config.host, '0.0.0.0')
    assert.equal(config.env, 'development')
    assert.equal(config.logLevel, 'info')
    assert.equal(config.seedDemoOnEmpty, true)
  })

  it('uses PostgreSQL for a postgres:// or postgresql:// URL', () => {
    for (const url of ['postgres://app@db.internal:5432/frontdoor', 'postgresql://app@db.internal/frontdoor']) {
      assert.deepEqual(loadConfig({ DATA_DIR: dataDir, SESSION_SECRET: SECRET, DATABASE_URL: url }).database, {
        engine: 'postgres',
        url,
      })
    }
  })

  it('takes a sqlite: URL as a file path', () => {
    const file = join(dataDir, 'other.db')
    assert.deepEqual(
      loadConfig({ DATA_DIR: dataDir, SESSION_SECRET: SECRET, DATABASE_URL: `sqlite:${file}` }).database,
      { engine: 'sqlite', file },
    )
  })

  it('generates a session secret into the data directory and keeps it across starts', () => {
    const first = loadConfig({ DATA_DIR: dataDir })
    assert.ok(first.sessionSecret.length >= 32)
    assert.equal(readFileSync(join(dataDir, 'session-secret'), 'utf8').trim(), first.sessionSecret)
    assert.equal(loadConfig({ DATA_DIR: dataDir }).sessionSecret, first.sessionSecret)
  })

  const badValues: [string, NodeJS.ProcessEnv][] = [
    ['PORT', { PORT: 'abc' }],
    ['PORT', { PORT: '70000' }],
    ['PORT', { PORT: '0' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://x' }],
    ['DATABASE_URL', { DATABASE_URL: 'sqlite:' }],
    ['NODE_ENV', { NODE_ENV: 'staging' }],
    ['SESSION_SECRET', { SESSION_SECRET: 'too-short' }],
    ['SESSION_SECRET', { NODE_ENV: 'production', SESSION_SECRET: undefined }],
    ['SEED_DEMO', { SEED_DEMO: 'perhaps' }],
    ['BODY_LIMIT_BYTES', { BODY_LIMIT_BYTES: '10' }],
  ]
  for (const [variable, env] of badValues) {
    it(`refuses ${JSON.stringify(env)} with one line naming ${variable}`, () => {
      const error = refusal(env)
      assert.match(error.message, new RegExp(`^${variable}: \\S`))
      assert.doesNotMatch(error.message, /\n/)
    })
  }

  it('does not write a secret when production refuses to start without one', () => {
    const empty = mkdtempSync(join(tmpdir(), 'frontdoor-config-prod-'))
    try {
      assert.throws(() => loadConfig({ DATA_DIR: empty, NODE_ENV: 'production' }), ConfigError)
      assert.equal(existsSync(join(empty, 'session-secret')), false)
    } finally {
      rmSync(empty, { recursive: true, force: true })
    }
  })
})

describe('a command started with a bad value', () => {
  const run = (env: NodeJS.ProcessEnv) =>
    spawnSync(process.execPath, [main, 'migrate'], {
      env: { ...childEnv(), DATA_DIR: dataDir, SESSION_SECRET: SECRET, ...env },
      encoding: 'utf8',
      timeout: 30_000,
    })

  for (const [variable, env] of [
    ['PORT', { PORT: 'abc' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://x' }],
  ] as const) {
    it(`stops with exactly one line on stderr naming ${variable}`, () => {
      const result = run(env)
      assert.notEqual(result.status, 0)
      const lines = result.stderr.split('\n').filter((line) => line !== '')
      assert.equal(lines.length, 1, `stderr was:\n${result.stderr}`)
      assert.match(lines[0]!, new RegExp(`\\b${variable}\\b`))
      assert.equal(result.stdout, '')
    })
  }

  it('migrates a fresh SQLite file when the configuration is good', () => {
    const result = run({ DATABASE_URL: `sqlite:${join(dataDir, 'cli.db')}` })
    assert.equal(result.status, 0, result.stderr)
    assert.match(result.stdout, /Applied: 001-domain, 002-resident-search/)
    assert.match(run({ DATABASE_URL: `sqlite:${join(dataDir, 'cli.db')}` }).stdout, /up to date/)
  })
})
