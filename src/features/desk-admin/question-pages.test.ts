// /staff/admin/services/:id/form on both engines: an administrator adds, changes, moves and removes
// questions, each change audited; mistakes come back in an error summary keeping what was typed; the
// preview is the shared renderer; a case raised before keeps its answers; an advisor is refused.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES } from '../../../test/support/databases.ts'
import { testApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import type { TestClient } from '../../../test/support/client.ts'
import { addStaff, signedInClient } from '../../../test/support/accounts.ts'
import { addService, addTeam, goodAnswers, systemActor } from '../../../test/support/fixtures.ts'
import { getService } from '../catalogue/service.ts'
import { createCase } from '../cases/service.ts'

for (const engine of ENGINES) {
  describe(`service form pages (${engine})`, () => {
    let t: TestApp
    let admin: TestClient
    let advisor: TestClient
    let serviceId: number
    let page: string

    const names = async () => (await getService(t.database, t.councilId, serviceId))?.form.map((q) => q.name)
    const question = (fields: Record<string, string>) => ({
      name: 'colour',
      label: 'What colour is the bin lid?',
      hint: 'Look at the lid',
      type: 'select',
      required: 'yes',
      options: 'Black\r\nBlue\r\n\r\n Green ',
      maxLength: '',
      min: '',
      max: '',
      ...fields,
    })

    before(async () => {
      t = await testApp(engine)
      const team = await addTeam(t.database, t.councilId)
      serviceId = (await addService(t.database, t.councilId, team)).id
      page = `/staff/admin/services/${serviceId}/form`
      admin = await signedInClient(t, { kind: 'staff', id: (await addStaff(t.database, t.councilId, ['admin'])).id })
      advisor = await signedInClient(t, {
        kind: 'staff',
        id: (await addStaff(t.database, t.councilId, ['advisor'])).id,
      })
    })
    after(() => t.close())

    it('lists the questions in order with a way to each change, and refuses an advisor', async () => {
      const list = await admin.get(page)
      assert.equal(list.statusCode, 200)
      assert.ok(list.body.indexOf('Which bin was missed?') < list.body.indexOf('>Postcode<'))
      assert.match(list.body, new RegExp(`href="${page}/bin/edit"`))
      assert.match(list.body, new RegExp(`href="${page}/postcode/remove"`))
      assert.match(list.body, new RegExp(`href="${page}/preview"`))
      for (const url of [page, `${page}/new`, `${page}/bin/edit`, `${page}/bin/remove`, `${page}/preview`])
        assert.equal((await advisor.get(url)).statusCode, 403, url)
      const sneaky = await advisor.submit('/staff', { direction: 'down' }, `${page}/bin/move`)
      assert.equal(sneaky.statusCode, 403)
      assert.deepEqual(await names(), ['bin', 'postcode'])
      assert.equal((await admin.get(`/staff/admin/services/999999/form`)).statusCode, 404)
      assert.equal((await admin.get(`${page}/nothing/edit`)).statusCode, 404)
    })

    it('adds a question, audited, with its options one a line', async () => {
      const saved = await admin.submit(`${page}/new`, question({}), page)
      assert.equal(saved.statusCode, 303)
      assert.match((await admin.follow(saved)).body, /Question colour added/)
      const form = (await getService(t.database, t.councilId, serviceId))?.form
      assert.deepEqual(form?.at(-1), {
        name: 'colour',
        label: 'What colour is the bin lid?',
        hint: 'Look at the lid',
        type: 'select',
        required: true,
        options: ['Black', 'Blue', 'Green'],
      })
      const audit = await t.database.db
        .selectFrom('audit_event')
        .select(['action', 'actor_label'])
        .where('action', '=', 'service.form_change')
        .execute()
      assert.equal(audit.length, 1)
      assert.match(audit[0]!.actor_label, /^staff:\d+$/)
    })

    it('refuses a taken name, a choice with no options and unreadable numbers, keeping what was typed', async () => {
      const wrong = question({ name: 'bin', options: '', maxLength: 'lots', label: 'Which bin?' })
      const first = await admin.submit(`${page}/new`, wrong, page)
      assert.equal(first.statusCode, 400)
      assert.match(first.body, /<title>Error: Add a question/)
      assert.match(first.body, /href="#maxLength">Enter the longest answer as a whole number/)
      assert.match(first.body, /value="lots"/)
      const clash = await admin.submit(`${page}/new`, { ...wrong, maxLength: '' }, page)
      assert.equal(clash.statusCode, 400)
      const links = [...clash.body.matchAll(/<a href="#(\w+)">/g)].map((m) => m[1])
      assert.deepEqual(links, ['name', 'options'])
      assert.match(clash.body, /Another question on this form is already named bin/)
      assert.match(clash.body, /Give at least one option for a select question/)
      assert.match(clash.body, /value="Which bin\?"/)
      assert.deepEqual(await names(), ['bin', 'postcode', 'colour'])
    })

    it('changes a question, keeping its name, and refuses settings its kind does not have', async () => {
      const edit = await admin.get(`${page}/colour/edit`)
      assert.match(edit.body, /Black\nBlue\nGreen<\/textarea>/)
      assert.doesNotMatch(edit.body, /id="name"/)
      const wrong = await admin.submit(
        `${page}/colour/edit`,
        question({ type: 'text', name: 'renamed' }),
        `${page}/colour/edit`,
      )
      assert.equal(wrong.statusCode, 400)
      assert.match(wrong.body, /Only select, radios and checkboxes questions have options/)
      const fixed = question({ type: 'text', options: '', maxLength: '20', required: 'no', name: 'renamed' })
      const saved = await admin.submit(`${page}/colour/edit`, fixed, `${page}/colour/edit`)
      assert.equal(saved.statusCode, 303)
      const form = (await getService(t.database, t.councilId, serviceId))?.form
      assert.deepEqual(form?.at(-1), {
        name: 'colour',
        label: 'What colour is the bin lid?',
        hint: 'Look at the lid',
        type: 'text',
        required: false,
        maxLength: 20,
      })
    })

    it('moves a question with plain buttons', async () => {
      const moved = await admin.submit(page, { direction: 'up' }, `${page}/colour/move`)
      assert.equal(moved.statusCode, 303)
      assert.match((await admin.follow(moved)).body, /Question colour moved up/)
      assert.deepEqual(await names(), ['bin', 'colour', 'postcode'])
      await admin.submit(page, { direction: 'down' }, `${page}/bin/move`)
      assert.deepEqual(await names(), ['colour', 'bin', 'postcode'])
      assert.equal((await admin.submit(page, { direction: 'sideways' }, `${page}/bin/move`)).statusCode, 400)
      assert.deepEqual(await names(), ['colour', 'bin', 'postcode'])
    })

    it('changes a question named like a page of the editor', async () => {
      const added = await admin.submit(`${page}/new`, question({ name: 'preview', type: 'text', options: '' }), page)
      assert.equal(added.statusCode, 303)
      const fields = question({ name: 'preview', type: 'text', options: '', label: 'Renamed label' })
      const saved = await admin.submit(`${page}/preview/edit`, fields, `${page}/preview/edit`)
      assert.equal(saved.statusCode, 303)
      const form = (await getService(t.database, t.councilId, serviceId))?.form
      assert.equal(form?.find((q) => q.name === 'preview')?.label, 'Renamed label')
      assert.equal((await admin.submit(`${page}/preview/remove`, {})).statusCode, 303)
      assert.deepEqual(await names(), ['colour', 'bin', 'postcode'])
    })

    it('previews the form through the shared renderer and checks answers there without keeping them', async () => {
      const preview = await admin.get(`${page}/preview`)
      assert.equal(preview.statusCode, 200)
      assert.match(preview.body, /name="answers.colour"/)
      assert.match(preview.body, /name="answers.bin" type="radio" value="blue"/)
      const checked = await admin.submit(`${page}/preview`, { 'answers.colour': 'Blue', 'answers.postcode': 'nowhere' })
      assert.equal(checked.statusCode, 400)
      assert.match(checked.body, /href="#answers-bin">Select an option from the list/)
      assert.match(checked.body, /Enter a real postcode/)
      assert.match(checked.body, /value="Blue"/)
      const fine = await admin.submit(`${page}/preview`, {
        'answers.bin': 'blue',
        'answers.postcode': 'AB1 2CD',
        'answers.colour': '',
      })
      assert.equal(fine.statusCode, 200)
      assert.match(fine.body, /These answers would be accepted/)
    })

    it('removes a question after asking, and a case raised before keeps its answer', async () => {
      const raised = await createCase(t.database, systemActor(t.councilId), t.councilId, {
        service_id: serviceId,
        channel: 'phone',
        created_by: 'staff',
        answers: goodAnswers,
      })
      const confirm = await admin.get(`${page}/postcode/remove`)
      assert.match(confirm.body, /Remove the question “Postcode”\?/)
      assert.deepEqual(await names(), ['colour', 'bin', 'postcode'])
      const removed = await admin.submit(`${page}/postcode/remove`, {})
      assert.equal(removed.statusCode, 303)
      assert.match((await admin.follow(removed)).body, /Question postcode removed/)
      assert.deepEqual(await names(), ['colour', 'bin'])
      const stored = await t.database.db
        .selectFrom('case')
        .select('answers')
        .where('id', '=', raised.id)
        .executeTakeFirstOrThrow()
      assert.deepEqual(JSON.parse(stored.answers), goodAnswers)
    })
  })
}
