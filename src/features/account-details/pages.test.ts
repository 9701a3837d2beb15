// The resident's own pages, on both engines: each change reaches their record through the
// residents service with an audit event and a line in the staff timeline; refusals keep what was
// typed; the download holds their data and nobody else's; closing needs the box ticked and ends
// every session.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { renderEmail } from '../../platform/notify/templates.ts'
import { ENGINES } from '../../../test/support/databases.ts'
import { testApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import type { TestClient } from '../../../test/support/client.ts'
import { addAccount, signedInClient } from '../../../test/support/accounts.ts'
import { addResident, addService, addTeam } from '../../../test/support/fixtures.ts'
import { raiseCase } from '../cases/test-fixtures.ts'
import { textOf } from '../account/test-fixtures.ts'

for (const engine of ENGINES) {
  describe(`a resident’s own details pages (${engine})`, () => {
    let t: TestApp
    let me: TestClient
    let residentId: number
    let accountId: number
    let mine: string
    let theirs: string

    const record = () =>
      t.database.db.selectFrom('resident').selectAll().where('id', '=', residentId).executeTakeFirstOrThrow()
    const audits = (action: string) =>
      t.database.db
        .selectFrom('audit_event')
        .select(['actor_label', 'detail'])
        .where('action', '=', action)
        .where('subject_id', '=', String(residentId))
        .execute()

    before(async () => {
      t = await testApp(engine)
      const service = await addService(t.database, t.councilId, await addTeam(t.database, t.councilId, 'Waste'))
      residentId = await addResident(t.database, t.councilId)
      const other = await addResident(t.database, t.councilId)
      mine = (await raiseCase(t, service.id, residentId, { description: 'Bin missed twice' })).reference
      theirs = (await raiseCase(t, service.id, other, { description: 'Someone else’s fly-tipping' })).reference
      const caseId = (
        await t.database.db.selectFrom('case').select('id').where('reference', '=', mine).executeTakeFirstOrThrow()
      ).id
      const note = (body: string, visibility: string) =>
        t.app.inject({
          method: 'POST',
          url: `/api/v1/cases/${caseId}/notes`,
          headers: t.as('caseworker'),
          payload: { body, visibility },
        })
      assert.equal((await note('Internal: crew rota', 'internal')).statusCode, 201)
      assert.equal((await note('A crew will come on Tuesday', 'public')).statusCode, 201)
      accountId = (await addAccount(t.database, t.councilId, residentId)).id
      me = await signedInClient(t, { kind: 'resident', id: accountId })
    })
    after(() => t.close())

    it('changes the name through the residents service, audited and in the staff timeline', async () => {
      const saved = await me.submit('/account/details/name', { given_name: 'Alexandra', family_name: 'Jones' })
      assert.equal(saved.statusCode, 303)
      assert.equal(saved.headers.location, '/account/details?done=name')
      assert.deepEqual([(await record()).given_name, (await record()).family_name], ['Alexandra', 'Jones'])
      assert.deepEqual(
        (await audits('resident.update')).map((a) => a.actor_label),
        [`account:${accountId}`],
      )
      const change = await t.database.db
        .selectFrom('resident_change')
        .selectAll()
        .where('resident_id', '=', residentId)
        .executeTakeFirstOrThrow()
      assert.equal(change.staff_user_id, null)
      assert.deepEqual(JSON.parse(change.fields), ['family_name', 'given_name'])
      const page = textOf((await me.get('/account/details?done=name')).body)
      assert.match(page, /Your name has been changed/)
      assert.match(page, /Name Alexandra Jones Change name/)
    })

    it('refuses a bad phone number with an error summary keeping what was typed, and saves nothing', async () => {
      const refused = await me.submit('/account/details/phone', { phone: '12ab', other_phone: '' })
      assert.equal(refused.statusCode, 400)
      assert.match(refused.body, /There is a problem/)
      assert.match(refused.body, /href="#phone">Enter a phone number, like 01632 960 001/)
      assert.match(refused.body, /value="12ab"/)
      const count = await t.database.db
        .selectFrom('resident_contact_detail')
        .select('id')
        .where('resident_id', '=', residentId)
        .where('kind', '=', 'phone')
        .execute()
      assert.equal(count.length, 0)
      assert.equal(
        (await me.submit('/account/details/phone', { phone: '07700 900982', other_phone: '' })).statusCode,
        303,
      )
    })

    it('keeps the old address behind the new one and refuses a postcode that is not one', async () => {
      const form = { address_line_1: '1 High Street', address_line_2: '', town: 'Harness', postcode: 'nonsense' }
      const refused = await me.submit('/account/details/address', form)
      assert.equal(refused.statusCode, 400)
      assert.match(refused.body, /Enter a full UK postcode/)
      assert.match(refused.body, /value="1 High Street"/)
      assert.equal((await me.submit('/account/details/address', { ...form, postcode: 'ab1 2cd' })).statusCode, 303)
      assert.equal(
        (await me.submit('/account/details/address', { ...form, address_line_1: '2 Low Road', postcode: 'AB1 3CD' }))
          .statusCode,
        303,
      )
      const addresses = await t.database.db
        .selectFrom('resident_address')
        .select(['address_line_1', 'postcode'])
        .where('resident_id', '=', residentId)
        .orderBy('id')
        .execute()
      assert.deepEqual(
        addresses.map((a) => ({ ...a })),
        [{ address_line_1: '2 Low Road', postcode: 'AB1 3CD' }],
      )
    })

    it('records "I do not use the internet" as offline by choice with letters, and email again as serving themselves', async () => {
      const unanswered = await me.submit('/account/contact', { channel: 'offline' })
      assert.equal(unanswered.statusCode, 400)
      assert.match(unanswered.body, /Select whether we should write to you or phone you/)
      assert.match(unanswered.body, /value="offline" checked/)
      assert.equal(
        (await me.submit('/account/contact', { channel: 'offline', offline_channel: 'letter' })).statusCode,
        303,
      )
      let row = await record()
      assert.deepEqual([row.preferred_channel, row.digital_status], ['letter', 'offline_by_choice'])
      assert.match(
        textOf((await me.get('/account/details')).body),
        /I do not use the internet: write to me or phone me \(Letter\)/,
      )
      assert.equal((await me.submit('/account/contact', { channel: 'email' })).statusCode, 303)
      row = await record()
      assert.deepEqual([row.preferred_channel, row.digital_status], ['email', 'self_serve'])
      const emails = await t.database.db
        .selectFrom('resident_contact_detail')
        .select('value')
        .where('resident_id', '=', residentId)
        .where('kind', '=', 'email')
        .execute()
      assert.equal(emails.length, 1, 'the account’s email is put on the record to send to')
    })

    it('saves accessibility needs and refuses more than 500 characters', async () => {
      assert.equal((await me.submit('/account/accessibility', { needs: 'x'.repeat(501) })).statusCode, 400)
      assert.equal((await me.submit('/account/accessibility', { needs: 'Large print letters' })).statusCode, 303)
      assert.equal((await record()).accessibility_needs, 'Large print letters')
    })

    it('sets the language on the record and switches the pages to it', async () => {
      const refused = await me.submit('/account/language', { language: 'xx' })
      assert.equal(refused.statusCode, 400)
      const saved = await me.submit('/account/language', { language: 'cy' })
      assert.equal(saved.headers.location, '/account/details?done=language&lang=cy')
      assert.equal((await record()).language, 'cy')
      const page = await me.follow(saved)
      assert.match(page.body, /<html lang="cy"/)
      assert.match((await me.get('/account/details')).body, /<html lang="cy"/, 'the choice is remembered')
      await me.get('/account/details?lang=en')
    })

    it('refuses a change sent without the page’s CSRF token', async () => {
      const forged = await me.post('/account/details/name', {
        _csrf: 'forged',
        given_name: 'Mallory',
        family_name: 'X',
      })
      assert.equal(forged.statusCode, 403)
      assert.notEqual((await record()).given_name, 'Mallory')
    })

    it('downloads their own data, with the public timeline and never another’s or an internal note', async () => {
      const file = await me.get('/account/download/my-data.json')
      assert.equal(file.statusCode, 200)
      assert.match(String(file.headers['content-disposition']), /attachment; filename="my-data-\d{4}-\d\d-\d\d\.json"/)
      const data = JSON.parse(file.body) as {
        record: { given_name: string }
        requests: { reference: string; timeline: { note: string | null }[] }[]
      }
      assert.equal(data.record.given_name, 'Alexandra')
      assert.deepEqual(
        data.requests.map((r) => r.reference),
        [mine],
      )
      assert.ok(data.requests[0]!.timeline.some((e) => e.note === 'A crew will come on Tuesday'))
      assert.doesNotMatch(file.body, new RegExp(theirs))
      assert.doesNotMatch(file.body, /Internal:|fly-tipping/)
      const page = await me.get('/account/download/my-data')
      assert.equal(page.statusCode, 200)
      assert.match(page.body, new RegExp(mine))
      assert.doesNotMatch(page.body, new RegExp(`${theirs}|Internal:`))
    })

    it('closes the account only once confirmed, ending every session and keeping the record', async () => {
      const elsewhere = await signedInClient(t, { kind: 'resident', id: accountId })
      const address = (
        await t.database.db
          .selectFrom('e_account')
          .select('email')
          .where('id', '=', accountId)
          .executeTakeFirstOrThrow()
      ).email
      const unconfirmed = await me.submit('/account/close', {})
      assert.equal(unconfirmed.statusCode, 400)
      assert.match(unconfirmed.body, /Tick the box to confirm you want to close your account/)
      assert.equal((await me.get('/account')).statusCode, 200, 'still signed in')
      const closed = await me.submit('/account/close', { confirm: 'yes' })
      assert.equal(closed.headers.location, '/account/closed')
      assert.match(textOf((await me.follow(closed)).body), /Your account is closed/)
      assert.equal((await me.get('/account')).statusCode, 303)
      assert.equal((await elsewhere.get('/account')).statusCode, 303)
      const account = await t.database.db
        .selectFrom('e_account')
        .selectAll()
        .where('id', '=', accountId)
        .executeTakeFirstOrThrow()
      assert.deepEqual(
        [account.resident_id, account.password_hash, account.email.endsWith('.invalid')],
        [null, null, true],
      )
      assert.ok(await record(), 'the resident record stays')
      const told = await t.database.db
        .selectFrom('notification')
        .select(['recipient', 'template', 'personalisation'])
        .where('template', '=', 'account-closed')
        .execute()
      assert.deepEqual(
        told.map((n) => n.recipient),
        [address],
        'the address being closed is told, once',
      )
      const email = renderEmail('account-closed', JSON.parse(told[0]!.personalisation) as Record<string, string>)
      // The record chose Welsh earlier in this suite, and the email follows the record.
      assert.match(email.subject, /wedi'i gau/)
      assert.doesNotMatch(email.body, new RegExp(address))
      const audit = await t.database.db
        .selectFrom('audit_event')
        .select('actor_label')
        .where('action', '=', 'account_closed')
        .execute()
      assert.deepEqual(
        audit.map((a) => a.actor_label),
        [`account:${accountId}`],
      )
    })
  })
}
