// The command line as an operator meets it: results on stdout, one line on stderr for a mistake,
// exit code 2 for a mistake they can fix.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { nowIso, openDatabase } from '../src/platform/db/database.ts'
import { migrateToLatest } from '../src/platform/db/migrate.ts'
import { findTokenHolder } from '../src/platform/auth/tokens.ts'
import { childEnv } from './support/child-env.ts'

const main = fileURLToPath(new URL('../src/main.ts', import.meta.url))

describe('frontdoor command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'frontdoor-cli-'))
  const file = join(dir, 'cli.db')
  after(() => rmSync(dir, { recursive: true, force: true }))

  const run = (...args: string[]) =>
    spawnSync(process.execPath, [main, ...args], {
      env: { ...childEnv(), DATABASE_URL: `sqlite:${file}`, SEED_DEMO: 'false', DATA_DIR: dir },
      encoding: 'utf8',
      timeout: 30_000,
    })

  const withDatabase = async <T>(work: (database: ReturnType<typeof openDatabase>) => Promise<T>): Promise<T> => {
    const database = openDatabase({ engine: 'sqlite', file })
    try {
      await migrateToLatest(database)
      return await work(database)
    } finally {
      await database.close()
    }
  }

  const oneErrorLine = (stderr: string, pattern: RegExp) => {
    const lines = stderr.split('\n').filter(Boolean)
    assert.equal(lines.length, 1, stderr)
    assert.match(lines[0]!, pattern)
  }

  it('prints its usage', () => {
    const result = run('help')
    assert.equal(result.status, 0)
    for (const command of ['serve', 'migrate', 'seed --demo', 'token create', 'import', 'audit verify'])
      assert.ok(result.stdout.includes(command), command)
  })

  it('refuses an unknown command with exit code 2', () => {
    const result = run('frobnicate')
    assert.equal(result.status, 2)
    assert.match(result.stderr, /unknown command "frobnicate"/)
  })

  describe('token create', () => {
    before(() => {
      assert.equal(run('migrate').status, 0)
    })

    it('says to create a council first when there is none', () => {
      const result = run('token', 'create', '--role', 'advisor', '--name', 'desk')
      assert.equal(result.status, 2)
      oneErrorLine(result.stderr, /no council yet/)
    })

    it('refuses a role that does not exist, and a missing name', () => {
      const role = run('token', 'create', '--role', 'superuser', '--name', 'x')
      assert.equal(role.status, 2)
      oneErrorLine(role.stderr, /--role must be one of/)
      const name = run('token', 'create', '--role', 'advisor')
      assert.equal(name.status, 2)
      oneErrorLine(name.stderr, /--name is required/)
    })

    it('prints a working token alone on its last line', async () => {
      const councilId = await withDatabase(async (database) => {
        const row = await database.db
          .insertInto('council')
          .values({ slug: 'cli', name: 'CLI Council', hostnames: '[]', settings: '{}', created_at: nowIso() })
          .returning('id')
          .executeTakeFirstOrThrow()
        return row.id
      })
      const result = run('token', 'create', '--role', 'manager', '--name', 'dashboards')
      assert.equal(result.status, 0, result.stderr)
      const token = result.stdout.trimEnd().split('\n').at(-1)!
      assert.match(token, /^fd_[\w-]+$/)
      const holder = await withDatabase((database) => findTokenHolder(database, token))
      assert.deepEqual(holder && { councilId: holder.councilId, role: holder.role, name: holder.name }, {
        councilId,
        role: 'manager',
        name: 'dashboards',
      })
    })

    it('names the council to use when there are several', async () => {
      await withDatabase(async (database) => {
        await database.db
          .insertInto('council')
          .values({ slug: 'second', name: 'Second Council', hostnames: '[]', settings: '{}', created_at: nowIso() })
          .execute()
      })
      const ambiguous = run('token', 'create', '--role', 'admin', '--name', 'x')
      assert.equal(ambiguous.status, 2)
      oneErrorLine(ambiguous.stderr, /--council SLUG/)
      const chosen = run('token', 'create', '--role', 'admin', '--name', 'x', '--council', 'second')
      assert.equal(chosen.status, 0, chosen.stderr)
      assert.match(chosen.stdout, /Second Council/)
      const unknown = run('token', 'create', '--role', 'admin', '--name', 'x', '--council', 'nowhere')
      assert.equal(unknown.status, 2)
      oneErrorLine(unknown.stderr, /no council with slug "nowhere"/)
    })
  })

  it('refuses audit without verify', () => {
    const result = run('audit')
    assert.equal(result.status, 2)
    oneErrorLine(result.stderr, /usage: frontdoor audit verify/)
  })
})
