// `frontdoor staff create` and `staff disable` as an operator runs them, against the same SQLite
// file a running app serves: the one-time password printed works at the sign-in page, a partner
// is tied to their organisation, and disabling someone ends their session in the app at once.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import { nowIso } from '../src/platform/db/database.ts'
import type { Database } from '../src/platform/db/database.ts'
import { verifyPassword } from '../src/platform/auth/passwords.ts'
import { sessionCookie } from './support/accounts.ts'
import { TestClient } from './support/client.ts'
import { cliSandbox, oneErrorLine, usageText } from './support/cli.ts'

describe('frontdoor staff', () => {
  const sandbox = cliSandbox('cli-staff', { SEED_DEMO: 'false' })
  const run = (...args: string[]) => sandbox.run('staff', ...args)
  let database: Database
  let app: FastifyInstance
  let councilId: number
  let partnerOrgId: number

  const staffByEmail = (email: string) =>
    database.db.selectFrom('staff_user').selectAll().where('email', '=', email).executeTakeFirst()

  before(async () => {
    ;({ database, app } = await sandbox.open())
    const row = await database.db
      .insertInto('council')
      .values({
        slug: 'cli',
        name: 'CLI District Council',
        hostnames: JSON.stringify(['localhost']),
        settings: '{}',
        created_at: nowIso(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    councilId = row.id
    const org = (name: string, active: 0 | 1) =>
      database.db
        .insertInto('partner_org')
        .values({
          council_id: councilId,
          name,
          description: null,
          email: null,
          phone: null,
          website: null,
          open_referral_id: null,
          active,
          created_at: nowIso(),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    partnerOrgId = (await org('Ashby Age Concern', 1)).id
    await org('Closed Food Bank', 0)
  })
  after(() => sandbox.close())

  it('is listed in the usage, and explains itself when given no action', () => {
    const help = usageText()
    assert.match(help, /staff create --email E --name N --role R/)
    assert.match(help, /staff disable --email E/)
    oneErrorLine(run(), /usage: frontdoor staff create/)
  })

  it('gives the sign-in address from PUBLIC_URL, and says when PUBLIC_URL is unset that the address is this machine only', () => {
    const withUrl = sandbox.runWith(
      { PUBLIC_URL: 'https://contact.cli.example' },
      'staff',
      'create',
      '--email',
      'public.url@council.example',
      '--name',
      'Pat Url',
      '--role',
      'advisor',
    )
    assert.equal(withUrl.status, 0, withUrl.stderr)
    assert.match(withUrl.stdout, /sign in at https:\/\/contact\.cli\.example\/staff\/sign-in /)
    assert.doesNotMatch(withUrl.stdout, /PUBLIC_URL is not set/)

    const without = run('create', '--email', 'no.url@council.example', '--name', 'Nat Url', '--role', 'advisor')
    assert.equal(without.status, 0, without.stderr)
    assert.match(without.stdout, /PUBLIC_URL is not set, so this is the address of this machine only/)
    assert.match(without.stdout, /sign in at http:\/\/localhost:\d+\/staff\/sign-in /)
  })

  it('creates an account whose one-time password, alone on the last line, must be changed at first sign-in', async () => {
    const result = run(
      'create',
      '--email',
      'Sam.Carter@council.example',
      '--name',
      'Sam Carter',
      '--role',
      'admin',
      '--role',
      'dpo',
    )
    assert.equal(result.status, 0, result.stderr)
    const lines = result.stdout.trimEnd().split('\n')
    const password = lines.at(-1)!
    assert.match(password, /^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/)
    assert.match(result.stdout, /\/staff\/sign-in/)

    const staff = await staffByEmail('sam.carter@council.example')
    assert.ok(staff, 'the email is stored in lower case')
    assert.equal(staff.name, 'Sam Carter')
    assert.equal(staff.must_change_password, 1)
    assert.equal(staff.council_id, councilId)
    assert.ok(staff.password_hash && (await verifyPassword(password, staff.password_hash)))
    const roles = await database.db
      .selectFrom('staff_role')
      .select('role')
      .where('staff_user_id', '=', staff.id)
      .orderBy('role')
      .execute()
    assert.deepEqual(
      roles.map((r) => r.role),
      ['admin', 'dpo'],
    )
    const audit = await database.db
      .selectFrom('audit_event')
      .select(['action', 'actor_kind', 'detail'])
      .where('subject_id', '=', String(staff.id))
      .execute()
    assert.deepEqual(
      audit.map((a) => [a.action, a.actor_kind]),
      [['staff_created', 'system']],
    )
    assert.ok(
      !audit[0]!.detail!.includes(password) && !audit[0]!.detail!.includes('sam.carter'),
      'no secret or personal data in the audit detail',
    )

    const client = new TestClient(app)
    const signIn = await client.submit('/staff/sign-in', { email: 'sam.carter@council.example', password })
    assert.equal(signIn.headers.location, '/staff/sign-in/new-password')
  })

  it('refuses a second account with the same email, whatever its case', () => {
    oneErrorLine(
      run('create', '--email', 'SAM.CARTER@council.example', '--name', 'Other', '--role', 'advisor'),
      /already has a staff account at CLI District Council/,
    )
  })

  it('refuses a bad email, an unknown or resident role, and missing flags, each with one line and exit code 2', async () => {
    oneErrorLine(
      run('create', '--email', 'not-an-email', '--name', 'A', '--role', 'advisor'),
      /--email "not-an-email" is not an email address/,
    )
    oneErrorLine(
      run('create', '--email', 'a@council.example', '--name', 'A', '--role', 'superuser'),
      /--role "superuser" is not a staff role/,
    )
    oneErrorLine(
      run('create', '--email', 'a@council.example', '--name', 'A', '--role', 'resident'),
      /--role "resident" is not a staff role: residents sign in with their own e-account/,
    )
    oneErrorLine(
      run('create', '--email', 'a@council.example', '--name', 'A', '--role', 'advisor', '--role', 'resident'),
      /--role "resident" is not a staff role/,
    )
    oneErrorLine(run('create', '--email', 'a@council.example', '--name', 'A'), /--role is required/)
    oneErrorLine(run('create', '--email', 'a@council.example', '--role', 'advisor'), /--name is required/)
    oneErrorLine(run('create', '--name', 'A', '--role', 'advisor'), /--email is required/)
    oneErrorLine(
      run('create', '--email', 'a@council.example', '--name', 'A', '--role', 'advisor', '--council', 'nowhere'),
      /no council with slug "nowhere"/,
    )
    oneErrorLine(
      run('create', '--email', 'a@council.example', '--name', 'Sam', 'Carter', '--role', 'advisor'),
      /^frontdoor: unexpected "Carter": put a value with spaces in quotes, such as --name "Sam Carter"; usage: frontdoor staff create --email E --name N --role ROLE /,
    )
    assert.equal(await staffByEmail('a@council.example'), undefined)
  })

  it('creates a partner for an organisation named whatever its case, who signs in and is sent to choose a password', async () => {
    const result = run(
      'create',
      '--email',
      'dev.mistry@ashby.example',
      '--name',
      'Dev Mistry',
      '--role',
      'partner',
      '--partner-org',
      'ashby AGE concern',
    )
    assert.equal(result.status, 0, result.stderr)
    assert.match(
      result.stdout,
      /^Created a staff account for Dev Mistry at CLI District Council \(partner, for ashby AGE concern\)\./,
    )
    const staff = (await staffByEmail('dev.mistry@ashby.example'))!
    assert.equal(staff.partner_org_id, partnerOrgId)
    const audit = await database.db
      .selectFrom('audit_event')
      .select('detail')
      .where('action', '=', 'staff_created')
      .where('subject_id', '=', String(staff.id))
      .executeTakeFirstOrThrow()
    assert.deepEqual(JSON.parse(audit.detail!), { roles: ['partner'], partner_org_id: partnerOrgId })
    const signIn = await new TestClient(app).submit('/staff/sign-in', {
      email: 'dev.mistry@ashby.example',
      password: result.stdout.trimEnd().split('\n').at(-1)!,
    })
    assert.equal(signIn.headers.location, '/staff/sign-in/new-password')
  })

  it('refuses a partner without an organisation, an organisation without the partner role, and an organisation it cannot find', async () => {
    const partner = (...more: string[]) => run('create', '--email', 'p@partner.example', '--name', 'P', ...more)
    oneErrorLine(
      partner('--role', 'partner'),
      /^frontdoor: --role partner needs --partner-org "ORG NAME": a partner sees only their own organisation's referrals$/,
    )
    oneErrorLine(
      partner('--role', 'advisor', '--partner-org', 'Ashby Age Concern'),
      /^frontdoor: --partner-org is only for --role partner$/,
    )
    oneErrorLine(partner('--role', 'partner', '--partner-org', '  '), /--partner-org is required/)
    oneErrorLine(
      partner('--role', 'partner', '--partner-org', 'Ashby Age'),
      /^frontdoor: no active partner organisation named "Ashby Age" at CLI District Council$/,
    )
    oneErrorLine(
      partner('--role', 'partner', '--partner-org', 'Closed Food Bank'),
      /no active partner organisation named "Closed Food Bank"/,
    )
    assert.equal(await staffByEmail('p@partner.example'), undefined)
  })

  it('disables an account and ends its sessions at once: the open session stops working', async () => {
    const created = run('create', '--email', 'jo.marsh@council.example', '--name', 'Jo Marsh', '--role', 'advisor')
    assert.equal(created.status, 0, created.stderr)
    const staff = (await staffByEmail('jo.marsh@council.example'))!
    const cookies = [
      await sessionCookie(database, councilId, { kind: 'staff', id: staff.id }),
      await sessionCookie(database, councilId, { kind: 'staff', id: staff.id }),
    ]
    const home = (cookie: string) => app.inject({ url: '/staff', headers: { cookie, accept: 'text/html' } })
    assert.equal((await home(cookies[0]!)).statusCode, 200)

    const result = run('disable', '--email', 'Jo.Marsh@council.example')
    assert.equal(result.status, 0, result.stderr)
    assert.match(result.stdout, /Disabled jo.marsh@council.example at CLI District Council; 2 sessions ended\./)
    for (const cookie of cookies) assert.equal((await home(cookie)).statusCode, 303, 'sent to sign in')
    assert.equal((await staffByEmail('jo.marsh@council.example'))!.active, 0)
    const sessions = await database.db
      .selectFrom('session')
      .select('id')
      .where('subject_kind', '=', 'staff')
      .where('subject_id', '=', staff.id)
      .execute()
    assert.equal(sessions.length, 0)
    const audit = await database.db
      .selectFrom('audit_event')
      .select(['action', 'detail'])
      .where('subject_id', '=', String(staff.id))
      .where('action', '=', 'staff_disabled')
      .execute()
    assert.deepEqual(
      audit.map((a) => JSON.parse(a.detail!)),
      [{ sessions_ended: 2 }],
    )

    const again = run('disable', '--email', 'jo.marsh@council.example')
    assert.equal(again.status, 0, again.stderr)
    assert.match(again.stdout, /Already disabled: jo.marsh@council.example at CLI District Council; 0 sessions ended\./)
  })

  it('refuses to disable an account that does not exist', () => {
    oneErrorLine(
      run('disable', '--email', 'nobody@council.example'),
      /no staff account for nobody@council.example at CLI District Council/,
    )
    oneErrorLine(run('disable'), /--email is required/)
    oneErrorLine(run('disable', '--email', 'nobody@council.example', 'now'), /unexpected "now"/)
  })
})
