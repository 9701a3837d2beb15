// The command line as an operator runs it: `frontdoor` in a process of its own against a SQLite
// file in a folder of its own, beside an app serving that same file, so a test sees what each
// command did the way a running deployment would.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import type { SpawnSyncReturns } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../src/app.ts'
import { loadConfig } from '../../src/config.ts'
import { openDatabase } from '../../src/platform/db/database.ts'
import type { Database } from '../../src/platform/db/database.ts'
import { migrateToLatest } from '../../src/platform/db/migrate.ts'
import { childEnv } from './child-env.ts'

const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url))

export type CliResult = SpawnSyncReturns<string>

export type CliSandbox = {
  /** Runs `frontdoor ...args` against the sandbox's database file, with `env` on top of PATH, DATABASE_URL and DATA_DIR. */
  run(...args: string[]): CliResult
  /** The same, with more settings for this one run. */
  runWith(extra: Record<string, string>, ...args: string[]): CliResult
  /** The migrated database and an app serving it; open them in `before`. */
  open(): Promise<{ database: Database; app: FastifyInstance }>
  /** Closes what `open` opened and removes the folder; call it in `after`. */
  close(): Promise<void>
}

export function cliSandbox(name: string, env: Record<string, string>): CliSandbox {
  const dir = mkdtempSync(join(tmpdir(), `frontdoor-${name}-`))
  const file = join(dir, 'cli.db')
  let opened: { database: Database; app: FastifyInstance } | undefined
  const runWith = (extra: Record<string, string>, ...args: string[]) =>
    spawnSync(process.execPath, [MAIN, ...args], {
      env: { ...childEnv(), DATABASE_URL: `sqlite:${file}`, DATA_DIR: dir, ...env, ...extra },
      encoding: 'utf8',
      timeout: 30_000,
    })
  return {
    run: (...args) => runWith({}, ...args),
    runWith,
    async open() {
      const database = openDatabase({ engine: 'sqlite', file })
      await migrateToLatest(database)
      const app = await buildApp({
        config: loadConfig({ NODE_ENV: 'test', SESSION_SECRET: 'x'.repeat(32), RATE_LIMITS: 'false' }),
        database,
      })
      opened = { database, app }
      return opened
    },
    async close() {
      await opened?.app.close()
      await opened?.database.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** The usage `frontdoor help` prints, with no database or settings at all. */
export function usageText(): string {
  return spawnSync(process.execPath, [MAIN, 'help'], { encoding: 'utf8', env: { ...childEnv() } }).stdout
}

/** A mistake the operator can fix: exit code 2, nothing on stdout, one line on stderr saying what. */
export function oneErrorLine(result: CliResult, pattern: RegExp): void {
  assert.equal(result.status, 2, result.stderr)
  assert.equal(result.stdout, '')
  const lines = result.stderr.split('\n').filter(Boolean)
  assert.equal(lines.length, 1, result.stderr)
  assert.match(lines[0]!, pattern)
}
