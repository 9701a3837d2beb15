// The public pages on both engines: finding a service, sending a request with or without a name,
// the one case, contact and message it makes, following it by reference, and saying how it went.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import type { LightMyRequestResponse } from 'fastify'
import { ENGINES } from '../../../test/support/databases.ts'
import { testApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { TestClient, csrfTokenIn } from '../../../test/support/client.ts'
import { addResident, addTeam, systemActor } from '../../../test/support/fixtures.ts'
import { addAccount, signedInClient } from '../../../test/support/accounts.ts'
import type { Service } from '../catalogue/service.ts'
import { addSelfServiceCatalogue } from './test-fixtures.ts'
import { formCounts } from './service.ts'
import { londonDay, metricsFor, metricsFromRecords, nextDay } from '../metrics/service.ts'

function errorSummary(html: string): string[] {
  const summary = /<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? ''
  return [...summary.matchAll(/<a href="[^"]*">([^<]*)<\/a>/g)].map((m) => m[1]!.trim())
}

function location(response: LightMyRequestResponse): string {
  assert.equal(response.statusCode, 303, response.body.slice(0, 500))
  return String(response.headers.location)
}

for (const engine of ENGINES) {
  describe(`self-service pages (${engine})`, () => {
    let subject: TestApp
    let services: { report: Service; discount: Service; offline: Service }

    before(async () => {
      subject = await testApp(engine)
      const teamId = await addTeam(subject.database, subject.councilId)
      services = await addSelfServiceCatalogue(
        subject.database,
        systemActor(subject.councilId),
        subject.councilId,
        teamId,
      )
    })
    after(() => subject.close())

    const count = async (table: 'case' | 'contact' | 'notification' | 'online_form' | 'survey_response' | 'resident') =>
      Number(
        (
          await subject.database.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .where('council_id', '=', subject.councilId)
            .executeTakeFirstOrThrow()
        ).n,
      )

    async function start(client: TestClient, service: Service): Promise<string> {
      const page = await client.get(`/services/${service.slug}`)
      const response = await client.post(`/services/${service.slug}/start`, { _csrf: csrfTokenIn(page.body) })
      return location(response)
    }

    async function answer(
      client: TestClient,
      url: string,
      fields: Record<string, string>,
    ): Promise<LightMyRequestResponse> {
      const page = await client.get(url)
      return client.post(url.split('?')[0]!, { _csrf: csrfTokenIn(page.body), ...fields })
    }

    it('shows each category and links every service from the start page, with sign-in links in the header', async () => {
      const page = await new TestClient(subject.app).get('/')
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /<h3 class="govuk-heading-m">Bins and recycling<\/h3>/)
      assert.match(page.body, new RegExp(`href="/services/${services.report.slug}">Report a missed bin collection</a>`))
      assert.match(page.body, /href="\/account\/sign-in\?returnTo=%2F"/)
      assert.match(page.body, /href="\/account\/create">\s*Create an account/)
      assert.match(page.body, /href="\/services">All services from A to Z/)
    })

    it('finds services by plain words and misspellings, and says so when nothing matches', async () => {
      const client = new TestClient(subject.app)
      const bins = await client.get('/search?q=bin+not+emptied')
      assert.match(bins.body, /1 service matches “bin not emptied”/)
      assert.match(bins.body, /Report a missed bin collection/)
      const tax = await client.get('/search?q=councel+tax+singel+person')
      assert.match(tax.body, /Apply for a council tax single person discount/)
      const none = await client.get('/search?q=passport')
      assert.match(none.body, /No services match “passport”/)
      assert.match(none.body, /phone us on 01632 960000/)
    })

    it('lists every service from A to Z under its first letter', async () => {
      const page = await new TestClient(subject.app).get('/services')
      const letters = [...page.body.matchAll(/<h2 class="govuk-heading-m" id="letter-(\w)">/g)].map((m) => m[1])
      assert.deepEqual(letters, ['A', 'R'])
    })

    it('says how to do a service without the internet, and links its privacy notice', async () => {
      const page = await new TestClient(subject.app).get(`/services/${services.report.slug}`)
      assert.match(page.body, /Phone us on 01632 960000/)
      assert.match(page.body, /Civic Centre, Market Place, Ashby, Monday to Friday, 9am to 5pm/)
      assert.match(page.body, /Someone can do it for you/)
      assert.match(page.body, /We aim to finish within 2 working days|within 2 working days/)
      assert.match(page.body, /href="\/privacy\/missed-bin"/)
      assert.match(page.body, /Start now/)
    })

    it('gives only the offline route for a service not offered online, and will not start it', async () => {
      const client = new TestClient(subject.app)
      const page = await client.get(`/services/${services.offline.slug}`)
      assert.match(page.body, /You cannot do this online/)
      assert.doesNotMatch(page.body, /Start now/)
      const withForm = await client.get('/track')
      const refused = await client.post(`/services/${services.offline.slug}/start`, {
        _csrf: csrfTokenIn(withForm.body),
      })
      assert.equal(refused.statusCode, 404)
    })

    it('takes an anonymous report end to end: one case, one web contact, no message, one submission', async () => {
      const before = {
        cases: await count('case'),
        contacts: await count('contact'),
        messages: await count('notification'),
      }
      const client = new TestClient(subject.app)
      const first = await start(client, services.report)
      assert.match(first, /^\/requests\/[\w-]{43}\/questions\/1$/)
      const token = first.split('/')[2]!

      const empty = await answer(client, first, {})
      assert.equal(empty.statusCode, 400)
      assert.deepEqual(errorSummary(empty.body), ['Select an option from the list'])
      const second = location(await answer(client, first, { 'answers.bin_type': 'Recycling' }))

      const found = await client.get(`${second}?postcode=ab12cd`)
      assert.match(found.body, /1 Mill Lane, Ashby, AB1 2CD/)
      assert.match(found.body, /Or enter the address manually/)
      const third = location(await client.post(second, { _csrf: csrfTokenIn(found.body), uprn: '100012345002' }))

      const fourth = location(await answer(client, third, { 'answers.bin_out': 'yes' }))
      assert.equal(fourth, `/requests/${token}/details`)
      const check = location(await answer(client, fourth, {}))
      const checkPage = await client.get(check)
      assert.match(checkPage.body, /Recycling/)
      assert.match(checkPage.body, /2 Mill Lane, Ashby, AB1 2CD/)
      assert.match(checkPage.body, /reported anonymously/)
      assert.match(checkPage.body, new RegExp(`href="/requests/${token}/questions/2\\?change=1"`))

      const sent = location(await client.post(check, { _csrf: csrfTokenIn(checkPage.body) }))
      const again = location(await client.post(check, { _csrf: csrfTokenIn(checkPage.body) }))
      assert.equal(again, sent, 'sending twice answers with the same confirmation')
      const confirmation = await client.get(sent)
      const reference = /<strong>(FD-\d{4}-\d{6})<\/strong>/.exec(confirmation.body)?.[1]
      assert.ok(reference, 'the confirmation shows the reference')

      assert.equal(await count('case'), before.cases + 1)
      assert.equal(await count('contact'), before.contacts + 1)
      assert.equal(await count('notification'), before.messages, 'nobody to tell')
      const raised = await subject.database.db
        .selectFrom('case')
        .select(['channel', 'created_by', 'resident_id', 'location_uprn', 'latitude'])
        .where('reference', '=', reference!)
        .executeTakeFirstOrThrow()
      assert.deepEqual(
        { ...raised },
        { channel: 'web', created_by: 'resident', resident_id: null, location_uprn: '100012345002', latitude: 52.1 },
      )
      const contact = await subject.database.db
        .selectFrom('contact')
        .innerJoin('case', 'case.id', 'contact.case_id')
        .select(['contact.channel', 'contact.outcome'])
        .where('case.reference', '=', reference!)
        .executeTakeFirstOrThrow()
      assert.deepEqual({ ...contact }, { channel: 'web', outcome: 'case_raised' })
      const form = await subject.database.db
        .selectFrom('online_form')
        .innerJoin('case', 'case.id', 'online_form.case_id')
        .select(['online_form.submitted_at', 'online_form.e_account_id'])
        .where('case.reference', '=', reference!)
        .executeTakeFirstOrThrow()
      assert.ok(form.submitted_at)
      assert.equal(form.e_account_id, null)
      const drafts = await subject.database.db
        .selectFrom('request_draft')
        .select('token')
        .where('token', '=', token)
        .execute()
      assert.deepEqual(drafts, [], 'the answers in progress are gone once sent')

      // Following it: the postcode of the place reported proves it.
      const tracked = await trackWith(client, reference!, 'ab1 2cd')
      assert.equal(tracked.statusCode, 200)
      assert.match(tracked.body, /Received/)
      assert.match(tracked.body, /We received your request/)
    })

    async function trackWith(client: TestClient, reference: string, proof: string) {
      const page = await client.get('/track')
      return client.post('/track', { _csrf: csrfTokenIn(page.body), reference, proof })
    }

    it('needs a name and one way to be contacted where the service takes no anonymous requests; a phone number is enough', async () => {
      const before = { residents: await count('resident'), messages: await count('notification') }
      const client = new TestClient(subject.app)
      const first = await start(client, services.discount)
      const wrongDate = await answer(client, first, {
        'answers.since-day': '31',
        'answers.since-month': '2',
        'answers.since-year': '2025',
      })
      assert.equal(wrongDate.statusCode, 400)
      assert.deepEqual(errorSummary(wrongDate.body), ['Enter a real date, like 2026-03-27'])
      assert.match(wrongDate.body, /name="answers.since-day" type="text" value="31"/, 'what was typed is kept')
      const details = location(
        await answer(client, first, {
          'answers.since-day': '1',
          'answers.since-month': '2',
          'answers.since-year': '2025',
        }),
      )
      const blank = await answer(client, details, {})
      assert.equal(blank.statusCode, 400)
      assert.deepEqual(errorSummary(blank.body), [
        'Enter your first name',
        'Enter your last name',
        'Enter an email address or a phone number so we can contact you',
      ])
      const badPhone = await answer(client, details, { given_name: 'Sam', family_name: 'Jones', phone: '12345' })
      assert.deepEqual(errorSummary(badPhone.body), ['Enter a UK phone number, like 01632 960 001 or 07700 900 982'])
      assert.match(badPhone.body, /value="Sam"/)
      const check = location(
        await answer(client, details, { given_name: 'Sam', family_name: 'Jones', phone: '07700 900982' }),
      )
      const checkPage = await client.get(check)
      assert.match(checkPage.body, /1 February 2025/)
      const sent = location(await client.post(check, { _csrf: csrfTokenIn(checkPage.body) }))
      const reference = /<strong>(FD-\d{4}-\d{6})<\/strong>/.exec((await client.get(sent)).body)![1]!

      assert.equal(await count('resident'), before.residents + 1, 'a record of their own, and no e-account')
      const message = await subject.database.db
        .selectFrom('notification')
        .innerJoin('case', 'case.id', 'notification.case_id')
        .select([
          'notification.channel',
          'notification.recipient',
          'notification.template',
          'notification.personalisation',
        ])
        .where('case.reference', '=', reference)
        .executeTakeFirstOrThrow()
      assert.equal(message.channel, 'sms')
      assert.equal(message.recipient, '07700 900982')
      assert.equal(message.template, 'request-confirmation')
      assert.equal(JSON.parse(message.personalisation).reference, reference)
      assert.equal(await count('notification'), before.messages + 1)

      const tracked = await trackWith(client, reference.toLowerCase(), '+44 7700 900982')
      assert.equal(tracked.statusCode, 200)
      assert.match(tracked.body, /Apply for a council tax single person discount/)
      const wrongProof = await trackWith(client, reference, '07700 900000')
      const wrongReference = await trackWith(client, 'FD-2020-999999', '07700 900982')
      assert.equal(wrongProof.statusCode, 400)
      assert.deepEqual(errorSummary(wrongProof.body), errorSummary(wrongReference.body))
      assert.deepEqual(errorSummary(wrongProof.body), [
        'We could not find a request with that reference and detail. Check both and try again.',
      ])
    })

    it('asks a signed-in resident nothing about who they are, and files the request under their record', async () => {
      const residentId = await addResident(subject.database, subject.councilId)
      const account = await addAccount(subject.database, subject.councilId, residentId)
      const client = await signedInClient(subject, { kind: 'resident', id: account.id })
      const home = await client.get('/')
      assert.match(home.body, /href="\/account">\s*Your account/)
      const first = await start(client, services.discount)
      const check = location(
        await answer(client, first, {
          'answers.since-day': '5',
          'answers.since-month': '5',
          'answers.since-year': '2025',
        }),
      )
      assert.match(check, /\/check$/, 'no "your details" page')
      const details = await client.get(check.replace(/check$/, 'details'))
      assert.equal(location(details), check, 'the details page, reached by going back, sends them on')
      const checkPage = await client.get(check)
      assert.doesNotMatch(checkPage.body, /Your details/)
      const sent = location(await client.post(check, { _csrf: csrfTokenIn(checkPage.body) }))
      const reference = /<strong>(FD-\d{4}-\d{6})<\/strong>/.exec((await client.get(sent)).body)![1]!
      const raised = await subject.database.db
        .selectFrom('case')
        .innerJoin('notification', 'notification.case_id', 'case.id')
        .innerJoin('online_form', 'online_form.case_id', 'case.id')
        .select(['case.resident_id', 'notification.channel', 'notification.recipient', 'online_form.e_account_id'])
        .where('case.reference', '=', reference)
        .executeTakeFirstOrThrow()
      assert.deepEqual(
        { ...raised },
        { resident_id: residentId, channel: 'email', recipient: account.email, e_account_id: account.id },
      )
    })

    it('asks how it went once sent, and keeps one answer per request', async () => {
      const client = new TestClient(subject.app)
      const first = await start(client, services.discount)
      const details = location(
        await answer(client, first, {
          'answers.since-day': '3',
          'answers.since-month': '3',
          'answers.since-year': '2025',
        }),
      )
      const check = location(
        await answer(client, details, { given_name: 'Ann', family_name: 'Lee', email: 'ann@example.com' }),
      )
      const sent = location(await client.post(check, { _csrf: csrfTokenIn((await client.get(check)).body) }))
      const feedback = sent.replace(/confirmation$/, 'feedback')
      const before = await count('survey_response')
      const unanswered = await answer(client, feedback, {})
      assert.equal(unanswered.statusCode, 400)
      assert.deepEqual(errorSummary(unanswered.body), ['Select how you feel about the service you received'])
      const thanks = await answer(client, feedback, { score: '4', comment: 'Quick' })
      assert.match(thanks.body, /Thank you for your feedback/)
      await answer(client, feedback, { score: '1' })
      assert.equal(await count('survey_response'), before + 1)
    })

    it('counts each form started and each sent, for the completion rate, with nothing about the person', async () => {
      const today = new Date().toISOString().slice(0, 10)
      const period = [`${today}T00:00:00.000Z`, `${today}T23:59:59.999Z`] as const
      const before = await formCounts(subject.database.db, subject.councilId, ...period)
      const londonToday = londonDay(new Date().toISOString())
      const figuresPeriod = { from: londonToday, to: nextDay(londonToday) }
      const figuresBefore = await metricsFor(subject.database.db, subject.councilId, figuresPeriod)
      const client = new TestClient(subject.app)
      await start(client, services.discount)
      const first = await start(client, services.discount)
      // Shown again (a refresh, or back to it), the first question starts nothing more.
      assert.equal((await client.get(first)).statusCode, 200)
      assert.equal((await client.get(first)).statusCode, 200)
      const details = location(
        await answer(client, first, {
          'answers.since-day': '1',
          'answers.since-month': '1',
          'answers.since-year': '2025',
        }),
      )
      const check = location(
        await answer(client, details, { given_name: 'Jo', family_name: 'Bloggs', phone: '01632 960111' }),
      )
      location(await client.post(check, { _csrf: csrfTokenIn((await client.get(check)).body) }))
      const after = await formCounts(subject.database.db, subject.councilId, ...period)
      assert.deepEqual(after, { started: before.started + 2, submitted: before.submitted + 1 })
      // The figures read the rollups: they count the two starts and the one sent as they happen,
      // and agree with a count of the records, with no rebuild.
      const figures = await metricsFor(subject.database.db, subject.councilId, figuresPeriod)
      assert.equal(figures.forms_started, (figuresBefore.forms_started ?? 0) + 2)
      assert.equal(figures.forms_submitted, (figuresBefore.forms_submitted ?? 0) + 1)
      assert.deepEqual(figures, await metricsFromRecords(subject.database.db, subject.councilId, figuresPeriod))
      const columns = Object.keys(
        (await subject.database.db.selectFrom('online_form').selectAll().executeTakeFirstOrThrow()) as object,
      ).sort()
      assert.deepEqual(columns, [
        'case_id',
        'council_id',
        'e_account_id',
        'id',
        'service_id',
        'started_at',
        'submitted_at',
      ])
    })

    it('says a request has ended when its token is unknown or expired, and shows no answers', async () => {
      const client = new TestClient(subject.app)
      const first = await start(client, services.report)
      const token = first.split('/')[2]!
      await subject.database.db
        .updateTable('request_draft')
        .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
        .where('token', '=', token)
        .execute()
      const gone = await client.get(first)
      assert.equal(gone.statusCode, 404)
      assert.match(gone.body, /This request has ended/)
      assert.equal((await client.get('/requests/not-a-token/check')).statusCode, 404)
    })

    it('sends a GET of a form’s start to the service’s page, in the language being read', async () => {
      const client = new TestClient(subject.app)
      const english = await client.get(`/services/${services.report.slug}/start`)
      assert.equal(location(english), `/services/${services.report.slug}`)
      assert.doesNotMatch(english.body, /not allowed|POST/)
      const welsh = await client.get(`/services/${services.report.slug}/start?lang=cy`)
      assert.equal(location(welsh), `/services/${services.report.slug}?lang=cy`)
      const page = await client.get(location(welsh))
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /<html lang="cy"/)
      assert.match(page.body, /Dechrau nawr/)
      // Remembered in the cookie: a later bookmark of the start leads to the Welsh page as well.
      assert.equal(
        location(await client.get(`/services/${services.report.slug}/start`)),
        `/services/${services.report.slug}?lang=cy`,
      )
      const offline = await new TestClient(subject.app).get(`/services/${services.offline.slug}/start`)
      assert.equal(location(offline), `/services/${services.offline.slug}`)
    })

    it('reads in Welsh: the question, its options and its error message', async () => {
      const client = new TestClient(subject.app)
      await client.get('/?lang=cy')
      const first = await start(client, services.report)
      const empty = await answer(client, first, {})
      assert.match(empty.body, /<html lang="cy"/)
      assert.deepEqual(errorSummary(empty.body), ['Dewiswch opsiwn o’r rhestr'])
      assert.match(empty.body, /Pa fin a fethwyd\?/)
    })
  })
}
