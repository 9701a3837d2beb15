// The command line refuses what it does not understand: an unknown flag, a stray word, a flag
// given twice, each with one line naming the problem and the command's usage, exit code 2 and
// nothing done. Settings that cannot work are refused the same way, naming the setting.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Database } from '../src/platform/db/database.ts'
import { nowIso } from '../src/platform/db/database.ts'
import { cliSandbox, oneErrorLine } from './support/cli.ts'
import { childEnv } from './support/child-env.ts'

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url))

/** `frontdoor migrate` with only these settings. */
const migrateWith = (env: Record<string, string>) =>
  spawnSync(process.execPath, [MAIN, 'migrate'], {
    env: { ...childEnv(), DATA_DIR: tmpdir(), SESSION_SECRET: 's'.repeat(32), ...env },
    encoding: 'utf8',
    timeout: 30_000,
  })

describe('frontdoor refusing what it does not understand', () => {
  const sandbox = cliSandbox('cli-refusals', { SEED_DEMO: 'false' })
  const run = sandbox.run
  let database: Database

  before(async () => {
    ;({ database } = await sandbox.open())
    await database.db
      .insertInto('council')
      .values({ slug: 'ashby', name: 'Ashby District Council', hostnames: '[]', settings: '{}', created_at: nowIso() })
      .execute()
  })
  after(() => sandbox.close())

  const refusals: [string[], RegExp][] = [
    [
      ['serve', '--port', '3401', '--bogus'],
      /^frontdoor: unknown flag --bogus; usage: frontdoor serve \[--port PORT\]/,
    ],
    [['serve', '--port', 'eighty'], /--port "eighty" is not a port number.*; usage: frontdoor serve/],
    [['serve', 'now'], /unexpected "now".*; usage: frontdoor serve/],
    [['migrate', '--bogus'], /^frontdoor: unknown flag --bogus; usage: frontdoor migrate$/],
    [['audit', 'verify', '--bogus'], /^frontdoor: unknown flag --bogus; usage: frontdoor audit verify$/],
    [['audit', 'check'], /unknown action "check"; usage: frontdoor audit verify/],
    [['seed', '--demo', '--forse'], /unknown flag --forse; usage: frontdoor seed --demo/],
    [['seed', '--demo=yes'], /--demo takes no value; usage: frontdoor seed/],
    [
      ['token', 'create', '--role', 'advisor', '--name', 'desk', 'extra'],
      /unexpected "extra".*; usage: frontdoor token create/,
    ],
    [
      ['token', 'create', '--role', 'advisor', '--role', 'admin', '--name', 'desk'],
      /--role is given twice.*; usage: frontdoor token create/,
    ],
    [['token', 'create', '--role', '--name', 'desk'], /--role needs a value; usage: frontdoor token create/],
    [['token', 'create', '--nmae', 'desk', '--role', 'advisor'], /unknown flag --nmae; usage: frontdoor token create/],
    [['token', 'create', '-r', 'advisor', '--name', 'desk'], /unknown flag -r; usage: frontdoor token create/],
    [['token', 'list', '--all'], /unknown flag --all; usage: frontdoor token list/],
    [['token', 'revoke', '--id', 'first'], /--id "first" is not a token number.*; usage: frontdoor token revoke/],
    [['token', 'remove', '--id', '1'], /unknown action "remove"; usage: frontdoor token create/],
    [
      ['council', 'create', '--slug', 'vale', '--name', 'Vale', '--host', 'vale.example', '--hots', 'x'],
      /unknown flag --hots; usage: frontdoor council create/,
    ],
    [
      ['staff', 'disable', '--email', 'a@council.example', '--email', 'b@council.example'],
      /--email is given twice.*; usage: frontdoor staff disable/,
    ],
    [['import', 'residents', 'people.csv', 'more.csv'], /unexpected "more.csv".*; usage: frontdoor import/],
    [['import', 'residents', 'people.csv', '--dry-run'], /unknown flag --dry-run; usage: frontdoor import/],
  ]
  for (const [args, pattern] of refusals) {
    it(`refuses \`frontdoor ${args.join(' ')}\` with one line and its usage, exit 2`, () => {
      oneErrorLine(run(...args), pattern)
    })
  }

  it('creates no token for any refused token command', async () => {
    const tokens = await database.db.selectFrom('api_token').select('id').execute()
    assert.deepEqual(tokens, [])
  })

  it('refuses a sqlite: file in a folder that does not exist, naming DATABASE_URL, and creates nothing', () => {
    const folder = join(tmpdir(), `frontdoor-no-such-folder-${process.pid}`)
    const result = migrateWith({ DATABASE_URL: `sqlite:${join(folder, 'frontdoor.db')}` })
    oneErrorLine(result, /^frontdoor: DATABASE_URL: the folder .*no-such-folder-\d+ does not exist/)
    assert.equal(existsSync(folder), false)
  })

  it('names DATABASE_URL and the host when PostgreSQL cannot be reached, and not the password', () => {
    const result = migrateWith({ DATABASE_URL: 'postgres://frontdoor:s3cret@127.0.0.1:1/frontdoor' })
    oneErrorLine(
      result,
      /^frontdoor: DATABASE_URL: cannot connect to PostgreSQL at 127\.0\.0\.1:1: nothing is listening there$/,
    )
    assert.doesNotMatch(result.stderr, /s3cret|migration unknown/)
  })
})
