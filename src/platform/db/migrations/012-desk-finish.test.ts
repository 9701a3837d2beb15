import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { ENGINES, testDatabase } from '../../../../test/support/databases.ts'
import type { TestDatabase } from '../../../../test/support/databases.ts'
import { nowIso } from '../database.ts'
import { isUniqueViolation } from '../errors.ts'
import { renameDuplicatePartners } from './012-desk-finish.ts'

for (const engine of ENGINES) {
  describe(`migration 012: partner names unique per council (${engine})`, () => {
    let database: TestDatabase
    let councils: number[]

    const addCouncil = async (slug: string) =>
      (
        await database.db
          .insertInto('council')
          .values({ slug, name: slug, hostnames: '[]', settings: '{}', created_at: nowIso() })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
    const addOrg = (councilId: number, name: string) =>
      database.db
        .insertInto('partner_org')
        .values({
          council_id: councilId,
          name,
          description: null,
          email: null,
          phone: null,
          website: null,
          open_referral_id: null,
          active: 1,
          created_at: nowIso(),
        })
        .returning('id')
        .executeTakeFirstOrThrow()

    before(async () => {
      database = await testDatabase(engine)
      councils = [await addCouncil('first'), await addCouncil('second')]
    })
    after(() => database.close())

    it('refuses a second organisation of the same name in a council, whatever its case and spacing', async () => {
      await addOrg(councils[0]!, 'Ashby Age Concern')
      await assert.rejects(addOrg(councils[0]!, '  ashby AGE concern '), (error) => isUniqueViolation(error))
      const rows = await database.db
        .selectFrom('partner_org')
        .select('name')
        .where('council_id', '=', councils[0]!)
        .execute()
      assert.deepEqual(
        rows.map((r) => r.name),
        ['Ashby Age Concern'],
      )
    })

    it('lets another council use the same name', async () => {
      await addOrg(councils[1]!, 'Ashby Age Concern')
    })

    it('keeps names already held twice, renaming each later one after its id so the index can be made', async () => {
      await sql`drop index partner_org_name_unique`.execute(database.db)
      const third = await addCouncil('third')
      const first = await addOrg(third, 'Citizens Advice')
      const second = await addOrg(third, 'citizens advice ')
      const other = await addOrg(third, 'Foodbank')
      await renameDuplicatePartners(database.db)
      await sql`create unique index partner_org_name_unique on partner_org (council_id, lower(trim(name)))`.execute(
        database.db,
      )
      const names = await database.db
        .selectFrom('partner_org')
        .select(['id', 'name'])
        .where('council_id', '=', third)
        .orderBy('id')
        .execute()
      assert.deepEqual(
        names.map((n) => ({ ...n })),
        [
          { id: first.id, name: 'Citizens Advice' },
          { id: second.id, name: `citizens advice (${second.id})` },
          { id: other.id, name: 'Foodbank' },
        ],
      )
      await assert.rejects(addOrg(third, 'CITIZENS ADVICE'), (error) => isUniqueViolation(error))
    })
  })
}
