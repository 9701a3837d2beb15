// The dashboard, its CSV downloads and the briefing note (HTML and PDF) on both engines, over a
// small council built by hand: every figure checked is worked out here from the records written,
// not read back from the code under test. Advisors are refused; bad dates get an error summary.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES } from '../../../test/support/databases.ts'
import { testApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import type { TestClient } from '../../../test/support/client.ts'
import { addStaff, signedInClient } from '../../../test/support/accounts.ts'
import { addPartner, addService, addTeam } from '../../../test/support/fixtures.ts'
import { pdfText } from './test-pdf.ts'
import { setOnlineAvailable, writeCall, writeCase, writeContact } from '../metrics/test-records.ts'

/** The cells of the table with this id, row by row, tags stripped. */
function tableRows(html: string, id: string): string[][] {
  const table = new RegExp(`<table[^>]*id="${id}"[^>]*>([\\s\\S]*?)</table>`).exec(html)?.[1] ?? ''
  const body = /<tbody[^>]*>([\s\S]*?)<\/tbody>/.exec(table)?.[1] ?? ''
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((cell) =>
      cell[1]!
        .replace(/<[^>]+>/g, '')
        .replace(/&#39;/g, "'")
        .replace(/\s+/g, ' ')
        .trim(),
    ),
  )
}

/**
 * The headline row of a figure: name, value, change from the previous period, from a year earlier.
 * What a share is of, shown under its name, is left out here: `shareOf` reads it.
 */
function headline(html: string, name: string): string[] {
  const table = /<table class="govuk-table [^"]*\bfd-headlines"[\s\S]*?<\/table>/.exec(html)?.[0] ?? ''
  const rows = [...table.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((cell) =>
      cell[1]!
        .replace(/<span aria-hidden="true">[^<]*<\/span>/g, '')
        .replace(/<span class="fd-headline__of">[^<]*<\/span>/g, '')
        .replace(/<[^>]+>/g, '')
        .replace(/\s+/g, ' ')
        .trim(),
    ),
  )
  const row = rows.find((r) => r[0] === name)
  assert.ok(row, `a headline for ${name}`)
  return row
}

/** What a headline figure is a share of, as shown under its name; undefined for one that is not a share. */
function shareOf(html: string, name: string): string | undefined {
  const table = /<table class="govuk-table [^"]*\bfd-headlines"[\s\S]*?<\/table>/.exec(html)?.[0] ?? ''
  const escaped = name.replace(/[()]/g, '\\$&')
  return new RegExp(`<th[^>]*>\\s*${escaped}<span class="fd-headline__of">([^<]*)</span>`).exec(table)?.[1]
}

const JUNE = 'from=2025-06-01&to=2025-06-30'

/** The drawn SVG of one chart, the lines of each label joined by a space. */
function chartSvg(html: string, id: string): string {
  const svg = new RegExp(`<svg[^>]*aria-labelledby="${id}-title[\\s\\S]*?</svg>`).exec(html)?.[0] ?? ''
  return svg.replace(/<\/tspan><tspan[^>]*>/g, ' ')
}

for (const engine of ENGINES) {
  describe(`dashboard and briefing note (${engine})`, () => {
    let t: TestApp
    let manager: TestClient
    let advisor: TestClient

    before(async () => {
      t = await testApp(engine)
      const db = t.database.db
      const team = await addTeam(t.database, t.councilId, 'Waste')
      const bins = await addService(t.database, t.councilId, team, { open311_code: 'bins', name: 'Missed bins' })
      await setOnlineAvailable(t.database, bins.id, true)
      const contact = (
        channel: 'web' | 'phone',
        started_at: string,
        outcome: 'resolved_first_contact' | 'signposted',
      ) => writeContact(db, t.councilId, { channel, direction: 'inbound', started_at, outcome, service_id: bins.id })
      // June 2025: three contacts online resolved there and then, one phone call signposted.
      for (const day of ['02', '03', '04'])
        await contact('web', `2025-06-${day}T10:00:00.000Z`, 'resolved_first_contact')
      await contact('phone', '2025-06-05T10:00:00.000Z', 'signposted')
      // The 30 days before (2 to 31 May): one online, one by phone.
      await contact('web', '2025-05-10T10:00:00.000Z', 'resolved_first_contact')
      await contact('phone', '2025-05-11T10:00:00.000Z', 'signposted')
      // June's requests: two made online by residents, one by staff on the phone; two resolved, one late.
      const created_at = '2025-06-02T09:00:00.000Z'
      const due_at = '2025-06-10T09:00:00.000Z'
      await writeCase(db, t.councilId, {
        service_id: bins.id,
        channel: 'web',
        created_by: 'resident',
        created_at,
        due_at,
        resolved_at: '2025-06-05T09:00:00.000Z',
      })
      await writeCase(db, t.councilId, {
        service_id: bins.id,
        channel: 'web',
        created_by: 'resident',
        created_at,
        due_at,
        resolved_at: '2025-06-12T09:00:00.000Z',
      })
      await writeCase(db, t.councilId, {
        service_id: bins.id,
        channel: 'phone',
        created_by: 'staff',
        created_at,
        due_at,
      })
      // Calls, London times: Monday 2 June 09:10 answered in 20 s and 09:30 abandoned; Tuesday 14:00 answered in 90 s.
      await writeCall(db, t.councilId, {
        queue: 'main',
        offered_at: '2025-06-02T08:10:00.000Z',
        answered_at: '2025-06-02T08:10:20.000Z',
      })
      await writeCall(db, t.councilId, {
        queue: 'main',
        offered_at: '2025-06-02T08:30:00.000Z',
        answered_at: null,
        abandoned: 1,
      })
      await writeCall(db, t.councilId, {
        queue: 'main',
        offered_at: '2025-06-03T13:00:00.000Z',
        answered_at: '2025-06-03T13:01:30.000Z',
      })
      manager = await signedInClient(t, {
        kind: 'staff',
        id: (await addStaff(t.database, t.councilId, ['manager'])).id,
      })
      advisor = await signedInClient(t, {
        kind: 'staff',
        id: (await addStaff(t.database, t.councilId, ['advisor'])).id,
      })
    })
    after(() => t.close())

    it('shows each headline figure with its change against the previous period and a year earlier', async () => {
      const response = await manager.get(`/staff/dashboard?${JUNE}`)
      assert.equal(response.statusCode, 200, response.body.slice(0, 500))
      const html = response.body
      assert.match(html, /Figures for 1 June 2025 to 30 June 2025/)
      // 4 contacts against 2 in May; June 2024 has no records at all, so nothing to compare with.
      assert.deepEqual(headline(html, 'Contacts'), ['Contacts', '4', 'Up 2 (100%) from 2', 'No data to compare'])
      // A count of residents today, not of the period: never compared.
      const notCompared = 'Not compared (a count of residents today)'
      assert.deepEqual(headline(html, 'Digitally excluded residents (today)'), [
        'Digitally excluded residents (today)',
        '0',
        notCompared,
        notCompared,
      ])
      // 3 of 4 online against 1 of 2; a year earlier there were no contacts to share out.
      assert.deepEqual(headline(html, 'Contacts made online'), [
        'Contacts made online',
        '75.0%',
        'Up 25.0 percentage points from 50.0% (better)',
        'No data to compare',
      ])
      // 3 resolved of 4 answered, against 1 of 2.
      assert.equal(headline(html, 'Enquiries resolved at first contact')[1], '75.0%')
      // (20 + 90) / 2 answered calls; 1 of 3 abandoned; 1 of 3 answered within 60 seconds.
      assert.equal(headline(html, 'Average time to answer a phone call')[1], '55 seconds')
      assert.equal(headline(html, 'Calls abandoned')[1], '33.3%')
      assert.equal(headline(html, 'Calls answered within the target time')[1], '33.3%')
      assert.equal(headline(html, 'Calls abandoned')[2], 'No data to compare')
      // 2 of 3 requests made online by residents; 1 of 3 by staff; 1 of 2 resolved in time.
      assert.equal(headline(html, 'Requests made online by residents')[1], '66.7%')
      assert.equal(headline(html, 'Requests made by staff for residents')[1], '33.3%')
      // Those two are shares of different wholes, so may add up to more than 100%: each says which,
      // in the words the briefing uses; so does every other share, and a count says nothing.
      assert.equal(
        shareOf(html, 'Requests made online by residents'),
        'Share of requests for services available online',
      )
      assert.equal(shareOf(html, 'Requests made by staff for residents'), 'Share of all requests')
      assert.equal(shareOf(html, 'Contacts made online'), 'Share of all contacts')
      assert.equal(shareOf(html, 'Calls abandoned'), 'Share of calls')
      assert.equal(shareOf(html, 'Contacts'), undefined)
      assert.equal(shareOf(html, 'Average time to answer a phone call'), undefined)
      assert.equal(headline(html, 'Requests resolved within target')[1], '50.0%')
      assert.equal(headline(html, 'Satisfied residents')[1], 'no data')
    })

    it('draws every chart as an image with a text alternative, no inline style, and its data beside it', async () => {
      const html = (await manager.get(`/staff/dashboard?${JUNE}`)).body
      const svgs = [...html.matchAll(/<svg[^>]*>/g)].map((m) => m[0]).filter((tag) => tag.includes('fd-chart__image'))
      assert.equal(svgs.length, 10)
      for (const tag of svgs) assert.match(tag, /role="img"[^>]*aria-labelledby="[\w-]+-title [\w-]+-desc"/)
      const charts = html.slice(html.indexOf('fd-chart__image'))
      assert.doesNotMatch(charts, /\sstyle="|<style/)
      assert.deepEqual(tableRows(html, 'calls-by-day-table').slice(0, 3), [
        ['Monday', '2', '1', '20 seconds', '50%', '50%'],
        ['Tuesday', '1', '1', '90 seconds', '0%', '0%'],
        ['Wednesday', '0', '0', 'no data', 'no data', 'no data'],
      ])
      assert.deepEqual(tableRows(html, 'calls-by-hour-table'), [
        ['Monday', '09:00', '2', '20 seconds', '50%', '50%'],
        ['Tuesday', '14:00', '1', '90 seconds', '0%', '0%'],
      ])
      assert.deepEqual(tableRows(html, 'within-target-by-team-table'), [['Waste', '2', '1', '50%']])
      // Each channel's answered enquiries beside its rate: 3 of 3 online, none of 1 by phone.
      assert.deepEqual(tableRows(html, 'fcr-by-channel-table'), [
        ['Online', '3', '3', '100%'],
        ['Phone', '1', '0', '0%'],
      ])
      assert.deepEqual(tableRows(html, 'digital-by-service-table'), [['Missed bins', '3', '67%', '33%']])
      // The channel shift starts at the council's first contact, not at 2015 with years of zeros,
      // and names 2025 as the part year it is, as shares of its contacts: 4 of 6 online, 2 by phone.
      const years = tableRows(html, 'channel-shift-years-table')
      assert.deepEqual(years, [['2025 (1 Jan to 30 Jun)', '67%', '33%', '6']])
      assert.doesNotMatch(html, /2020: lockdown/)
    })

    it('downloads a chart’s data as CSV, shares as fractions', async () => {
      const response = await manager.get(`/staff/dashboard/data/calls-by-day?${JUNE}`)
      assert.equal(response.statusCode, 200)
      assert.match(String(response.headers['content-type']), /^text\/csv/)
      assert.match(String(response.headers['content-disposition']), /calls-by-day-2025-06-01-to-2025-06-30\.csv/)
      const lines = response.body.trim().split('\r\n')
      assert.equal(
        lines[0],
        'Day,Calls,Answered,Average time to answer (seconds),Abandoned (share from 0 to 1),Answered within target time (share from 0 to 1)',
      )
      assert.equal(lines[1], 'Monday,2,1,20,0.5,0.5')
      assert.equal(lines[2], 'Tuesday,1,1,90,0,0')
      assert.equal(lines[3], 'Wednesday,0,0,,,')
      const missing = await manager.get(`/staff/dashboard/data/nosuch?${JUNE}`)
      assert.equal(missing.statusCode, 404, missing.body.slice(0, 3000))
    })

    it('gives residents with an online account once for each period compared, and today’s excluded count once', async () => {
      const june = (await manager.get(`/staff/dashboard/data/residents?${JUNE}`)).body.trim().split('\r\n')
      assert.equal(
        june[0],
        'Period,Dates,Residents in contact,With an online account,Share with an online account (share from 0 to 1)',
      )
      assert.deepEqual(
        june.slice(1).map((line) => line.split(',')[0]),
        ['This period', 'Previous period', 'A year earlier'],
      )
      // A whole year's previous period is the year before: one row, not the same dates twice, and
      // named as the year it is.
      const year = await manager.get('/staff/dashboard/data/residents?from=2025-01-01&to=2025-12-31')
      assert.deepEqual(
        year.body
          .trim()
          .split('\r\n')
          .slice(1)
          .map((line) => line.split(',')[0]),
        ['This period', 'Previous year'],
      )
      const months = await manager.get('/staff/dashboard/data/channel-shift-months?from=2025-05-01&to=2025-06-30')
      assert.equal(
        months.body.split('\r\n')[0],
        'Month,Online contacts,Phone contacts,All contacts,Online share (share from 0 to 1)',
      )
    })

    it('writes the briefing note in sentences made from the numbers', async () => {
      const response = await manager.get(`/staff/dashboard/briefing?${JUNE}`)
      assert.equal(response.statusCode, 200)
      const html = response.body.replace(/&#39;/g, "'")
      assert.match(html, /Contacts made online rose from 50\.0% to 75\.0% of all contacts\./)
      assert.match(html, /Contacts rose from 2 to 4, a rise of 2 \(100%\)\./)
      assert.match(
        html,
        /There is no data on average time to answer a phone call for this period|Average time to answer a phone call: 55 seconds, with no earlier figure to compare\./,
      )
      assert.match(html, /There is no data on satisfied residents for either period\./)
      // A year earlier has no records: every figure, counts too, has nothing to compare with.
      assert.match(html, /Contacts: 4, with no earlier figure to compare\./)
      assert.doesNotMatch(html, /Contacts rose from 0|Digitally excluded residents \(today\) stayed/)
      // May has records but no requests: a real nought, compared.
      assert.match(html, /Requests \(cases\) rose from 0 to 3, a rise of 3\./)
      // Its headline table says what each share is of, as its sentences do.
      assert.equal(
        shareOf(html, 'Requests made online by residents'),
        'Share of requests for services available online',
      )
    })

    it('gives the briefing note as a PDF with the same words', async () => {
      const response = await manager.get(`/staff/dashboard/briefing?${JUNE}&format=pdf`)
      assert.equal(response.statusCode, 200)
      assert.equal(response.headers['content-type'], 'application/pdf')
      assert.equal(response.rawPayload.subarray(0, 5).toString(), '%PDF-')
      const text = pdfText(response.rawPayload)
      assert.match(text, /Test District Council/)
      assert.match(text, /Contacts made online rose from 50\.0% to 75\.0% of all contacts\./)
      assert.match(text, /Digitally excluded residents \(today\) 0 Not compared \(a count of residents today\)/)
      assert.match(text, /Phone calls by day of the week/)
    })

    it('keeps what was typed and says what is wrong with a date', async () => {
      const response = await manager.get('/staff/dashboard?from=2025-02-30&to=2025-01-01')
      assert.equal(response.statusCode, 400)
      assert.match(response.body, /There is a problem/)
      assert.match(response.body, /href="#from">The first day must be a real date, like 2025-04-01/)
      assert.match(response.body, /value="2025-02-30"/)
      const backwards = await manager.get('/staff/dashboard?from=2025-06-30&to=2025-06-01')
      assert.match(backwards.body, /The last day must be the same as or after the first day/)
    })

    it('sends a corrected period back to the briefing note when the briefing was asked for', async () => {
      const response = await manager.get('/staff/dashboard/briefing?from=2025-06-01&to=2025-06-31')
      assert.equal(response.statusCode, 400)
      assert.match(response.body, /<title>Error: Briefing note/)
      assert.match(response.body, /href="#to">The last day must be a real date/)
      assert.match(response.body, /<form method="get" action="\/staff\/dashboard\/briefing"/)
      assert.match(response.body, /<h1 class="govuk-heading-l">Briefing note<\/h1>/)
      assert.match(response.body, /Show the briefing note/)
      assert.match(response.body, /href="\/staff\/dashboard\/briefing\?from=[-\d]+&amp;to=[-\d]+">Last month</)
      assert.doesNotMatch(response.body, /href="\/staff\/dashboard\?from=/)
      const onDashboard = await manager.get('/staff/dashboard?from=2025-06-01&to=2025-06-31')
      assert.match(onDashboard.body, /<form method="get" action="\/staff\/dashboard"/)
    })

    it('refuses a period that runs past today', async () => {
      const response = await manager.get('/staff/dashboard?from=2025-06-01&to=2999-12-31')
      assert.equal(response.statusCode, 400)
      assert.match(response.body, /href="#to">The last day must be today or earlier/)
    })

    it('refuses an advisor', async () => {
      for (const url of [
        `/staff/dashboard?${JUNE}`,
        `/staff/dashboard/briefing?${JUNE}`,
        `/staff/dashboard/data/calls-by-day?${JUNE}`,
      ])
        assert.equal((await advisor.get(url)).statusCode, 403, url)
    })

    it('charts months in date order and names a part year in the chart, its summary and its table', async () => {
      const html = (await manager.get('/staff/dashboard?from=2025-05-01&to=2025-06-30')).body.replace(/&#39;/g, "'")
      const months = chartSvg(html, 'channel-shift-months')
      assert.ok(months.indexOf('May 2025') >= 0 && months.indexOf('May 2025') < months.indexOf('Jun 2025'), months)
      assert.deepEqual(
        tableRows(html, 'channel-shift-months-table').map((row) => row[0]),
        ['May 2025', 'Jun 2025'],
      )
      assert.match(chartSvg(html, 'channel-shift-years'), /2025 \(to 30 Jun\)/)
      assert.match(html, /Share of contacts on each channel in 2025 \(1 Jan to 30 Jun\): Online 67%, Phone 33%/)
      assert.equal(tableRows(html, 'channel-shift-years-table')[0]?.[0], '2025 (1 Jan to 30 Jun)')
    })

    it('names the best and worst days only among days with 20 calls or more', async () => {
      // August 2025: twenty calls on Monday the 4th answered in 10 s, twenty on Tuesday the 5th in
      // 30 s, and one on Wednesday the 6th in 200 s, too few to make Wednesday the slowest day.
      const db = t.database.db
      const answeredIn = async (day: string, minute: number, seconds: number) => {
        const offered = new Date(`2025-08-${day}T09:${String(minute).padStart(2, '0')}:00.000Z`)
        await writeCall(db, t.councilId, {
          queue: 'main',
          offered_at: offered.toISOString(),
          answered_at: new Date(offered.getTime() + seconds * 1000).toISOString(),
        })
      }
      for (let minute = 0; minute < 20; minute++) {
        await answeredIn('04', minute, 10)
        await answeredIn('05', minute, 30)
      }
      await answeredIn('06', 0, 200)
      const html = (await manager.get('/staff/dashboard?from=2025-08-01&to=2025-08-31')).body.replace(/&#39;/g, "'")
      assert.match(
        html,
        /The average time to answer \(among the 2 days with 20 calls or more\) was highest on Tuesday \(30 seconds\) and lowest on Monday \(10 seconds\)\./,
      )
    })

    it('writes chart summaries as sentences and claims no worst hour from a few calls', async () => {
      const html = (await manager.get(`/staff/dashboard?${JUNE}`)).body.replace(/&#39;/g, "'")
      // Two calls on Monday and one on Tuesday: too few to call either day the slowest to answer.
      assert.match(
        html,
        /Fewer than two days of the week had 20 calls or more, too few to say which days did best and worst\./,
      )
      assert.doesNotMatch(html, /highest on Tuesday/)
      // Monday 09:00 had two calls and Tuesday 14:00 one: too few to call either the worst hour.
      assert.match(html, /Fewer than two hours had 20 calls or more, too few to say which hours did best and worst\./)
      assert.doesNotMatch(html, /Lowest share answered in time|lowest on Tuesday 14:00/)
    })

    it('says there is nothing to chart for a period with no records, rather than drawing bare axes', async () => {
      const html = (await manager.get('/staff/dashboard?from=2010-01-01&to=2010-12-31')).body
      assert.match(chartSvg(html, 'channel-shift-months'), /No contacts in this period\./)
      assert.match(chartSvg(html, 'calls-by-day'), /No phone calls in this period\./)
      assert.match(chartSvg(html, 'calls-by-hour'), /No phone calls in this period\./)
      assert.doesNotMatch(html, /0\.000000|no data seconds/)
    })

    it('names every day tied at the top or bottom as written, and no best or worst from a few contacts or requests', async () => {
      // October 2025, London times an hour ahead. Twenty calls a day: Monday the 6th and Tuesday
      // the 7th all answered in 10 s; Wednesday and Thursday ten in 30 s and ten in 90 s, 60 s on
      // average and half within the 60-second target.
      const db = t.database.db
      const answeredIn = async (day: string, minute: number, seconds: number) => {
        const offered = new Date(`2025-10-${day}T09:${String(minute).padStart(2, '0')}:00.000Z`)
        await writeCall(db, t.councilId, {
          queue: 'main',
          offered_at: offered.toISOString(),
          answered_at: new Date(offered.getTime() + seconds * 1000).toISOString(),
        })
      }
      for (let minute = 0; minute < 20; minute++) {
        await answeredIn('06', minute, 10)
        await answeredIn('07', minute, 10)
        await answeredIn('08', minute, minute < 10 ? 30 : 90)
        await answeredIn('09', minute, minute < 10 ? 30 : 90)
      }
      // Enquiries: 25 by phone, 20 resolved there and then (80%); 25 online, 10 resolved (40%); 3
      // by video, all resolved (100%), too few to call video the best.
      const enquiry = (channel: 'phone' | 'web' | 'video', i: number, resolved: boolean) =>
        writeContact(db, t.councilId, {
          channel,
          direction: 'inbound',
          started_at: `2025-10-14T${String(8 + (i % 8)).padStart(2, '0')}:00:00.000Z`,
          outcome: resolved ? 'resolved_first_contact' : 'signposted',
        })
      for (let i = 0; i < 25; i++) {
        await enquiry('phone', i, i < 20)
        await enquiry('web', i, i < 10)
      }
      for (let i = 0; i < 3; i++) await enquiry('video', i, true)
      // 22 emails, 19 of them abandoned: 22 contacts but only 3 answered enquiries (all resolved),
      // too few to call email the best.
      for (let i = 0; i < 22; i++)
        await writeContact(db, t.councilId, {
          channel: 'email',
          direction: 'inbound',
          started_at: `2025-10-15T${String(8 + (i % 8)).padStart(2, '0')}:00:00.000Z`,
          outcome: i < 19 ? 'abandoned' : 'resolved_first_contact',
        })
      // Requests resolved in October: Parks' allotments 15 of 20 within target (75%); Waste's missed
      // bins 10 of 20 (50%); Licensing's street trading 3 of 3 (100%, too few to name); pest control,
      // a partner's service with no team, 2 of 20 (10%).
      const parks = await addTeam(t.database, t.councilId, 'Parks')
      const licensing = await addTeam(t.database, t.councilId, 'Licensing')
      const allotments = await addService(t.database, t.councilId, parks, { open311_code: 'allot', name: 'Allotments' })
      const trading = await addService(t.database, t.councilId, licensing, {
        open311_code: 'trading',
        name: 'Street trading',
      })
      const pests = await addService(t.database, t.councilId, parks, { open311_code: 'pests', name: 'Pest control' })
      // A service with no team is delivered by a partner organisation.
      const partner = await addPartner(t.database, t.councilId)
      await db
        .updateTable('service')
        .set({ team_id: null, partner_org_id: partner })
        .where('id', '=', pests.id)
        .execute()
      const bins = await db
        .selectFrom('service')
        .select('id')
        .where('council_id', '=', t.councilId)
        .where('open311_code', '=', 'bins')
        .executeTakeFirstOrThrow()
      const resolved = async (service_id: number, count: number, inTime: number) => {
        for (let i = 0; i < count; i++)
          await writeCase(db, t.councilId, {
            service_id,
            channel: 'phone',
            created_by: 'staff',
            created_at: '2025-10-01T09:00:00.000Z',
            due_at: '2025-10-10T09:00:00.000Z',
            resolved_at: i < inTime ? '2025-10-03T09:00:00.000Z' : '2025-10-20T09:00:00.000Z',
          })
      }
      await resolved(allotments.id, 20, 15)
      await resolved(bins.id, 20, 10)
      await resolved(trading.id, 3, 3)
      await resolved(pests.id, 20, 2)
      const html = (await manager.get('/staff/dashboard?from=2025-10-01&to=2025-10-31')).body.replace(/&#39;/g, "'")
      assert.match(
        html,
        /The average time to answer was highest on Wednesday and Thursday \(60 seconds\) and lowest on Monday and Tuesday \(10 seconds\)\./,
      )
      assert.match(
        html,
        /The share of calls answered within the target time was highest on Monday and Tuesday \(100%\) and lowest on Wednesday and Thursday \(50%\)\./,
      )
      assert.match(
        html,
        /The share of answered enquiries resolved at first contact \(among the 2 channels with 20 answered enquiries or more\) was highest for Phone \(80%\) and lowest for Online \(40%\)\./,
      )
      assert.match(
        html,
        /The share of requests resolved within target \(among the 3 services with 20 requests resolved or more\) was highest for Allotments \(75%\) and lowest for Pest control \(10%\)\./,
      )
      assert.match(
        html,
        /The share of requests resolved within target \(among the 2 teams with 20 requests resolved or more\) was highest for Parks \(75%\) and lowest for Waste \(50%\)\./,
      )
      assert.doesNotMatch(
        html,
        /(highest|lowest) for (Video|Email|Street trading|Licensing|No team|Services with no team)/,
      )
      assert.deepEqual(tableRows(html, 'within-target-by-team-table'), [
        ['Licensing', '3', '3', '100%'],
        ['Parks', '20', '15', '75%'],
        ['Waste', '20', '10', '50%'],
        ['Services with no team', '20', '2', '10%'],
      ])
    })

    it('names four days tied at one end rather than counting them, and sets off names with their own “and”', async () => {
      // September 2025, London an hour ahead. Twenty calls a day: Monday the 1st, Tuesday, Thursday
      // and Friday all answered in 59 s; Wednesday ten in 30 s and ten in 90 s, 60 s on average.
      const db = t.database.db
      const answeredIn = async (day: string, minute: number, seconds: number) => {
        const offered = new Date(`2025-09-${day}T09:${String(minute).padStart(2, '0')}:00.000Z`)
        await writeCall(db, t.councilId, {
          queue: 'main',
          offered_at: offered.toISOString(),
          answered_at: new Date(offered.getTime() + seconds * 1000).toISOString(),
        })
      }
      for (let minute = 0; minute < 20; minute++)
        for (const day of ['01', '02', '04', '05']) await answeredIn(day, minute, 59)
      for (let minute = 0; minute < 20; minute++) await answeredIn('03', minute, minute < 10 ? 30 : 90)
      // Requests resolved in September, twenty to each service and team: Leisure 15 within target
      // (75%); Planning and Building Control and Revenues and Benefits 10 each (50%), tied lowest.
      const resolvedFor = async (name: string, code: string, inTime: number) => {
        const team = await addTeam(t.database, t.councilId, name)
        const service = await addService(t.database, t.councilId, team, { open311_code: code, name })
        for (let i = 0; i < 20; i++)
          await writeCase(db, t.councilId, {
            service_id: service.id,
            channel: 'phone',
            created_by: 'staff',
            created_at: '2025-09-01T09:00:00.000Z',
            due_at: '2025-09-10T09:00:00.000Z',
            resolved_at: i < inTime ? '2025-09-03T09:00:00.000Z' : '2025-09-20T09:00:00.000Z',
          })
      }
      await resolvedFor('Leisure', 'leisure', 15)
      await resolvedFor('Planning and Building Control', 'planning', 10)
      await resolvedFor('Revenues and Benefits', 'revenues', 10)
      const html = (await manager.get('/staff/dashboard?from=2025-09-01&to=2025-09-30')).body.replace(/&#39;/g, "'")
      assert.match(
        html,
        /The average time to answer was highest on Wednesday \(60 seconds\) and lowest on Monday, Tuesday, Thursday and Friday \(59 seconds\)\./,
      )
      assert.doesNotMatch(html, /on \d+ days \(/)
      // Commas and "and" would run the two names together: semicolons keep each whole.
      // Under the services' chart and under their teams' of the same names.
      const semicolons =
        /fd-chart__summary">The share of requests resolved within target was highest for Leisure \(75%\) and lowest for Planning and Building Control; and Revenues and Benefits \(50%\)\./g
      assert.equal(html.match(semicolons)?.length, 2)
      assert.doesNotMatch(html, /Planning and Building Control and Revenues/)
    })
  })
}
