import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES, testDatabase } from '../../../test/support/databases.ts'
import type { TestDatabase } from '../../../test/support/databases.ts'
import { createTestCouncil } from '../../../test/support/app.ts'
import { addAccount } from '../../../test/support/accounts.ts'
import { createSession } from './sessions.ts'
import { countHit } from '../http/rate-limit.ts'
import { sweepSignInLeftovers } from './housekeeping.ts'

const HOUR = 3_600_000

for (const engine of ENGINES) {
  describe(`sweeping sign-in leftovers (${engine})`, () => {
    let database: TestDatabase
    before(async () => {
      database = await testDatabase(engine)
    })
    after(() => database.close())

    it('removes ended sessions, closed rate-limit windows and old links, and keeps the live ones', async () => {
      const councilId = await createTestCouncil(database)
      const account = await addAccount(database, councilId, null)
      const now = new Date()
      await createSession(
        database.db,
        { councilId, subjectKind: 'resident', subjectId: account.id, data: { stage: 'signed_in' } },
        new Date(now.getTime() - 13 * HOUR),
      )
      const live = await createSession(
        database.db,
        { councilId, subjectKind: 'resident', subjectId: account.id, data: { stage: 'signed_in' } },
        now,
      )
      await countHit(database, 'old window', 60_000, now.getTime() - 2 * 60_000)
      await countHit(database, 'open window', 60_000, now.getTime())
      const link = (id: string, expiresAt: Date, usedAt: Date | null) => ({
        id,
        council_id: councilId,
        purpose: 'reset_password' as const,
        e_account_id: account.id,
        email: account.email,
        created_at: now.toISOString(),
        expires_at: expiresAt.toISOString(),
        used_at: usedAt?.toISOString() ?? null,
      })
      await database.db
        .insertInto('one_time_link')
        .values([
          link('expired long ago', new Date(now.getTime() - 30 * HOUR), null),
          link('used long ago', new Date(now.getTime() + HOUR), new Date(now.getTime() - 30 * HOUR)),
          link('just used', new Date(now.getTime() + HOUR), now),
          link('waiting', new Date(now.getTime() + HOUR), null),
        ])
        .execute()

      const swept = await sweepSignInLeftovers(database.db, now)
      assert.deepEqual(swept, { sessions: 1, rateLimitBuckets: 1, links: 2 })
      assert.deepEqual(
        (await database.db.selectFrom('session').select('id').execute()).map((s) => s.id),
        [live.session.id],
      )
      assert.deepEqual(
        (await database.db.selectFrom('rate_limit_bucket').select('key').execute()).map((b) => b.key),
        ['open window'],
      )
      assert.deepEqual(
        (await database.db.selectFrom('one_time_link').select('id').orderBy('id').execute()).map((l) => l.id),
        ['just used', 'waiting'],
      )
    })
  })
}
