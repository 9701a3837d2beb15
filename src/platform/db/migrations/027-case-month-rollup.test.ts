import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES, testDatabase } from '../../../../test/support/databases.ts'
import type { TestDatabase } from '../../../../test/support/databases.ts'
import { createTestCouncil } from '../../../../test/support/app.ts'
import { addService, addTeam } from '../../../../test/support/fixtures.ts'
import type { CaseCreator } from '../values.ts'
import { fillCaseMonths } from './027-case-month-rollup.ts'

for (const engine of ENGINES) {
  describe(`migration 027: cases by month from the daily rollup (${engine})`, () => {
    let database: TestDatabase
    let councilId: number
    let serviceId: number

    before(async () => {
      database = await testDatabase(engine)
      councilId = await createTestCouncil(database)
      serviceId = (await addService(database, councilId, await addTeam(database, councilId))).id
    })
    after(() => database.close())

    const day = (
      date: string,
      created: number,
      resolved: number,
      within: number,
      createdBy: CaseCreator = 'resident',
    ) => ({
      council_id: councilId,
      day: date,
      service_id: serviceId,
      channel: 'web' as const,
      created_by: createdBy,
      created,
      resolved,
      resolved_within_target: within,
    })

    it('sums each London month of the daily rows, key by key', async () => {
      await database.db
        .insertInto('case_rollup')
        .values([
          day('2025-03-01', 2, 0, 0),
          day('2025-03-31', 3, 1, 1),
          day('2025-04-01', 5, 2, 1),
          day('2025-04-30', 0, 4, 3),
          day('2025-04-30', 1, 0, 0, 'staff'),
        ])
        .execute()
      await database.db.deleteFrom('case_month_rollup').execute()

      await fillCaseMonths(database.db)

      const months = await database.db
        .selectFrom('case_month_rollup')
        .select(['month', 'created_by', 'created', 'resolved', 'resolved_within_target'])
        .where('council_id', '=', councilId)
        .orderBy('month')
        .orderBy('created_by')
        .execute()
      assert.deepEqual(
        months.map((row) => ({ ...row })),
        [
          { month: '2025-03', created_by: 'resident', created: 5, resolved: 1, resolved_within_target: 1 },
          { month: '2025-04', created_by: 'resident', created: 5, resolved: 6, resolved_within_target: 4 },
          { month: '2025-04', created_by: 'staff', created: 1, resolved: 0, resolved_within_target: 0 },
        ],
      )
    })
  })
}
