// /staff/audit on both engines: the data protection officer finds the events about a person, a
// record, by an actor and between dates, only in their own council; mistakes get an error
// summary; every search is itself audited; other roles are refused.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES } from '../../../test/support/databases.ts'
import { nowIso } from '../../platform/db/database.ts'
import { createTestCouncil, testApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { TestClient } from '../../../test/support/client.ts'
import { addAccount, addStaff, signedInClient } from '../../../test/support/accounts.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import type { Role } from '../../platform/db/values.ts'
import { raiseCase } from '../cases/test-fixtures.ts'
import { addResident, addService, addTeam } from '../../../test/support/fixtures.ts'

type Row = { when: string; who: string; action: string; record: string; detail: string }

/** The results table's rows, cell by cell. */
function rowsOf(html: string): Row[] {
  const body = /<tbody class="govuk-table__body">([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? ''
  return [...body.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)].map((row) => {
    const cells = [...row[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) =>
      cell[1]!
        .trim()
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'"),
    )
    return { when: cells[0]!, who: cells[1]!, action: cells[2]!, record: cells[3]!, detail: cells[4]! }
  })
}

const today = new Date()
const dateFields = (which: 'from' | 'to', at: Date) => ({
  [`${which}-day`]: String(at.getUTCDate()),
  [`${which}-month`]: String(at.getUTCMonth() + 1),
  [`${which}-year`]: String(at.getUTCFullYear()),
})
const search = (fields: Record<string, string>) => `/staff/audit?${new URLSearchParams(fields).toString()}`

for (const engine of ENGINES) {
  describe(`audit trail search (${engine})`, () => {
    let t: TestApp
    let dpo: TestClient
    let dpoId: number
    let advisorId: number
    let jane: number
    let janesOldRecord: number
    let other: number
    let caseRef: { id: number; reference: string }
    let accountId: number

    async function signedIn(roles: Role[]): Promise<{ client: TestClient; id: number }> {
      const staff = await addStaff(t.database, t.councilId, roles)
      return { client: await signedInClient(t, { kind: 'staff', id: staff.id }), id: staff.id }
    }

    before(async () => {
      t = await testApp(engine)
      const service = await addService(t.database, t.councilId, await addTeam(t.database, t.councilId, 'Waste'))
      jane = await addResident(t.database, t.councilId)
      await t.database.db
        .updateTable('resident')
        .set({ given_name: 'Jane', family_name: 'Smithson', search_text: 'jane smithson' })
        .where('id', '=', jane)
        .execute()
      janesOldRecord = await addResident(t.database, t.councilId, jane)
      other = await addResident(t.database, t.councilId)
      caseRef = await raiseCase(t, service.id, jane)
      // An advisor at the desk: reads Jane, finds her in a search, reads the other resident.
      const advisor = await signedIn(['advisor'])
      advisorId = advisor.id
      for (const url of [`/api/v1/residents/${jane}`, '/api/v1/residents?q=smithson', `/api/v1/residents/${other}`])
        assert.equal((await advisor.client.get(url, { accept: 'application/json' })).statusCode, 200, url)
      // Jane reads her own case through her online account.
      accountId = (await addAccount(t.database, t.councilId, jane)).id
      const janeOnline = await signedInClient(t, { kind: 'resident', id: accountId })
      assert.equal((await janeOnline.get(`/account/requests/${caseRef.reference}`)).statusCode, 200)
      // An event about her record from before it was merged into this one.
      await recordAudit(
        t.database,
        { kind: 'staff', id: advisorId, label: `staff:${advisorId}`, councilId: t.councilId },
        { action: 'resident.read', subjectType: 'resident', subjectId: janesOldRecord },
      )
      // Another council's event naming the same resident number must never show.
      const elsewhere = await createTestCouncil(t.database, 'elsewhere', 'Elsewhere Council')
      await recordAudit(
        t.database,
        { kind: 'token', id: 1, label: 'token:elsewhere', councilId: elsewhere },
        { action: 'resident.read', subjectType: 'resident', subjectId: jane },
      )
      const signedInDpo = await signedIn(['dpo'])
      dpo = signedInDpo.client
      dpoId = signedInDpo.id
    })
    after(() => t.close())

    it('shows the form without searching until asked', async () => {
      const since = nowIso()
      const page = await dpo.get('/staff/audit')
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /<h1 class="govuk-heading-l">Search the audit trail<\/h1>/)
      assert.deepEqual(rowsOf(page.body), [])
      const audit = await t.database.db.selectFrom('audit_event').select('action').where('at', '>=', since).execute()
      assert.deepEqual(audit, [])
    })

    it('finds everything about a person by their number: their records, their own reads, the searches that showed them, their merged record', async () => {
      const page = await dpo.get(search({ person: String(jane) }))
      assert.equal(page.statusCode, 200)
      const rows = rowsOf(page.body)
      const seen = rows.map((r) => `${r.who} ${r.action} ${r.record}`)
      assert.ok(seen.includes(`token:test advisor case.create case ${caseRef.id}`), seen.join('\n'))
      assert.ok(seen.includes(`staff:${advisorId} resident.read resident ${jane}`))
      assert.ok(seen.includes(`staff:${advisorId} resident.search resident`), 'the search whose results showed her')
      assert.ok(seen.includes(`account:${accountId} case.read case ${caseRef.id}`), 'her own reading of her case')
      assert.ok(
        seen.includes(`staff:${advisorId} resident.read resident ${janesOldRecord}`),
        'her record merged into this one',
      )
      assert.ok(!seen.some((s) => s.includes(`resident ${other}`)), 'nothing about the other resident')
      assert.ok(!seen.some((s) => s.includes('token:elsewhere')), 'nothing from another council')
      assert.equal(rows.length, 5, seen.join('\n'))
      assert.equal(seen[0], `staff:${advisorId} resident.read resident ${janesOldRecord}`, 'newest first')
      assert.equal(seen.at(-1), `token:test advisor case.create case ${caseRef.id}`)
    })

    it('finds a person by name, says whom it found, and audits the search without the name', async () => {
      const since = nowIso()
      const page = await dpo.get(search({ person: 'jane smithson' }))
      assert.equal(page.statusCode, 200)
      assert.match(page.body, new RegExp(`Events about\\s+Jane Smithson \\(resident ${jane}\\)`))
      assert.ok(rowsOf(page.body).some((r) => r.action === 'case.create'))
      const events = await t.database.db
        .selectFrom('audit_event')
        .select(['action', 'actor_label', 'detail'])
        .where('at', '>=', since)
        .orderBy('id')
        .execute()
      const searched = events.find((e) => e.action === 'audit.search')
      assert.ok(searched, 'the search is audited')
      assert.equal(searched.actor_label, `staff:${dpoId}`)
      const detail = JSON.parse(searched.detail ?? '{}')
      assert.deepEqual(detail.criteria, ['person_name'])
      assert.deepEqual([...detail.resident_ids].sort(), [jane, janesOldRecord].sort())
      assert.doesNotMatch(searched.detail ?? '', /smithson/i)
    })

    it('says so when no resident has the name', async () => {
      const page = await dpo.get(search({ person: 'Nobody Atall' }))
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /No resident has that name/)
      assert.deepEqual(rowsOf(page.body), [])
    })

    it('finds the events about one record, a case by its reference or its number', async () => {
      for (const recordId of [caseRef.reference, caseRef.reference.toLowerCase(), String(caseRef.id)]) {
        const rows = rowsOf((await dpo.get(search({ recordType: 'case', recordId }))).body)
        assert.ok(rows.length >= 2, recordId)
        assert.ok(
          rows.every((r) => r.record === `case ${caseRef.id}`),
          recordId,
        )
      }
    })

    it('finds the events about every record of a kind: the audit trail’s own searches, say', async () => {
      await dpo.get(search({ actor: 'staff:0' }))
      const rows = rowsOf((await dpo.get(search({ recordType: 'audit_event' }))).body)
      assert.ok(rows.length >= 1)
      assert.ok(rows.every((r) => r.action === 'audit.search' && r.who === `staff:${dpoId}`))
      assert.match(rows[0]!.detail, /^criteria: actor; count: 0; first_page: true$/)
    })

    it('finds what one actor did, or every actor of a kind', async () => {
      const byAdvisor = rowsOf((await dpo.get(search({ actor: `staff:${advisorId}` }))).body)
      assert.deepEqual([...new Set(byAdvisor.map((r) => r.who))], [`staff:${advisorId}`])
      assert.equal(byAdvisor.length, 4)
      const byResidents = rowsOf((await dpo.get(search({ actorKind: 'resident' }))).body)
      assert.deepEqual(
        byResidents.map((r) => `${r.who} ${r.action}`),
        [`account:${accountId} case.read`],
      )
    })

    it('finds events between dates, a single day included', async () => {
      // Days either side, so the test holds whatever the hour: the council's day is UK time.
      const day = 86_400_000
      assert.equal(
        rowsOf(
          (
            await dpo.get(
              search({
                actor: `staff:${advisorId}`,
                ...dateFields('from', new Date(today.getTime() - day)),
                ...dateFields('to', new Date(today.getTime() + day)),
              }),
            )
          ).body,
        ).length,
        4,
      )
      assert.deepEqual(
        rowsOf(
          (
            await dpo.get(
              search({ actor: `staff:${advisorId}`, ...dateFields('from', new Date(today.getTime() + 2 * day)) }),
            )
          ).body,
        ),
        [],
      )
      assert.deepEqual(
        rowsOf(
          (
            await dpo.get(
              search({ actor: `staff:${advisorId}`, ...dateFields('to', new Date(today.getTime() - 2 * day)) }),
            )
          ).body,
        ),
        [],
      )
      const uk = Object.fromEntries(
        new Intl.DateTimeFormat('en-GB', {
          timeZone: 'Europe/London',
          day: 'numeric',
          month: 'numeric',
          year: 'numeric',
        })
          .formatToParts(new Date())
          .map((p) => [p.type, p.value]),
      )
      const ukToday = (which: string) => ({
        [`${which}-day`]: uk.day!,
        [`${which}-month`]: uk.month!,
        [`${which}-year`]: uk.year!,
      })
      assert.equal(
        rowsOf((await dpo.get(search({ actor: `staff:${advisorId}`, ...ukToday('from'), ...ukToday('to') }))).body)
          .length,
        4,
        'from and to the same day: that whole day',
      )
    })

    it('shows an error summary for a date that is not real, a range that ends before it starts, and an unknown case reference', async () => {
      const cases: [Record<string, string>, string, string][] = [
        [{ 'from-day': '31', 'from-month': '2', 'from-year': '2026' }, 'Date from must be a real date', '#from-day'],
        [{ 'from-day': '', 'from-month': '2', 'from-year': '2026' }, 'Date from must include a day', '#from-day'],
        [
          { ...dateFields('from', today), 'to-day': '1', 'to-month': '1', 'to-year': '2020' },
          'Date to must be the same as or after date from',
          '#to-day',
        ],
        [{ recordType: 'case', recordId: 'FD-1999-000001' }, 'There is no case with this reference', '#recordId'],
        [{ recordId: '12' }, 'Select the kind of record', '#recordType'],
        [{ person: '999999999999999' }, 'There is no resident with this number', '#person'],
      ]
      for (const [fields, message, href] of cases) {
        const since = nowIso()
        const page = await dpo.get(search(fields))
        assert.equal(page.statusCode, 400, message)
        assert.match(page.body, /govuk-error-summary/)
        assert.match(page.body, new RegExp(`<a href="${href}">${message}`))
        assert.match(page.body, /<title>Error: /)
        const audit = await t.database.db
          .selectFrom('audit_event')
          .select('action')
          .where('at', '>=', since)
          .where('action', '=', 'audit.search')
          .execute()
        assert.deepEqual(audit, [], 'a refused search is not a search')
      }
      const tooMany = await dpo.get(search({ person: 'alex' }))
      assert.equal(tooMany.statusCode, 200, 'a handful of matches is fine')
    })

    it('refuses a name that matches more people than one search should show', async () => {
      for (let i = 0; i < 21; i++) await addResident(t.database, t.councilId)
      const page = await dpo.get(search({ person: 'alex example' }))
      assert.equal(page.statusCode, 400)
      assert.match(page.body, /More than 20 people match/)
    })

    it('pages through results, newest first, with the search kept', async () => {
      const actor = { kind: 'token' as const, id: 99, label: 'token:bulk', councilId: t.councilId }
      for (let i = 0; i < 60; i++)
        await recordAudit(t.database, actor, { action: 'case.read', subjectType: 'case', subjectId: 1000 + i })
      const first = await dpo.get(search({ actor: 'token:bulk' }))
      const firstRows = rowsOf(first.body)
      assert.equal(firstRows.length, 50)
      assert.equal(firstRows[0]!.record, 'case 1059')
      const next = /<a class="govuk-link govuk-pagination__link" href="([^"]+)" rel="next">/.exec(first.body)?.[1]
      assert.ok(next, 'a link to older events')
      const second = rowsOf((await dpo.get(next.replace(/&amp;/g, '&'))).body)
      assert.deepEqual(
        second.map((r) => r.record),
        Array.from({ length: 10 }, (_, i) => `case ${1009 - i}`),
      )
    })

    it('answers a cursor it never gave out with a 400 page, whatever the engine', async () => {
      for (const forged of [
        { at: 'x', id: 'abc' },
        { at: { a: 1 }, id: 1 },
      ]) {
        const page = await dpo.get(
          `${search({ actor: 'token:bulk' })}&cursor=${Buffer.from(JSON.stringify(forged)).toString('base64url')}`,
        )
        assert.equal(page.statusCode, 400, JSON.stringify(forged))
        assert.deepEqual(rowsOf(page.body), [])
      }
    })

    it('is for the data protection officer and administrators only', async () => {
      assert.equal((await (await signedIn(['admin'])).client.get('/staff/audit')).statusCode, 200)
      for (const role of ['advisor', 'caseworker', 'team_leader', 'manager', 'partner'] as const) {
        const page = await (await signedIn([role])).client.get(search({ person: String(jane) }))
        assert.equal(page.statusCode, 403, role)
        assert.doesNotMatch(page.body, /case\.create/)
      }
      const resident = await signedInClient(t, { kind: 'resident', id: accountId })
      assert.equal((await resident.get('/staff/audit')).statusCode, 403)
      const anonymous = await new TestClient(t.app).get('/staff/audit')
      assert.equal(anonymous.statusCode, 303)
      assert.match(String(anonymous.headers.location), /^\/staff\/sign-in\?returnTo=%2Fstaff%2Faudit/)
    })
  })
}
