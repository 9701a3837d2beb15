// Call backs kept on both engines: the window promised follows the council's hours and its own
// closure days, read from the database as an advisor's list and a resident's confirmation show it.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES } from '../../../test/support/databases.ts'
import { testApp } from '../../../test/support/app.ts'
import { addResident } from '../../../test/support/fixtures.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { DEFAULT_SETTINGS } from '../../platform/council/settings.ts'
import type { CouncilSettings } from '../../platform/council/settings.ts'
import { callBackAboutCase, requestCallBack } from './callbacks.ts'

const FRIDAY_EVENING = Date.parse('2026-12-04T18:20:00Z')

for (const engine of ENGINES) {
  describe(`call backs kept (${engine})`, () => {
    let t: TestApp
    const settings: CouncilSettings = {
      ...DEFAULT_SETTINGS,
      workingHours: { ...DEFAULT_SETTINGS.workingHours, opens: '10:00', closes: '16:00' },
    }
    const system = () => ({ kind: 'system' as const, id: null, label: 'test', councilId: t.councilId })

    /** The window promised for a call back owed about a case news, asked on Friday evening. */
    const owedWindow = async (council: { id: number; settings: CouncilSettings }, name: string) => {
      const owed = await callBackAboutCase(
        t.database.db,
        council,
        {
          residentId: await addResident(t.database, t.councilId),
          name,
          phone: '07700 900 982',
          reason: 'Your case has news',
        },
        FRIDAY_EVENING,
      )
      return {
        ...(await t.database.db
          .selectFrom('callback')
          .select(['window_start', 'window_end'])
          .where('id', '=', owed)
          .executeTakeFirstOrThrow()),
      }
    }

    before(async () => {
      t = await testApp(engine)
      await t.database.db
        .insertInto('council_holiday')
        .values({ council_id: t.councilId, date: '2026-12-07', name: 'Staff training day', closed: 1 })
        .execute()
    })
    after(() => t?.close())

    it('promises the next open day inside the council’s hours, past its closure day', async () => {
      const council = { id: t.councilId, settings }
      const asked = await requestCallBack(
        t.database,
        system(),
        council,
        { name: 'Ada Lovelace', phone: '01632 960 001', window: 'morning', reason: 'Council tax' },
        FRIDAY_EVENING,
      )
      assert.deepEqual([asked.windowStart, asked.windowEnd], ['2026-12-08T10:00:00.000Z', '2026-12-08T12:00:00.000Z'])
      assert.deepEqual(await owedWindow(council, 'Alex Example'), {
        window_start: '2026-12-08T10:00:00.000Z',
        window_end: '2026-12-08T12:00:00.000Z',
      })
    })

    it('makes one call back of the same request sent several times at the same instant', async () => {
      const council = { id: t.councilId, settings }
      const request = { name: 'Same Moment', phone: '07700 900 555', window: 'afternoon' as const, reason: 'Bins' }
      // Typed three ways, sent together: each would find nothing waiting if they ran side by side.
      const asked = await Promise.all(
        ['07700 900 555', '07700900555', '+44 7700 900555', '07700 900 555'].map((phone) =>
          requestCallBack(t.database, system(), council, { ...request, phone }, FRIDAY_EVENING),
        ),
      )
      assert.equal(new Set(asked.map((a) => a.id)).size, 1, 'every request answered with the one call back')
      const rows = await t.database.db.selectFrom('callback').select('id').where('name', '=', 'Same Moment').execute()
      assert.equal(rows.length, 1)
    })

    it('still owes a call back about a case when the hours are too short for a window: the next open time', async () => {
      // Open 09:00 to 09:20: no half-hour morning or afternoon, so the case change must not fail.
      const short = {
        id: t.councilId,
        settings: { ...settings, workingHours: { ...settings.workingHours, opens: '09:00', closes: '09:20' } },
      }
      // Friday evening, the Monday a closure day: Tuesday 8 December, 09:00 to 09:20 (GMT).
      assert.deepEqual(await owedWindow(short, 'Sam Short'), {
        window_start: '2026-12-08T09:00:00.000Z',
        window_end: '2026-12-08T09:20:00.000Z',
      })
    })
  })
}
