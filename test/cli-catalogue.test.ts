// `frontdoor catalogue import` as an operator runs it: a bad file is one line naming each
// problem by its place, exit 2, and nothing written; a good one is reported by counts.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { fileURLToPath } from 'node:url'
import type { Database } from '../src/platform/db/database.ts'
import { cliSandbox, oneErrorLine } from './support/cli.ts'

const EXAMPLE = fileURLToPath(new URL('../docs/examples/catalogue.yaml', import.meta.url))

describe('frontdoor catalogue import', () => {
  const sandbox = cliSandbox('cli-catalogue', { SEED_DEMO: 'false', LOG_LEVEL: 'silent' })
  let database: Database
  const file = (name: string, text: string) => {
    const path = join(tmpdir(), `frontdoor-${process.pid}-${name}`)
    writeFileSync(path, text)
    return path
  }
  const count = async (table: 'service' | 'team' | 'partner_org') =>
    (await database.db.selectFrom(table).select('id').execute()).length

  before(async () => {
    ;({ database } = await sandbox.open())
  })
  after(() => sandbox.close())

  it('needs a council, a file, and a readable one', () => {
    oneErrorLine(sandbox.run('catalogue', 'import', EXAMPLE), /there is no council yet/)
    assert.equal(
      sandbox.run('council', 'create', '--slug', 'exampleton', '--name', 'Exampleton', '--host', 'exampleton.example')
        .status,
      0,
    )
    oneErrorLine(sandbox.run('catalogue'), /^frontdoor: usage: frontdoor catalogue import FILE.yaml/)
    oneErrorLine(sandbox.run('catalogue', 'import'), /usage: frontdoor catalogue import/)
    oneErrorLine(sandbox.run('catalogue', 'import', '/no/such/file.yaml'), /cannot read \/no\/such\/file.yaml: ENOENT/)
    oneErrorLine(
      sandbox.run('catalogue', 'import', file('syntax.yaml', 'teams: [\n')),
      /is not valid YAML or JSON: .* at line 2/,
    )
  })

  it('refuses a bad file whole, naming each problem, and writes nothing', async () => {
    const bad = file(
      'bad.json',
      JSON.stringify({
        teams: [{ name: 'Waste' }],
        services: [{ name: 'X', open311_code: 'x', team: 'Waste', target_hours: '16', offline_route: 'Phone us' }],
      }),
    )
    oneErrorLine(
      sandbox.run('catalogue', 'import', bad),
      /has 1 problem, so nothing was imported: services\[0\]\.target_hours must be integer$/,
    )
    assert.equal(await count('team'), 0)
  })

  it('imports the example, and again as updates', async () => {
    const first = sandbox.run('catalogue', 'import', EXAMPLE)
    assert.equal(first.status, 0, first.stderr)
    assert.match(
      first.stdout,
      /2 teams \(2 added, 0 updated\)\n {2}2 partner organisations \(2 added, 0 updated\)\n {2}5 services \(5 added, 0 updated\)/,
    )
    const again = sandbox.run('catalogue', 'import', EXAMPLE)
    assert.equal(again.status, 0, again.stderr)
    assert.match(again.stdout, /2 teams \(0 added, 0 updated, 2 unchanged\)/)
    assert.match(again.stdout, /5 services \(0 added, 5 updated\)/)
    assert.deepEqual([await count('team'), await count('partner_org'), await count('service')], [2, 2, 5])
  })
})
