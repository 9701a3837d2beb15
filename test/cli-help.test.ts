// Every command answers `--help` (or `-h`) with its usage on stdout and exit code 0, before it
// touches the database: an operator finding their way round the command line is not refused.
import { after, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { childEnv } from './support/child-env.ts'

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url))
const COMMANDS = [
  'serve',
  'migrate',
  'seed',
  'council',
  'token',
  'staff',
  'import',
  'catalogue',
  'audit',
  'export',
  'metrics',
  'telephony',
  'briefing',
]

describe('frontdoor COMMAND --help', () => {
  const dir = mkdtempSync(join(tmpdir(), 'frontdoor-cli-help-'))
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [MAIN, ...args], {
      env: { ...childEnv(), DATA_DIR: dir, DATABASE_URL: `sqlite:${join(dir, 'help.db')}` },
      encoding: 'utf8',
      timeout: 30_000,
    })
  after(() => rmSync(dir, { recursive: true, force: true }))

  for (const command of COMMANDS)
    it(`frontdoor ${command} --help prints its usage and succeeds`, () => {
      const result = run(command, '--help')
      assert.equal(result.stderr, '')
      assert.equal(result.status, 0)
      assert.match(result.stdout, new RegExp(`^usage: frontdoor ${command}\\b`))
    })

  it('takes -h, and --help after other flags, the same way, and opens no database', () => {
    const short = run('briefing', '-h')
    assert.equal(short.status, 0)
    assert.match(short.stdout, /--from YYYY-MM-DD --to YYYY-MM-DD --out FILE\.pdf/)
    const late = run('briefing', '--from', '2025-01-01', '--help')
    assert.equal(late.status, 0)
    assert.match(late.stdout, /^usage: frontdoor briefing/)
    assert.equal(existsSync(join(dir, 'help.db')), false, readdirSync(dir).join(', '))
  })

  it('still refuses a flag it does not know, with exit code 2', () => {
    const result = run('briefing', '--helpful')
    assert.equal(result.status, 2)
    assert.match(result.stderr, /unknown flag --helpful/)
  })
})
