import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase, nowIso } from '../platform/db/database.ts'
import { migrateToLatest } from '../platform/db/migrate.ts'

const MAIN = join(import.meta.dirname, '..', 'main.ts')

type Run = { code: number; stdout: string; stderr: string }

function runCli(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [MAIN, ...args], { env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr })
    })
  })
}

function lastLines(text: string, count: number): string[] {
  return text.trimEnd().split('\n').slice(-count)
}

describe('frontdoor import (CLI)', () => {
  let dir: string
  let env: Record<string, string>

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'frontdoor-cli-import-'))
    const file = join(dir, 'frontdoor.db')
    const database = openDatabase({ engine: 'sqlite', file })
    await migrateToLatest(database)
    await database.db
      .insertInto('council')
      .values({
        slug: 'exampleton',
        name: 'Exampleton District Council',
        hostnames: '[]',
        settings: '{}',
        created_at: nowIso(),
      })
      .execute()
    await database.close()
    env = {
      DATABASE_URL: `sqlite:${file}`,
      SEED_DEMO: 'false',
      NODE_ENV: 'test',
      DATA_DIR: dir,
      SESSION_SECRET: 's'.repeat(32),
    }
  })
  after(() => rmSync(dir, { recursive: true, force: true }))

  it('imports the good rows, lists the rejected ones by line and exits 1', async () => {
    const csv = join(dir, 'residents.csv')
    writeFileSync(
      csv,
      'external_id,given_name,family_name,email\nr-1,Ann,Example,ann@example.org\nr-2,Ben,Example,not-an-email\n,Cat,Example,\n',
    )
    const run = await runCli(['import', 'residents', csv], env)
    assert.equal(run.code, 1, run.stderr)
    assert.match(run.stdout, /read {6}3\n {2}inserted {2}2\n {2}updated {3}0\n {2}rejected {2}1\n/)
    assert.deepEqual(lastLines(run.stdout, 3), [
      '1 row had no external_id: it was added as a new record, and importing it again would add it again.',
      'Rejected rows (line numbers count the header as line 1):',
      'line 3: email is not a valid email address',
    ])
    assert.doesNotMatch(run.stdout + run.stderr, /not-an-email|Ben/)
  })

  it('exits 0 when every row is imported, and a second run updates', async () => {
    const csv = join(dir, 'contacts.csv')
    writeFileSync(
      csv,
      'external_id,channel,direction,started_at,outcome\nc-1,phone,inbound,2024-03-01T09:00:00Z,resolved_first_contact\n',
    )
    const first = await runCli(['import', 'contacts', csv, '--council', 'exampleton'], env)
    assert.equal(first.code, 0, first.stderr)
    assert.deepEqual(lastLines(first.stdout, 3), ['  inserted  1', '  updated   0', '  rejected  0'])
    const second = await runCli(['import', 'contacts', csv], env)
    assert.equal(second.code, 0, second.stderr)
    assert.deepEqual(lastLines(second.stdout, 3), ['  inserted  0', '  updated   1', '  rejected  0'])
  })

  it('imports the gazetteer, naming a bad row by its line, and updates a property by its UPRN on a second run', async () => {
    const csv = join(dir, 'addresses.csv')
    writeFileSync(
      csv,
      'uprn,address_line_1,town,postcode\n100012345678,1 High Street,Exampleton,EX1 1AA\nnot-a-uprn,2 High Street,Exampleton,EX1 1AA\n',
    )
    const first = await runCli(['import', 'addresses', csv], env)
    assert.equal(first.code, 1, first.stderr)
    assert.match(first.stdout, / {2}inserted {2}1\n {2}updated {3}0\n {2}rejected {2}1\n/)
    assert.equal(lastLines(first.stdout, 1)[0], 'line 3: uprn must be 1 to 12 digits')
    writeFileSync(csv, 'uprn,address_line_1,town,postcode\n100012345678,1 High Street,Exampleton Magna,EX1 1AA\n')
    const second = await runCli(['import', 'addresses', csv], env)
    assert.equal(second.code, 0, second.stderr)
    assert.deepEqual(lastLines(second.stdout, 3), ['  inserted  0', '  updated   1', '  rejected  0'])
  })

  it('refuses a file with an unknown column in one line naming it, with exit code 2', async () => {
    const csv = join(dir, 'bad-header.csv')
    writeFileSync(
      csv,
      'channel,direction,started_at,outcome,mood\nphone,inbound,2024-03-01T09:00:00Z,abandoned,grumpy\n',
    )
    const run = await runCli(['import', 'contacts', csv], env)
    assert.equal(run.code, 2)
    assert.equal(run.stdout, '')
    assert.equal(run.stderr.trimEnd().split('\n').length, 1)
    assert.match(
      run.stderr,
      /^frontdoor: .*bad-header\.csv: the contacts file was refused, nothing was imported: unknown column mood/,
    )
  })

  it('refuses a missing file, an unknown kind and an unknown council with exit code 2', async () => {
    const missing = await runCli(['import', 'cases', join(dir, 'nowhere.csv')], env)
    assert.equal(missing.code, 2)
    assert.match(missing.stderr, /nowhere\.csv: the file does not exist/)
    const kind = await runCli(['import', 'meetings', join(dir, 'contacts.csv')], env)
    assert.equal(kind.code, 2)
    assert.match(
      kind.stderr,
      /cannot import "meetings": usage: frontdoor import residents\|contacts\|cases\|calls\|addresses FILE\.csv/,
    )
    const council = await runCli(['import', 'contacts', join(dir, 'contacts.csv'), '--council', 'elsewhere'], env)
    assert.equal(council.code, 2)
    assert.match(council.stderr, /no council with slug "elsewhere"/)
  })
})
