// /staff/knowledge on both engines: a team leader writes and corrects articles, audited; advisors
// find them by words and by service and read them safely rendered; an overdue review is tagged;
// mistakes get an error summary with what was typed kept; advisors may not write.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES } from '../../../test/support/databases.ts'
import { testApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import type { TestClient } from '../../../test/support/client.ts'
import { addStaff, signedInClient } from '../../../test/support/accounts.ts'
import { addService, addTeam } from '../../../test/support/fixtures.ts'
import { nowIso } from '../../platform/db/database.ts'
import type { Role } from '../../platform/db/values.ts'

const nextYear = String(new Date().getUTCFullYear() + 1)

for (const engine of ENGINES) {
  describe(`knowledge base (${engine})`, () => {
    let t: TestApp
    let leader: TestClient
    let leaderId: number
    let advisor: TestClient
    let bins: number
    let parking: number

    async function signedIn(roles: Role[]): Promise<{ client: TestClient; id: number }> {
      const staff = await addStaff(t.database, t.councilId, roles)
      return { client: await signedInClient(t, { kind: 'staff', id: staff.id }), id: staff.id }
    }

    const article = (fields: Record<string, string>) => ({
      title: 'When bins are collected',
      serviceId: String(bins),
      audience: 'staff',
      body: 'Every **other** week.',
      'reviewOn-day': '1',
      'reviewOn-month': '4',
      'reviewOn-year': nextYear,
      ...fields,
    })

    before(async () => {
      t = await testApp(engine)
      const team = await addTeam(t.database, t.councilId)
      bins = (await addService(t.database, t.councilId, team)).id
      parking = (await addService(t.database, t.councilId, team, { open311_code: 'parking', name: 'Parking permits' }))
        .id
      ;({ client: leader, id: leaderId } = await signedIn(['team_leader']))
      ;({ client: advisor } = await signedIn(['advisor']))
    })
    after(() => t.close())

    it('lets a team leader publish an article, audited, and shows it with a banner', async () => {
      const since = nowIso()
      const saved = await leader.submit('/staff/knowledge/new', article({}), '/staff/knowledge')
      assert.equal(saved.statusCode, 303)
      assert.equal(saved.headers.location, '/staff/knowledge/when-bins-are-collected')
      const shown = await leader.follow(saved)
      assert.match(shown.body, /Article published/)
      assert.match(shown.body, /<h1 class="govuk-heading-l">When bins are collected<\/h1>/)
      assert.match(shown.body, /Every <strong>other<\/strong> week/)
      assert.match(shown.body, /Report a missed bin/)
      const row = await t.database.db
        .selectFrom('kb_article')
        .selectAll()
        .where('slug', '=', 'when-bins-are-collected')
        .executeTakeFirstOrThrow()
      assert.equal(row.review_on, `${nextYear}-04-01`)
      assert.equal(row.created_by, leaderId)
      const audit = await t.database.db
        .selectFrom('audit_event')
        .select(['action', 'subject_id'])
        .where('at', '>=', since)
        .execute()
      assert.deepEqual(
        audit.map((e) => `${e.action} ${e.subject_id}`),
        [`kb_article.create ${row.id}`],
      )
    })

    it('gives a second article of the same title its own address', async () => {
      const saved = await leader.submit(
        '/staff/knowledge/new',
        article({ serviceId: String(parking) }),
        '/staff/knowledge',
      )
      assert.equal(saved.headers.location, '/staff/knowledge/when-bins-are-collected-2')
    })

    it('finds articles by words and by service, and tags an overdue review', async () => {
      await t.database.db
        .insertInto('kb_article')
        .values({
          council_id: t.councilId,
          slug: 'permit-prices',
          title: 'Permit prices',
          body: 'A first permit costs 50% of a second_one.',
          audience: 'public',
          service_id: parking,
          updated_at: nowIso(),
          review_on: '2020-01-01',
        })
        .execute()
      const all = await advisor.get('/staff/knowledge')
      assert.equal(all.statusCode, 200)
      assert.match(all.body, /3 articles/)
      const byWords = await advisor.get('/staff/knowledge?q=PERMIT')
      assert.match(byWords.body, /1 article found/)
      assert.match(byWords.body, /Permit prices[\s\S]*Review overdue/)
      assert.match((await advisor.get('/staff/knowledge?q=50%25')).body, /1 article found/)
      assert.match(
        (await advisor.get('/staff/knowledge?q=t_c')).body,
        /No article matches/,
        'an underscore is a letter',
      )
      const byService = await advisor.get(`/staff/knowledge?service=${bins}`)
      assert.match(byService.body, /1 article found/)
      assert.match(byService.body, /href="\/staff\/knowledge\/when-bins-are-collected"/)
      assert.doesNotMatch(byService.body, /Write an article/, 'advisors are not offered writing')
      const read = await advisor.get('/staff/knowledge/permit-prices')
      assert.match(read.body, /Review overdue/)
    })

    it('lets a team leader correct an article, keeping its address', async () => {
      const since = nowIso()
      const form = await leader.get('/staff/knowledge/when-bins-are-collected/edit')
      assert.match(form.body, /Every \*\*other\*\* week\.<\/textarea>/)
      assert.match(form.body, new RegExp(`name="reviewOn-year" type="text" value="${nextYear}"|value="${nextYear}"`))
      const saved = await leader.submit(
        '/staff/knowledge/when-bins-are-collected/edit',
        article({ title: 'Bin collection days', body: 'Weekly from April.' }),
        '/staff/knowledge/when-bins-are-collected',
      )
      assert.equal(saved.headers.location, '/staff/knowledge/when-bins-are-collected')
      const shown = await leader.follow(saved)
      assert.match(shown.body, /Article updated/)
      assert.match(shown.body, /Bin collection days[\s\S]*Weekly from April/)
      const audit = await t.database.db.selectFrom('audit_event').select('action').where('at', '>=', since).execute()
      assert.deepEqual(
        audit.map((e) => e.action),
        ['kb_article.update'],
      )
    })

    it('shows an error summary, keeping what was typed, and saves nothing', async () => {
      const before = await t.database.db.selectFrom('kb_article').select('id').execute()
      const answer = await leader.submit(
        '/staff/knowledge/new',
        article({
          title: '',
          body: 'Kept <em>text</em>',
          'reviewOn-day': '31',
          'reviewOn-month': '2',
          serviceId: '99999',
        }),
        '/staff/knowledge',
      )
      assert.equal(answer.statusCode, 400)
      assert.match(answer.body, /<title>Error: Write an article/)
      assert.match(answer.body, /href="#title">Enter a title/)
      assert.match(answer.body, /href="#serviceId">Select a service from the list/)
      assert.match(answer.body, /href="#reviewOn-day">Review date must be a real date/)
      assert.match(answer.body, /Kept &lt;em&gt;text&lt;\/em&gt;<\/textarea>/)
      assert.equal((await t.database.db.selectFrom('kb_article').select('id').execute()).length, before.length)
    })

    it('renders an article’s script and javascript: link inert', async () => {
      await leader.submit(
        '/staff/knowledge/new',
        article({ title: 'Tricky', body: '<script>alert(1)</script>\n\n[call us](javascript:alert(2))' }),
        '/staff/knowledge',
      )
      const read = await advisor.get('/staff/knowledge/tricky')
      const body = /<div class="fd-article">([\s\S]*?)<\/div>/.exec(read.body)?.[1] ?? ''
      assert.match(body, /&lt;script&gt;/)
      assert.doesNotMatch(body, /<script|href="javascript/i)
    })

    it('refuses writing to advisors and reading to those without the desk, and 404s an unknown article', async () => {
      for (const url of ['/staff/knowledge/new', '/staff/knowledge/when-bins-are-collected/edit'])
        assert.equal((await advisor.get(url)).statusCode, 403, url)
      const page = await advisor.get('/staff/knowledge')
      const refused = await advisor.post('/staff/knowledge', {
        _csrf: /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '',
        ...article({ title: 'Nope' }),
      })
      assert.equal(refused.statusCode, 403)
      for (const role of ['partner', 'dpo'] as Role[]) {
        const { client } = await signedIn([role])
        assert.equal((await client.get('/staff/knowledge')).statusCode, 403, role)
      }
      assert.equal((await advisor.get('/staff/knowledge/no-such-article')).statusCode, 404)
    })
  })
}
