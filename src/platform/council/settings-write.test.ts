// Changing a council's settings and closure days on both engines: merged into what is stored,
// checked as a whole, audited, and refused (with nothing written) when the money, times or days
// make no sense.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES, testDatabase } from '../../../test/support/databases.ts'
import type { TestDatabase } from '../../../test/support/databases.ts'
import { createTestCouncil } from '../../../test/support/app.ts'
import { systemActor } from '../../../test/support/fixtures.ts'
import { Problem } from '../http/problem.ts'
import { councilById } from './council.ts'
import { DEFAULT_SETTINGS } from './settings.ts'
import {
  addCouncilHoliday,
  changeCouncilSettings,
  isRealDate,
  listCouncilHolidays,
  removeCouncilHoliday,
} from './settings-write.ts'

async function refusal(work: Promise<unknown>): Promise<Problem> {
  try {
    await work
  } catch (error) {
    if (error instanceof Problem) return error
    throw error
  }
  assert.fail('expected a refusal')
}

describe('dates a closure day may have', () => {
  it('takes real calendar dates only', () => {
    assert.equal(isRealDate('2028-02-29'), true)
    for (const bad of ['2027-02-29', '2026-13-01', '26-12-25', '2026-12-25T00:00', ''])
      assert.equal(isRealDate(bad), false, bad)
  })
})

for (const engine of ENGINES) {
  describe(`changing council settings (${engine})`, () => {
    let database: TestDatabase
    let councilId: number
    const actor = () => systemActor(councilId)
    const settings = async () => (await councilById(database, councilId))!.settings
    const lastAudit = async () =>
      database.db.selectFrom('audit_event').select(['action', 'detail']).orderBy('id', 'desc').executeTakeFirstOrThrow()

    before(async () => {
      database = await testDatabase(engine)
      councilId = await createTestCouncil(database)
    })
    after(() => database.close())

    it('merges unit costs and the answer threshold into the defaults, audited', async () => {
      await changeCouncilSettings(database, actor(), councilId, {
        unitCostPence: { phone: 300, letter: 1250 },
        answerThresholdSeconds: 20,
      })
      const stored = await settings()
      assert.deepEqual(stored.unitCostPence, { face_to_face: 862, phone: 300, web: 15, letter: 1250 })
      assert.equal(stored.answerThresholdSeconds, 20)
      assert.deepEqual(stored.workingHours, DEFAULT_SETTINGS.workingHours)
      const audit = await lastAudit()
      assert.equal(audit.action, 'council_settings_changed')
      assert.deepEqual(JSON.parse(audit.detail ?? '{}').fields, ['unitCostPence', 'answerThresholdSeconds'])
    })

    it('refuses negative or fractional pence, a nonsense threshold and unknown channels, changing nothing', async () => {
      const before = await settings()
      const money = await refusal(
        changeCouncilSettings(database, actor(), councilId, {
          unitCostPence: { phone: -1, web: 1.5 },
          answerThresholdSeconds: 0,
        }),
      )
      assert.equal(money.status, 422)
      assert.deepEqual(
        money.errors?.map((e) => e.name),
        ['cost.phone', 'cost.web', 'answerThreshold'],
      )
      const channel = await refusal(
        changeCouncilSettings(database, actor(), councilId, {
          unitCostPence: { pigeon: 5 } as unknown as Record<'web', number>,
        }),
      )
      assert.deepEqual(
        channel.errors?.map((e) => e.name),
        ['cost.pigeon'],
      )
      assert.deepEqual(await settings(), before)
    })

    it('changes working days and hours, and refuses no days or closing before opening', async () => {
      await changeCouncilSettings(database, actor(), councilId, {
        workingHours: { days: [1, 2, 3, 4], opens: '08:30' },
        useBankHolidays: false,
      })
      const stored = await settings()
      assert.deepEqual(stored.workingHours, {
        days: [1, 2, 3, 4],
        opens: '08:30',
        closes: '17:00',
        timeZone: 'Europe/London',
      })
      assert.equal(stored.useBankHolidays, false)
      const wrong = await refusal(
        changeCouncilSettings(database, actor(), councilId, {
          workingHours: { days: [], opens: '18:00', closes: '9:00' },
        }),
      )
      assert.deepEqual(
        wrong.errors?.map((e) => e.name),
        ['days', 'closes'],
      )
      const backwards = await refusal(
        changeCouncilSettings(database, actor(), councilId, { workingHours: { opens: '17:00', closes: '09:00' } }),
      )
      assert.deepEqual(backwards.errors, [
        { name: 'closes', message: 'The closing time must be after the opening time' },
      ])
      assert.deepEqual(await settings(), stored)
    })

    it('adds and removes closure days and bank holidays worked, audited, refusing a date taken or unreal', async () => {
      await addCouncilHoliday(database, actor(), councilId, {
        date: '2026-12-29',
        name: ' Christmas closure ',
        closed: true,
      })
      await addCouncilHoliday(database, actor(), councilId, {
        date: '2026-08-31',
        name: 'Open on bank holiday',
        closed: false,
      })
      assert.deepEqual(await listCouncilHolidays(database, councilId), [
        { date: '2026-08-31', name: 'Open on bank holiday', closed: false },
        { date: '2026-12-29', name: 'Christmas closure', closed: true },
      ])
      const taken = await refusal(
        addCouncilHoliday(database, actor(), councilId, { date: '2026-12-29', name: 'Again', closed: true }),
      )
      assert.equal(taken.status, 409)
      const unreal = await refusal(
        addCouncilHoliday(database, actor(), councilId, { date: '2026-02-30', name: '', closed: true }),
      )
      assert.deepEqual(
        unreal.errors?.map((e) => e.name),
        ['date', 'name'],
      )
      await removeCouncilHoliday(database, actor(), councilId, '2026-12-29')
      assert.equal((await lastAudit()).action, 'council_holiday_removed')
      assert.deepEqual(
        (await listCouncilHolidays(database, councilId)).map((h) => h.date),
        ['2026-08-31'],
      )
      const gone = await refusal(removeCouncilHoliday(database, actor(), councilId, '2026-12-29'))
      assert.equal(gone.status, 404)
    })
  })
}
