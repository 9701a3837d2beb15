// Phone records on both engines: the calls import (hashed numbers, agents by email, refusals by
// line, a re-import updates), the platform's signed events (unsigned, wrongly signed, stale and
// replayed refused), the queue wait an IVR reads, and the call-back journey through the pages.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { Readable } from 'node:stream'
import { ENGINES } from '../../../test/support/databases.ts'
import { testApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { TestClient } from '../../../test/support/client.ts'
import { addStaff, signedInClient } from '../../../test/support/accounts.ts'
import { importCsv } from '../imports/service.ts'
import { newPlatformSecret } from './service.ts'
import { signatureFor } from './signature.ts'

const SECRET = 'x'.repeat(32)
const HEADER = 'external_id,queue,offered_at,answered_at,ended_at,agent_email,caller_number'
const csv = (...lines: string[]) => Readable.from([[HEADER, ...lines].join('\n') + '\n'])
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString()

for (const engine of ENGINES) {
  describe(`telephony (${engine})`, () => {
    let t: TestApp
    let secret: string
    let agentId: number
    const system = () => ({ kind: 'system' as const, id: null, label: 'test', councilId: t.councilId })

    const signedPost = (body: unknown, options: { at?: number; secret?: string; signature?: string } = {}) => {
      const payload = JSON.stringify(body)
      const timestamp = String(Math.floor((options.at ?? Date.now()) / 1000))
      return t.app.inject({
        method: 'POST',
        url: '/api/v1/telephony/calls',
        payload,
        headers: {
          host: 'localhost',
          'content-type': 'application/json',
          'x-frontdoor-timestamp': timestamp,
          'x-frontdoor-signature': options.signature ?? signatureFor(options.secret ?? secret, timestamp, payload),
        },
      })
    }
    const queueWait = (queue: string) => {
      const url = `/api/v1/telephony/queues/${queue}`
      const timestamp = String(Math.floor(Date.now() / 1000))
      return t.app.inject({
        method: 'GET',
        url,
        headers: {
          host: 'localhost',
          'x-frontdoor-timestamp': timestamp,
          'x-frontdoor-signature': signatureFor(secret, timestamp, url),
        },
      })
    }

    before(async () => {
      t = await testApp(engine)
      secret = await newPlatformSecret(t.database, SECRET, system(), t.councilId)
      agentId = (await addStaff(t.database, t.councilId, ['advisor'], { email: 'agent@staff.test' })).id
    })
    after(() => t.close())

    it('imports calls with the number hashed and the agent found by email, and names bad rows by line', async () => {
      const report = await importCsv(
        t.database,
        t.councilId,
        'calls',
        csv(
          `c-1,main,2025-03-03T09:00:00Z,2025-03-03T09:01:30Z,2025-03-03T09:05:00Z,AGENT@staff.test,07700 900123`,
          `c-2,main,2025-03-03T09:02:00Z,,2025-03-03T09:03:00Z,,+44 7700 900123`,
          `c-3,main,2025-03-03T09:02:00Z,2025-03-03T09:00:00Z,,,`,
          `c-4,,not a time,,,,12`,
        ),
        undefined,
        { sessionSecret: SECRET },
      )
      assert.equal(report.inserted, 2)
      assert.deepEqual(
        report.rejections.map((r) => r.line),
        [4, 5],
      )
      assert.match(report.rejections[0]!.reason, /answered_at is before offered_at/)
      assert.match(
        report.rejections[1]!.reason,
        /offered_at must be an ISO 8601 time.*queue is required.*caller_number is not a valid phone number/,
      )
      assert.doesNotMatch(JSON.stringify(report), /7700/)
      const calls = await t.database.db
        .selectFrom('call')
        .selectAll()
        .where('council_id', '=', t.councilId)
        .orderBy('external_id')
        .execute()
      assert.deepEqual(
        calls.map((c) => [c.external_id, c.abandoned, c.agent_staff_id]),
        [
          ['c-1', 0, agentId],
          ['c-2', 1, null],
        ],
      )
      assert.equal(
        calls[0]!.caller_number_hash,
        calls[1]!.caller_number_hash,
        'the same number written two ways is one caller',
      )
      assert.doesNotMatch(JSON.stringify(calls), /7700|900123/)
    })

    it('updates calls on a re-import instead of adding them again', async () => {
      const report = await importCsv(
        t.database,
        t.councilId,
        'calls',
        csv(`c-2,main,2025-03-03T09:02:00Z,2025-03-03T09:02:40Z,2025-03-03T09:06:00Z,agent@staff.test,`),
        undefined,
        { sessionSecret: SECRET },
      )
      assert.deepEqual([report.inserted, report.updated, report.rejected], [0, 1, 0])
      const c2 = await t.database.db
        .selectFrom('call')
        .selectAll()
        .where('external_id', '=', 'c-2')
        .executeTakeFirstOrThrow()
      assert.deepEqual([c2.abandoned, c2.answered_at, c2.agent_staff_id], [0, '2025-03-03T09:02:40.000Z', agentId])
      const count = await t.database.db
        .selectFrom('call')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
      assert.equal(Number(count.n), 2)
    })

    it('takes an offered call, then its answer and end, as signed events on the same external id', async () => {
      const offered = await signedPost({
        event_id: 'e-1',
        type: 'offered',
        external_id: 'live-1',
        queue: 'main',
        at: minutesAgo(3),
        caller_number: '01632 960001',
      })
      assert.equal(offered.statusCode, 202, offered.body)
      const waiting = await queueWait('main')
      assert.equal(waiting.statusCode, 200, waiting.body)
      assert.ok(waiting.json().expected_wait_seconds >= 179, 'a caller waiting three minutes sets the wait')
      assert.equal(
        (
          await signedPost({
            event_id: 'e-2',
            type: 'answered',
            external_id: 'live-1',
            at: minutesAgo(1),
            agent_email: 'agent@staff.test',
          })
        ).statusCode,
        202,
      )
      assert.equal(
        (await signedPost({ event_id: 'e-3', type: 'ended', external_id: 'live-1', at: minutesAgo(0) })).statusCode,
        202,
      )
      const call = await t.database.db
        .selectFrom('call')
        .selectAll()
        .where('external_id', '=', 'live-1')
        .executeTakeFirstOrThrow()
      assert.equal(call.agent_staff_id, agentId)
      assert.equal(call.abandoned, 0)
      assert.ok(call.ended_at && call.caller_number_hash)
      const abandoned = await signedPost({
        event_id: 'e-4',
        type: 'abandoned',
        external_id: 'live-1',
        at: minutesAgo(0),
      })
      assert.equal(abandoned.statusCode, 409, 'an answered call cannot then be abandoned')
    })

    it('refuses unsigned, wrongly signed, stale and replayed events with problem+json, changing nothing', async () => {
      const body = { event_id: 'e-9', type: 'offered', external_id: 'live-9', queue: 'main', at: minutesAgo(0) }
      const unsigned = await t.app.inject({
        method: 'POST',
        url: '/api/v1/telephony/calls',
        payload: body,
        headers: { host: 'localhost' },
      })
      assert.equal(unsigned.statusCode, 401)
      assert.equal(unsigned.headers['content-type'], 'application/problem+json; charset=utf-8')
      assert.match(unsigned.json().detail, /Sign the request/)
      const wrong = await signedPost(body, { secret: 'not-the-secret' })
      assert.equal(wrong.statusCode, 401)
      assert.match(wrong.json().detail, /does not match/)
      const stale = await signedPost(body, { at: Date.now() - 6 * 60_000 })
      assert.equal(stale.statusCode, 401)
      assert.match(stale.json().detail, /more than 5 minutes/)
      const withToken = await t.app.inject({
        method: 'POST',
        url: '/api/v1/telephony/calls',
        payload: body,
        headers: t.as('admin'),
      })
      assert.equal(withToken.statusCode, 403)
      assert.equal(
        await t.database.db
          .selectFrom('call_in_queue')
          .select('id')
          .where('external_id', '=', 'live-9')
          .executeTakeFirst(),
        undefined,
      )
      const first = await signedPost(body)
      assert.equal(first.statusCode, 202)
      const again = await signedPost(body)
      assert.equal(again.statusCode, 409)
      assert.match(again.json().detail, /received before/)
      const sameIdNewTime = await signedPost(body, { at: Date.now() - 1000 })
      assert.equal(sameIdNewTime.statusCode, 409, 'the same event id signed afresh is still a replay')
    })

    it('gives an IVR the expected wait and offers a call back past the threshold', async () => {
      const quiet = await queueWait('quiet')
      assert.deepEqual(quiet.json(), {
        queue: 'quiet',
        expected_wait_seconds: 0,
        offer_call_back: false,
        call_back_threshold_seconds: 300,
      })
      for (const [i, seconds] of [100, 400, 500].entries()) {
        const offered = new Date(Date.now() - 20 * 60_000)
        await t.database.db
          .insertInto('call')
          .values({
            council_id: t.councilId,
            external_id: `busy-${i}`,
            queue: 'busy',
            offered_at: offered.toISOString(),
            answered_at: new Date(offered.getTime() + seconds * 1000).toISOString(),
            abandoned: 0,
          })
          .execute()
      }
      const busy = await queueWait('busy')
      assert.equal(busy.json().expected_wait_seconds, 400, 'the median time to answer of the last half hour')
      assert.equal(busy.json().offer_call_back, true)
      const unsigned = await t.app.inject({
        method: 'GET',
        url: '/api/v1/telephony/queues/busy',
        headers: { host: 'localhost' },
      })
      assert.equal(unsigned.statusCode, 401)
    })

    it('takes a resident’s call back request while the queue is busy, and advisors work it to the end', async () => {
      const page = await t.app.inject({ method: 'GET', url: '/contact/call-back', headers: { host: 'localhost' } })
      assert.match(page.body, /Call us now/, 'the main queue is quiet: the page says call now')
      await t.database.db
        .insertInto('call_in_queue')
        .values({ council_id: t.councilId, external_id: 'stuck', queue: 'main', offered_at: minutesAgo(10) })
        .execute()
      const busyPage = await t.app.inject({ method: 'GET', url: '/contact/call-back', headers: { host: 'localhost' } })
      assert.match(busyPage.body, /Ask us to call you back/)
      const resident = new TestClient(t.app)
      const post = (fields: Record<string, string>) => resident.submit('/contact/call-back', fields)
      const bad = await post({ name: 'Ada Lovelace', phone: '12', window: '', reason: '' })
      assert.equal(bad.statusCode, 400)
      assert.match(bad.body, /There is a problem/)
      assert.match(bad.body, /href="#phone">Enter a phone number, like/)
      assert.match(bad.body, /value="Ada Lovelace"/)
      const good = await post({
        name: 'Ada Lovelace',
        phone: '01632 960 001',
        window: 'afternoon',
        reason: 'Missed bin',
      })
      assert.equal(good.statusCode, 200, good.body)
      assert.match(good.body, /We will call you back/)

      const advisor = await signedInClient(t, { kind: 'staff', id: agentId })
      const list = await advisor.get('/staff/call-backs')
      assert.equal(list.statusCode, 200)
      assert.match(list.body, /Ada Lovelace/)
      assert.match(list.body, /01632 960 001/)
      const id = /\/staff\/call-backs\/(\d+)\/claim/.exec(list.body)?.[1]
      assert.ok(id)
      assert.equal((await advisor.submit('/staff/call-backs', {}, `/staff/call-backs/${id}/claim`)).statusCode, 303)
      for (let i = 0; i < 2; i++) {
        assert.equal(
          (await advisor.submit('/staff/call-backs', { outcome: 'no_answer' }, `/staff/call-backs/${id}/attempts`))
            .statusCode,
          303,
        )
        await advisor.submit('/staff/call-backs', {}, `/staff/call-backs/${id}/claim`)
      }
      await advisor.submit('/staff/call-backs', { outcome: 'no_answer' }, `/staff/call-backs/${id}/attempts`)
      const done = await t.database.db
        .selectFrom('callback')
        .selectAll()
        .where('id', '=', Number(id))
        .executeTakeFirstOrThrow()
      assert.deepEqual([done.status, done.attempts], ['failed', 3])
      const tries = await t.database.db
        .selectFrom('callback_attempt')
        .innerJoin('contact', 'contact.id', 'callback_attempt.contact_id')
        .select(['contact.channel', 'contact.direction'])
        .where('callback_id', '=', Number(id))
        .execute()
      assert.deepEqual(
        tries.map((row) => ({ ...row })),
        Array(3).fill({ channel: 'phone', direction: 'outbound' }),
      )
      assert.doesNotMatch((await advisor.get('/staff/call-backs')).body, /Ada Lovelace/)
      const caseworker = await signedInClient(t, {
        kind: 'staff',
        id: (await addStaff(t.database, t.councilId, ['caseworker'])).id,
      })
      assert.equal((await caseworker.get('/staff/call-backs')).statusCode, 403)
    })
  })
}
