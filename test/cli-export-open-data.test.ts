// `frontdoor export open-data DIR` as an operator runs it: in a process of its own, against the
// SQLite file an app is serving, writing the same files the app serves at /open-data.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import dp from 'datapackage'
import type { Database } from '../src/platform/db/database.ts'
import { cliSandbox, oneErrorLine, usageText } from './support/cli.ts'
import { addService, addTeam } from './support/fixtures.ts'

describe('frontdoor export open-data', () => {
  const sandbox = cliSandbox('cli-open-data', { NODE_ENV: 'test', SESSION_SECRET: 's'.repeat(32), LOG_LEVEL: 'silent' })
  const run = sandbox.run
  let database: Database
  let app: FastifyInstance
  let folder: string

  before(async () => {
    ;({ database, app } = await sandbox.open())
    const created = run(
      'council',
      'create',
      '--slug',
      'exampleton',
      '--name',
      'Exampleton Council',
      '--host',
      'localhost',
    )
    assert.equal(created.status, 0, created.stderr)
    const council = await database.db.selectFrom('council').select('id').executeTakeFirstOrThrow()
    await addService(database, council.id, await addTeam(database, council.id), { open311_code: 'missed-bin' })
    folder = join(mkdtempSync(join(tmpdir(), 'frontdoor-open-data-cli-')), 'published')
  })
  after(async () => {
    rmSync(join(folder, '..'), { recursive: true, force: true })
    await sandbox.close()
  })

  it('is listed in the usage', () => {
    assert.match(usageText(), /export open-data DIR \[--council SLUG\]/)
  })

  it('writes every dataset as CSV and JSON with its schema and a datapackage.json that Frictionless Data accepts', async () => {
    const result = run('export', 'open-data', folder)
    assert.equal(result.status, 0, result.stderr)
    assert.match(result.stdout, /Open data written to .*published: .*datapackage\.json/)
    const files = readdirSync(folder).sort()
    assert.deepEqual(files, [
      'contact-figures.csv',
      'contact-figures.json',
      'contact-figures.schema.json',
      'datapackage.json',
      'requests.csv',
      'requests.json',
      'requests.schema.json',
      'services.csv',
      'services.json',
      'services.schema.json',
    ])
    const pack = await dp.Package.load(join(folder, 'datapackage.json'))
    assert.deepEqual(pack.errors, [])
    assert.equal(pack.valid, true)
    assert.match(readFileSync(join(folder, 'services.csv'), 'utf8'), /^service_code,name,/)
    const served = await app.inject({ method: 'GET', url: '/open-data/services.csv', headers: { host: 'localhost' } })
    assert.equal(served.body, readFileSync(join(folder, 'services.csv'), 'utf8'), 'the same file the app serves')
  })

  it('exports for the council named, and refuses one that does not exist', () => {
    const named = run('export', 'open-data', folder, '--council', 'exampleton')
    assert.equal(named.status, 0, named.stderr)
    oneErrorLine(
      run('export', 'open-data', folder, '--council', 'nowhere'),
      /^frontdoor: no council with slug "nowhere"$/,
    )
  })

  it('refuses a folder it cannot write to, with one line and exit code 2, writing nothing', () => {
    const file = join(folder, '..', 'a-file')
    writeFileSync(file, 'not a folder')
    oneErrorLine(run('export', 'open-data', file), /^frontdoor: .*a-file is not a folder$/)
    const orphan = join(folder, '..', 'missing', 'deeper')
    oneErrorLine(
      run('export', 'open-data', orphan),
      /^frontdoor: cannot make .*deeper: its parent folder does not exist$/,
    )
    assert.equal(existsSync(orphan), false)
  })

  it('refuses a missing folder, a second one and an unknown action with the usage', () => {
    oneErrorLine(run('export', 'open-data'), /DIR is required; usage: frontdoor export open-data DIR/)
    oneErrorLine(run('export', 'open-data', folder, 'other'), /unexpected "other"/)
    oneErrorLine(run('export', 'residents', folder), /unknown action "residents"; usage: frontdoor export open-data/)
    oneErrorLine(run('export'), /^frontdoor: usage: frontdoor export open-data DIR/)
  })
})
