// A real deployment's first steps as an operator takes them, on an empty SQLite file in production
// mode (no demo): `council create`, then `staff create` for the first administrator, whose
// one-time password works at the sign-in page of the app serving that file.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import type { Database } from '../src/platform/db/database.ts'
import { TestClient } from './support/client.ts'
import { cliSandbox, oneErrorLine, usageText } from './support/cli.ts'

const HOST = 'contact.exampleton.example'

describe('frontdoor council', () => {
  // Production as deployed: no demo seeding by default, an https address, a set session secret.
  const sandbox = cliSandbox('cli-council', {
    NODE_ENV: 'production',
    PUBLIC_URL: `https://${HOST}`,
    SESSION_SECRET: 'p'.repeat(32),
    LOG_LEVEL: 'silent',
  })
  const run = sandbox.run
  let database: Database
  let app: FastifyInstance

  const councils = async () =>
    (
      await database.db.selectFrom('council').select(['slug', 'name', 'hostnames', 'settings']).orderBy('id').execute()
    ).map((row) => ({ ...row }))

  before(async () => {
    ;({ database, app } = await sandbox.open())
  })
  after(() => sandbox.close())

  it('is listed in the usage, and explains itself when given no action', () => {
    assert.match(usageText(), /council create --slug S --name N --host H/)
    oneErrorLine(run('council'), /^frontdoor: usage: frontdoor council create --slug SLUG --name NAME --host HOSTNAME/)
    oneErrorLine(run('council', 'delete', '--slug', 'x'), /usage: frontdoor council create/)
  })

  it('on an empty database, staff create says to create the council first', async () => {
    oneErrorLine(
      run('staff', 'create', '--email', 'sam.carter@exampleton.example', '--name', 'Sam Carter', '--role', 'admin'),
      /there is no council yet: run `frontdoor council create` or `frontdoor seed --demo`/,
    )
    assert.deepEqual(await councils(), [])
  })

  it('creates the council, then its first administrator, who signs in with the printed password and must choose their own', async () => {
    const council = run(
      'council',
      'create',
      '--slug',
      'exampleton',
      '--name',
      'Exampleton District Council',
      '--host',
      HOST,
      '--host',
      'Staff.Exampleton.Example',
    )
    assert.equal(council.status, 0, council.stderr)
    assert.match(
      council.stdout,
      /^Created council "exampleton": Exampleton District Council, answering at contact\.exampleton\.example, staff\.exampleton\.example\.\n/,
    )
    assert.match(council.stdout, /npx frontdoor staff create --council exampleton/)
    assert.deepEqual(await councils(), [
      {
        slug: 'exampleton',
        name: 'Exampleton District Council',
        hostnames: JSON.stringify([HOST, 'staff.exampleton.example']),
        settings: '{}',
      },
    ])
    const audit = await database.db
      .selectFrom('audit_event')
      .select(['action', 'actor_kind', 'actor_label', 'subject_type'])
      .execute()
    assert.deepEqual(
      audit.map((row) => ({ ...row })),
      [{ action: 'council_created', actor_kind: 'system', actor_label: 'cli', subject_type: 'council' }],
    )

    const admin = run(
      'staff',
      'create',
      '--email',
      'sam.carter@exampleton.example',
      '--name',
      'Sam Carter',
      '--role',
      'admin',
    )
    assert.equal(admin.status, 0, admin.stderr)
    assert.match(admin.stdout, /^Created a staff account for Sam Carter at Exampleton District Council \(admin\)\./)
    assert.match(admin.stdout, /sign in at https:\/\/contact\.exampleton\.example\/staff\/sign-in/)
    const password = admin.stdout.trimEnd().split('\n').at(-1)!
    assert.match(password, /^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/)

    const browser = new TestClient(app, HOST)
    const page = await browser.get('/staff/sign-in')
    assert.match(page.body, /Exampleton District Council/)
    const signIn = await browser.submit('/staff/sign-in', { email: 'sam.carter@exampleton.example', password })
    assert.equal(signIn.statusCode, 303)
    assert.equal(signIn.headers.location, '/staff/sign-in/new-password')
    const next = await browser.follow(signIn)
    assert.equal(next.statusCode, 200)
    assert.match(next.body, /autocomplete="new-password"/)
  })

  it('refuses a slug or host name already in use, whatever the case of the host, with one line and exit code 2', async () => {
    oneErrorLine(
      run('council', 'create', '--slug', 'exampleton', '--name', 'Another Council', '--host', 'another.example'),
      /^frontdoor: there is already a council with slug "exampleton"$/,
    )
    oneErrorLine(
      run(
        'council',
        'create',
        '--slug',
        'county',
        '--name',
        'County Council',
        '--host',
        'county.example',
        '--host',
        'STAFF.exampleton.example',
      ),
      /^frontdoor: host name staff\.exampleton\.example already belongs to council "exampleton"$/,
    )
    assert.deepEqual(
      (await councils()).map((c) => c.slug),
      ['exampleton'],
    )
  })

  it('refuses a bad slug, an empty name and anything but a plain host name, with one line and exit code 2', async () => {
    const create = (slug: string, name: string, ...hosts: string[]) =>
      run('council', 'create', '--slug', slug, '--name', name, ...hosts.flatMap((host) => ['--host', host]))
    oneErrorLine(
      create('County Council', 'County Council', 'county.example'),
      /--slug "County Council" is not a slug: use lowercase letters, digits and hyphens/,
    )
    oneErrorLine(create('County', 'County Council', 'county.example'), /--slug "County" is not a slug/)
    oneErrorLine(create('county_council', 'County Council', 'county.example'), /--slug "county_council" is not a slug/)
    oneErrorLine(create('county', '   ', 'county.example'), /--name is required/)
    oneErrorLine(run('council', 'create', '--slug', 'county', '--host', 'county.example'), /--name is required/)
    oneErrorLine(run('council', 'create', '--name', 'County Council', '--host', 'county.example'), /--slug is required/)
    oneErrorLine(create('county', 'County Council'), /--host is required/)
    oneErrorLine(
      create('county', 'County Council', 'https://county.example'),
      /--host "https:\/\/county\.example" is not a host name: leave out the scheme/,
    )
    oneErrorLine(
      create('county', 'County Council', 'county.example/staff'),
      /--host "county\.example\/staff" is not a host name: leave out the path/,
    )
    oneErrorLine(create('county', 'County Council', 'county.example:8443'), /leave out the port/)
    oneErrorLine(
      create('county', 'County Council', 'county.example', 'county..example'),
      /--host "county\.\.example" is not a host name/,
    )
    oneErrorLine(
      run(
        'council',
        'create',
        '--slug',
        'county',
        '--name',
        'County Council',
        '--host',
        'county.example',
        '--colour',
        'blue',
      ),
      /^frontdoor: unknown flag --colour; usage: frontdoor council create --slug SLUG --name NAME --host HOSTNAME/,
    )
    oneErrorLine(
      run('council', 'create', '--slug', 'county', '--name', 'County', 'Council', '--host', 'county.example'),
      /^frontdoor: unexpected "Council": put a value with spaces in quotes/,
    )
    assert.deepEqual(
      (await councils()).map((c) => c.slug),
      ['exampleton'],
    )
  })

  it('adds a second council on its own host names; staff create then asks which council', async () => {
    const county = run('council', 'create', '--slug', 'county', '--name', 'County Council', '--host', 'county.example')
    assert.equal(county.status, 0, county.stderr)
    oneErrorLine(
      run('staff', 'create', '--email', 'jo@county.example', '--name', 'Jo', '--role', 'admin'),
      /there are several councils: name one with --council SLUG/,
    )
    const page = await new TestClient(app, 'county.example').get('/staff/sign-in')
    assert.match(page.body, /County Council/)
    assert.doesNotMatch(page.body, /Exampleton/)
  })
})
