// Closed periods' figures are kept once read; these check what makes them be read again, on both
// engines: the triggers of migration 024 and the rollup writes of past days, counted by year (025).
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES, testDatabase } from '../../../test/support/databases.ts'
import type { TestDatabase } from '../../../test/support/databases.ts'
import { createTestCouncil } from '../../../test/support/app.ts'
import { addResident, addService, addTeam, systemActor } from '../../../test/support/fixtures.ts'
import { nowIso } from '../../platform/db/database.ts'
import { logContact } from '../contacts/service.ts'
import { closedBefore, keptIfClosed, readingTogether, touchesClosed } from './closed.ts'
import type { Queryable } from '../../platform/db/schema.ts'
import { metricsFor } from './service.ts'

const DAY = 86_400_000

describe('which days are closed', () => {
  // 12:00 UTC on 3 December 2026: London is on GMT.
  const noon = Date.parse('2026-12-03T12:00:00Z')

  it('closes a day two days after it has ended', () => {
    assert.equal(closedBefore(noon), '2026-12-01')
    assert.equal(touchesClosed('2026-11-30', noon), true)
    assert.equal(touchesClosed('2026-12-01', noon), false)
    assert.equal(touchesClosed('2026-12-03', noon), false)
  })

  it('follows London days, not UTC ones, across midnight in summer', () => {
    // 23:30 UTC on 2 July is 00:30 on 3 July in London.
    assert.equal(closedBefore(Date.parse('2026-07-02T23:30:00Z')), '2026-07-01')
  })
})

describe('an open period read within one page', () => {
  // A period that ends next year is open whatever today is: it is never kept, only shared.
  const open = { from: '2026-01-01', to: `${new Date().getUTCFullYear() + 2}-01-01` }
  const db = {} as Queryable
  const counted = () => {
    const reads = { made: 0 }
    const read = async () => ++reads.made
    return { reads, read }
  }

  it('is read every time outside a page', async () => {
    const { reads, read } = counted()
    await keptIfClosed(db, 1, open, 'k', read)
    await keptIfClosed(db, 1, open, 'k', read)
    assert.equal(reads.made, 2)
  })

  it('is read once for everything one page shows, and again by the next page', async () => {
    const { read } = counted()
    const page = () =>
      readingTogether(async () => [
        await keptIfClosed(db, 1, open, 'k', read),
        await keptIfClosed(db, 1, open, 'k', read),
        await keptIfClosed(db, 2, open, 'k', read),
        await keptIfClosed(db, 1, open, 'other', read),
      ])
    assert.deepEqual(await page(), [1, 1, 2, 3])
    assert.deepEqual(await page(), [4, 4, 5, 6])
  })

  it('is not shared between two pages read at once', async () => {
    const { reads, read } = counted()
    const page = () => readingTogether(() => keptIfClosed(db, 1, open, 'k', read))
    const answers = await Promise.all([page(), page()])
    assert.deepEqual(answers.sort(), [1, 2])
    assert.equal(reads.made, 2)
  })
})

for (const engine of ENGINES) {
  describe(`closed figures are read again after a change (${engine})`, () => {
    let database: TestDatabase
    let councilId: number
    let residentId: number
    let otherId: number
    let serviceId: number

    before(async () => {
      database = await testDatabase(engine)
      councilId = await createTestCouncil(database)
      residentId = await addResident(database, councilId)
      otherId = await addResident(database, councilId)
      serviceId = (await addService(database, councilId, await addTeam(database, councilId))).id
    })
    after(() => database.close())

    /** The council's generation and every year's, added: moves with any of them. */
    const generation = async () => {
      const council = await database.db
        .selectFrom('figures_generation')
        .select('generation')
        .where('council_id', '=', councilId)
        .executeTakeFirst()
      const years = await database.db
        .selectFrom('figures_year_generation')
        .select('generation')
        .where('council_id', '=', councilId)
        .execute()
      return years.reduce((sum, row) => sum + Number(row.generation), Number(council?.generation ?? 0))
    }

    /** Whether the change moved the council's figures generation. */
    async function moves(change: () => Promise<unknown>): Promise<boolean> {
      const was = await generation()
      await change()
      return (await generation()) !== was
    }

    const contactOn = (startedAt: string) =>
      logContact(database, systemActor(councilId), councilId, {
        channel: 'phone',
        resident_id: residentId,
        service_id: serviceId,
        outcome: 'resolved_first_contact',
        started_at: startedAt,
      })

    it('moves for a contact on a closed day, not for one today', async () => {
      assert.equal(await moves(() => contactOn(nowIso())), false)
      assert.equal(await moves(() => contactOn(new Date(Date.now() - 30 * DAY).toISOString())), true)
    })

    it('moves when a resident is merged, not when their name changes', async () => {
      const update = (values: { merged_into?: number | null; given_name?: string }) => () =>
        database.db.updateTable('resident').set(values).where('id', '=', otherId).execute()
      assert.equal(await moves(update({ given_name: 'Sam' })), false)
      assert.equal(await moves(update({ merged_into: residentId })), true)
      assert.equal(await moves(update({ merged_into: null })), true, 'undoing a merge')
    })

    it('moves when an e-account is verified or deleted, not when its email changes', async () => {
      const account = await database.db
        .insertInto('e_account')
        .values({
          council_id: councilId,
          resident_id: residentId,
          email: 'alex@example.org',
          given_name: null,
          family_name: null,
          password_hash: null,
          oidc_subject: null,
          verified_at: null,
          mfa_secret: null,
          locked_until: null,
          created_at: nowIso(),
          last_sign_in_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      const update = (values: { verified_at?: string; email?: string }) => () =>
        database.db.updateTable('e_account').set(values).where('id', '=', account.id).execute()
      assert.equal(await moves(update({ email: 'alex@example.com' })), false)
      assert.equal(await moves(update({ verified_at: nowIso() })), true)
      assert.equal(await moves(() => database.db.deleteFrom('e_account').where('id', '=', account.id).execute()), true)
    })

    it("moves when a service's online availability changes, not its name", async () => {
      const update = (values: { online_available?: 0 | 1; name?: string }) => () =>
        database.db.updateTable('service').set(values).where('id', '=', serviceId).execute()
      assert.equal(await moves(update({ name: 'Missed bins' })), false)
      assert.equal(await moves(update({ online_available: 0 })), true)
    })

    it("keeps a closed period's read until the generation moves, and never keeps an open one", async () => {
      let reads = 0
      const read = (endsOn: string) =>
        keptIfClosed(database.db, councilId, { from: '2024-01-01', to: endsOn }, `test|${endsOn}`, async () => {
          reads += 1
          return reads
        })
      const closed = '2025-01-01'
      assert.equal(await read(closed), 1)
      assert.equal(await read(closed), 1, 'kept')
      await contactOn('2024-12-30T10:00:00.000Z')
      assert.equal(await read(closed), 2, 'read again after a change to a closed day')
      const open = closedBefore(Date.now() + 10 * DAY)
      assert.equal(await read(open), 3)
      assert.equal(await read(open), 4, 'an open period is read every time')
    })

    it('reads again only the periods of the year a change was made in, and every period after a merge', async () => {
      const reads = new Map<string, number>()
      const read = (from: string, to: string) =>
        keptIfClosed(database.db, councilId, { from, to }, `years|${from}|${to}`, async () => {
          reads.set(from, (reads.get(from) ?? 0) + 1)
          return reads.get(from)
        })
      const periods: [string, string][] = [
        ['2022-01-01', '2023-01-01'],
        ['2023-01-01', '2024-01-01'],
        ['2023-12-01', '2024-02-01'],
      ]
      const readAll = async () => Promise.all(periods.map(([from, to]) => read(from, to)))
      assert.deepEqual(await readAll(), [1, 1, 1])
      await contactOn('2023-06-10T10:00:00.000Z')
      assert.deepEqual(await readAll(), [1, 2, 2], '2022 kept; 2023 and the span into 2024 read again')
      await contactOn('2024-01-15T10:00:00.000Z')
      assert.deepEqual(await readAll(), [1, 2, 3], 'only the span reaching into 2024 read again')
      await database.db.updateTable('resident').set({ merged_into: residentId }).where('id', '=', otherId).execute()
      assert.deepEqual(await readAll(), [2, 3, 4], 'a merge changes every year')
      await database.db.updateTable('resident').set({ merged_into: null }).where('id', '=', otherId).execute()
    })

    it('lets the least recently used reads go once the kept rows pass their bound', async () => {
      let reads = 0
      const large = (key: string) =>
        keptIfClosed(database.db, councilId, { from: '2024-01-01', to: '2025-01-01' }, key, async () => {
          reads += 1
          return new Array<number>(300_000).fill(0)
        })
      await large('large-1')
      await large('large-2')
      await large('large-2')
      assert.equal(reads, 2, 'the newest is kept')
      await large('large-1')
      assert.equal(reads, 3, 'the oldest was let go')
    })

    it('gives the figures of a closed period as they are after a merge', async () => {
      const period = { from: '2025-06-01', to: '2025-07-01' }
      const third = await addResident(database, councilId)
      for (const id of [residentId, third])
        await logContact(database, systemActor(councilId), councilId, {
          channel: 'phone',
          resident_id: id,
          outcome: 'resolved_first_contact',
          started_at: '2025-06-10T10:00:00.000Z',
        })
      assert.equal((await metricsFor(database.db, councilId, period)).residents_with_contact, 2)
      await database.db.updateTable('resident').set({ merged_into: residentId }).where('id', '=', third).execute()
      assert.equal((await metricsFor(database.db, councilId, period)).residents_with_contact, 1)
    })
  })
}
