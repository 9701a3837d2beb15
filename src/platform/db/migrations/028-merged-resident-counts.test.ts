import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES, testDatabase } from '../../../../test/support/databases.ts'
import type { TestDatabase } from '../../../../test/support/databases.ts'
import { createTestCouncil } from '../../../../test/support/app.ts'
import { addResident } from '../../../../test/support/fixtures.ts'
import { moveMergedCounts } from './028-merged-resident-counts.ts'

for (const engine of ENGINES) {
  describe(`migration 028: merged residents' counts moved to their survivors (${engine})`, () => {
    let database: TestDatabase

    before(async () => {
      database = await testDatabase(engine)
    })
    after(() => database.close())

    const row = (councilId: number, year: string, residentId: number, months: Record<string, number>) => ({
      council_id: councilId,
      year,
      resident_id: residentId,
      contacts_01: 0,
      contacts_02: 0,
      contacts_03: 0,
      contacts_04: 0,
      contacts_05: 0,
      contacts_06: 0,
      contacts_07: 0,
      contacts_08: 0,
      contacts_09: 0,
      contacts_10: 0,
      contacts_11: 0,
      contacts_12: 0,
      ...months,
    })

    it("adds a merged resident's months to the survivor's, year by year, and leaves no row under them", async () => {
      const councilId = await createTestCouncil(database)
      const survivor = await addResident(database, councilId)
      const merged = await addResident(database, councilId)
      const other = await addResident(database, councilId)
      await database.db.updateTable('resident').set({ merged_into: survivor }).where('id', '=', merged).execute()
      await database.db
        .insertInto('resident_contact_rollup')
        .values([
          row(councilId, '2025', survivor, { contacts_03: 1 }),
          row(councilId, '2025', merged, { contacts_03: 2, contacts_04: 1 }),
          row(councilId, '2024', merged, { contacts_01: 1 }),
          row(councilId, '2025', other, { contacts_05: 4 }),
        ])
        .execute()

      await moveMergedCounts(database.db)

      const rows = await database.db
        .selectFrom('resident_contact_rollup')
        .select(['year', 'resident_id', 'contacts_01', 'contacts_03', 'contacts_04', 'contacts_05'])
        .where('council_id', '=', councilId)
        .orderBy('resident_id')
        .orderBy('year')
        .execute()
      assert.deepEqual(
        rows.map((r) => ({ ...r })),
        [
          { year: '2024', resident_id: survivor, contacts_01: 1, contacts_03: 0, contacts_04: 0, contacts_05: 0 },
          { year: '2025', resident_id: survivor, contacts_01: 0, contacts_03: 3, contacts_04: 1, contacts_05: 0 },
          { year: '2025', resident_id: other, contacts_01: 0, contacts_03: 0, contacts_04: 0, contacts_05: 4 },
        ],
      )
    })
  })
}
