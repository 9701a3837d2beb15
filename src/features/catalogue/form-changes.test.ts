// Changing a service's form one question at a time, on both engines: each change audited, mistakes
// refused naming the question's own field, and the form left exactly as it was after a refusal.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES, testDatabase } from '../../../test/support/databases.ts'
import type { TestDatabase } from '../../../test/support/databases.ts'
import { createTestCouncil } from '../../../test/support/app.ts'
import { addTeam, systemActor } from '../../../test/support/fixtures.ts'
import { Problem } from '../../platform/http/problem.ts'
import type { FieldError } from '../../platform/http/problem.ts'
import {
  addQuestion,
  changeQuestion,
  createService,
  getService,
  moveQuestion,
  removeQuestion,
  validateAnswers,
} from './service.ts'
import { serviceInput } from './test-fixtures.ts'

async function refusedWith(work: Promise<unknown>): Promise<FieldError[]> {
  try {
    await work
  } catch (error) {
    if (error instanceof Problem && error.status === 422) return error.errors ?? []
    throw error
  }
  assert.fail('expected the change to be refused')
}

for (const engine of ENGINES) {
  describe(`changing a service's form (${engine})`, () => {
    let database: TestDatabase
    let councilId: number
    let serviceId: number
    const actor = () => systemActor(councilId)
    const names = async () => (await getService(database, councilId, serviceId))?.form.map((q) => q.name)
    const lastAuditId = async () =>
      (await database.db.selectFrom('audit_event').select('id').orderBy('id', 'desc').executeTakeFirst())?.id ?? 0
    const audited = async (since: number) =>
      (
        await database.db
          .selectFrom('audit_event')
          .select(['action', 'subject_id', 'detail'])
          .where('id', '>', since)
          .orderBy('id')
          .execute()
      ).map((e) => `${e.action} ${e.subject_id} ${e.detail}`)

    before(async () => {
      database = await testDatabase(engine)
      councilId = await createTestCouncil(database)
      const teamId = await addTeam(database, councilId)
      serviceId = (await createService(database, actor(), councilId, serviceInput(teamId))).id
    })
    after(() => database.close())

    it('adds a question at the end, audited, and answers are then checked against it', async () => {
      const since = await lastAuditId()
      await addQuestion(database, actor(), councilId, serviceId, {
        name: 'bags',
        label: '  How many bags?  ',
        type: 'number',
        required: true,
        hint: '  ',
        min: 1,
        max: 20,
      })
      const service = await getService(database, councilId, serviceId)
      assert.deepEqual(service?.form.at(-1), {
        name: 'bags',
        label: 'How many bags?',
        type: 'number',
        required: true,
        min: 1,
        max: 20,
      })
      assert.deepEqual(await audited(since), [
        `service.form_change ${serviceId} {"fields":["form"],"change":"add","question":"bags","questions":3}`,
      ])
      const answers = { what: 'Sofa', how_much: 'A bag', bags: 25 }
      assert.deepEqual(validateAnswers(service!, answers), [
        { name: 'answers.bags', message: 'Enter a number that is 20 or less' },
      ])
    })

    it('refuses a name another question has, a choice with no options and a blank question, changing nothing', async () => {
      const before = await names()
      const errors = await refusedWith(
        addQuestion(database, actor(), councilId, serviceId, {
          name: 'what',
          label: ' ',
          type: 'radios',
          required: true,
        }),
      )
      assert.deepEqual(errors, [
        { name: 'name', message: 'Another question on this form is already named what' },
        { name: 'options', message: 'Give at least one option for a radios question' },
        { name: 'label', message: 'Enter the question' },
      ])
      const settings = await refusedWith(
        addQuestion(database, actor(), councilId, serviceId, {
          name: 'Where Is It',
          label: 'Where is it?',
          type: 'date',
          required: false,
          maxLength: 10,
          options: ['a', 'a'],
        }),
      )
      assert.deepEqual(
        settings.map((e) => e.name),
        ['name', 'options', 'maxLength'],
      )
      assert.deepEqual(await names(), before)
    })

    it('changes a question in its place, keeping its name, and refuses a minimum above the maximum', async () => {
      await changeQuestion(database, actor(), councilId, serviceId, 'what', {
        label: 'What was dumped?',
        type: 'textarea',
        required: false,
        maxLength: 1000,
      })
      const form = (await getService(database, councilId, serviceId))?.form
      assert.deepEqual(form?.[0], {
        name: 'what',
        label: 'What was dumped?',
        type: 'textarea',
        required: false,
        maxLength: 1000,
      })
      const errors = await refusedWith(
        changeQuestion(database, actor(), councilId, serviceId, 'bags', {
          label: 'How many bags?',
          type: 'number',
          required: true,
          min: 5,
          max: 2,
        }),
      )
      assert.deepEqual(errors, [{ name: 'min', message: 'The minimum must not be more than the maximum' }])
      await assert.rejects(
        changeQuestion(database, actor(), councilId, serviceId, 'nothing', {
          label: 'x',
          type: 'text',
          required: true,
        }),
        (e: unknown) => e instanceof Problem && e.status === 404,
      )
    })

    it('moves questions up and down, not past either end, and removes one, each audited', async () => {
      await moveQuestion(database, actor(), councilId, serviceId, 'bags', 'up')
      assert.deepEqual(await names(), ['what', 'bags', 'how_much'])
      const atEnds = await lastAuditId()
      await moveQuestion(database, actor(), councilId, serviceId, 'what', 'up')
      await moveQuestion(database, actor(), councilId, serviceId, 'how_much', 'down')
      assert.deepEqual(await names(), ['what', 'bags', 'how_much'])
      assert.deepEqual(await audited(atEnds), [], 'nothing moved, so nothing is recorded')
      await moveQuestion(database, actor(), councilId, serviceId, 'what', 'down')
      assert.deepEqual(await names(), ['bags', 'what', 'how_much'])
      const since = await lastAuditId()
      await removeQuestion(database, actor(), councilId, serviceId, 'what')
      assert.deepEqual(await names(), ['bags', 'how_much'])
      assert.deepEqual(await audited(since), [
        `service.form_change ${serviceId} {"fields":["form"],"change":"remove","question":"what","questions":2}`,
      ])
    })

    it('refuses to change a service of another council', async () => {
      const other = await createTestCouncil(database, 'other', 'Other Council')
      await assert.rejects(
        removeQuestion(database, systemActor(other), other, serviceId, 'bags'),
        (e: unknown) => e instanceof Problem && e.status === 404,
      )
      assert.deepEqual(await names(), ['bags', 'how_much'])
    })
  })
}
