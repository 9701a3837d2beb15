// Phone records on both engines: the calls import (hashed numbers, agents by email, refusals by
import { setLineSettings } from '../../../test/support/telephony.ts'
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
import { logContact } from '../contacts/service.ts'
import { systemActor } from '../../../test/support/fixtures.ts'
import { linkCallToContact, newPlatformSecret } from './service.ts'
import { CALL_BACK_LIMIT } from './pages.ts'
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

    const signedPost = (
      body: unknown,
      options: { at?: number; secret?: string; signature?: string; url?: string } = {},
    ) => {
      const payload = JSON.stringify(body)
      const timestamp = String(Math.floor((options.at ?? Date.now()) / 1000))
      return t.app.inject({
        method: 'POST',
        url: options.url ?? '/api/v1/telephony/calls',
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

    // The call-back page says the lines are closed outside the council's hours: these tests run at
    // any hour, so the council keeps its lines open all day every day.
    const settle = (app: TestApp, settings: object) => setLineSettings(app.database.db, app.councilId, settings)

    before(async () => {
      t = await testApp(engine)
      await settle(t, {})
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

    it('holds imported queue names to the API’s rule, naming the rows that break it by line', async () => {
      const report = await importCsv(
        t.database,
        t.councilId,
        'calls',
        csv(
          `q-1,Council Tax,2025-03-03T09:00:00Z,,,,`,
          `q-2,"main\r\nq",2025-03-03T09:00:00Z,,,,`,
          `q-3,council-tax.2,2025-03-03T09:00:00Z,,,,`,
          `q-4,${'q'.repeat(101)},2025-03-03T09:00:00Z,,,,`,
        ),
        undefined,
        { sessionSecret: SECRET },
      )
      assert.equal(report.inserted, 1)
      assert.deepEqual(
        report.rejections.map((r) => [r.line, r.reason]),
        [
          [2, 'queue may hold only letters, digits, ".", "_" and "-" (no spaces), like council-tax'],
          [3, 'queue may hold only letters, digits, ".", "_" and "-" (no spaces), like council-tax'],
          [6, 'queue is longer than 100 characters'],
        ],
      )
      await t.database.db.deleteFrom('call').where('external_id', '=', 'q-3').execute()
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
      const endedAgain = await signedPost({ event_id: 'e-3b', type: 'ended', external_id: 'live-1', at: minutesAgo(0) })
      assert.equal(endedAgain.statusCode, 409, 'a call ends once, whatever the event id')
      assert.match(endedAgain.body, /has already ended/)
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

    it('refuses an event dated before the call’s earlier one with 422 naming both times, storing nothing', async () => {
      const offeredAt = minutesAgo(10)
      assert.equal(
        (await signedPost({ event_id: 'o-1', type: 'offered', external_id: 'order-1', queue: 'main', at: offeredAt }))
          .statusCode,
        202,
      )
      const early = await signedPost({ event_id: 'o-2', type: 'answered', external_id: 'order-1', at: minutesAgo(70) })
      assert.equal(early.statusCode, 422, early.body)
      assert.equal(early.headers['content-type'], 'application/problem+json; charset=utf-8')
      assert.match(early.json().detail, /cannot be answered at .*: it was offered later, at /)
      assert.ok(early.json().detail.includes(offeredAt), 'the detail names the time it conflicts with')
      assert.deepEqual(
        early.json().errors.map((e: { name: string }) => e.name),
        ['body.at'],
      )
      assert.equal(
        await t.database.db.selectFrom('call').select('id').where('external_id', '=', 'order-1').executeTakeFirst(),
        undefined,
        'the call still waits, unanswered',
      )
      const answered = await signedPost({
        event_id: 'o-2',
        type: 'answered',
        external_id: 'order-1',
        at: minutesAgo(5),
      })
      assert.equal(answered.statusCode, 202, 'the refused event was not taken, so its id may be sent again')
      const endedEarly = await signedPost({ event_id: 'o-3', type: 'ended', external_id: 'order-1', at: minutesAgo(8) })
      assert.equal(endedEarly.statusCode, 422, endedEarly.body)
      assert.match(endedEarly.json().detail, /cannot be ended at .*: it was answered later/)
      const call = await t.database.db
        .selectFrom('call')
        .selectAll()
        .where('external_id', '=', 'order-1')
        .executeTakeFirstOrThrow()
      assert.equal(call.ended_at, null)
      assert.ok(Date.parse(call.answered_at as string) >= Date.parse(call.offered_at))
      await signedPost({ event_id: 'o-4', type: 'offered', external_id: 'order-2', queue: 'main', at: minutesAgo(3) })
      const abandonedEarly = await signedPost({
        event_id: 'o-5',
        type: 'abandoned',
        external_id: 'order-2',
        at: minutesAgo(4),
      })
      assert.equal(abandonedEarly.statusCode, 422)
      const metrics = await t.app.inject({
        method: 'GET',
        url: `/api/v1/metrics?from=${minutesAgo(24 * 60).slice(0, 10)}&to=${minutesAgo(-24 * 60).slice(0, 10)}`,
        headers: t.as('manager'),
      })
      assert.equal(metrics.statusCode, 200, metrics.body)
    })

    it('refuses events dated more than a day ago or more than five minutes ahead, storing nothing', async () => {
      const old = await signedPost({
        event_id: 'd-1',
        type: 'offered',
        external_id: 'lost-1',
        queue: 'q3',
        at: '2020-01-01T09:00:00Z',
      })
      assert.equal(old.statusCode, 422)
      assert.match(old.json().detail, /more than 24 hours ago/)
      const ahead = await signedPost({
        event_id: 'd-2',
        type: 'offered',
        external_id: 'lost-2',
        queue: 'q3',
        at: minutesAgo(-10),
      })
      assert.equal(ahead.statusCode, 422)
      assert.match(ahead.json().detail, /more than 5 minutes from now/)
      const waiting = await t.database.db.selectFrom('call_in_queue').select('id').where('queue', '=', 'q3').execute()
      assert.deepEqual(waiting, [])
      const slightlyAhead = await signedPost({
        event_id: 'd-3',
        type: 'offered',
        external_id: 'lost-3',
        queue: 'q3',
        at: minutesAgo(-2),
      })
      assert.equal(slightlyAhead.statusCode, 202, 'a clock a little ahead is allowed')
      await t.database.db.deleteFrom('call_in_queue').where('queue', '=', 'q3').execute()
    })

    it('leaves out of the expected wait a call waiting longer than any caller would, so a lost event cannot stall a queue', async () => {
      await t.database.db
        .insertInto('call_in_queue')
        .values([
          { council_id: t.councilId, external_id: 'lost-2020', queue: 'q3', offered_at: '2020-01-01T09:00:00.000Z' },
          { council_id: t.councilId, external_id: 'lost-today', queue: 'q3', offered_at: minutesAgo(5 * 60) },
        ])
        .execute()
      const offered = new Date(Date.now() - 6 * 3_600_000)
      await t.database.db
        .insertInto('call')
        .values({
          council_id: t.councilId,
          external_id: 'answered-after-hours',
          queue: 'q3',
          offered_at: offered.toISOString(),
          answered_at: minutesAgo(1),
          abandoned: 0,
        })
        .execute()
      assert.deepEqual((await queueWait('q3')).json(), {
        queue: 'q3',
        expected_wait_seconds: 0,
        offer_call_back: false,
        call_back_threshold_seconds: 300,
      })
      await t.database.db
        .insertInto('call_in_queue')
        .values({ council_id: t.councilId, external_id: 'real-wait', queue: 'q3', offered_at: minutesAgo(6) })
        .execute()
      const real = (await queueWait('q3')).json()
      assert.ok(real.expected_wait_seconds >= 359 && real.expected_wait_seconds < 400, JSON.stringify(real))
      assert.equal(real.offer_call_back, true)
      await t.database.db.deleteFrom('call_in_queue').where('queue', '=', 'q3').execute()
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

    it('books a call back a caller accepted in the IVR, signed, on the advisors’ list with the number to ring', async () => {
      const book = (body: object, options: { secret?: string } = {}) =>
        signedPost(body, { ...options, url: '/api/v1/telephony/call-backs' })
      const booked = await book({ event_id: 'cb-1', queue: 'q3', caller_number: '01632 960 444', window: 'afternoon' })
      assert.equal(booked.statusCode, 201, booked.body)
      const answer = booked.json()
      assert.equal(answer.queue, 'q3')
      assert.equal(answer.window, 'afternoon')
      assert.ok(Date.parse(answer.window_end) > Date.parse(answer.window_start))
      assert.ok(Date.parse(answer.window_end) > Date.now())
      const stored = await t.database.db
        .selectFrom('callback')
        .selectAll()
        .where('id', '=', answer.id)
        .executeTakeFirstOrThrow()
      assert.deepEqual(
        [stored.phone, stored.status, stored.window_end, stored.reason],
        ['01632 960 444', 'requested', answer.window_end, 'Accepted a call back while waiting in the q3 queue'],
      )
      const audited = await t.database.db
        .selectFrom('audit_event')
        .select('detail')
        .where('action', '=', 'callback.request')
        .where('subject_id', '=', String(answer.id))
        .executeTakeFirstOrThrow()
      assert.doesNotMatch(String(audited.detail), /960/)

      const soonest = await book({ event_id: 'cb-2', queue: 'main', caller_number: '+44 1632 960 555' })
      assert.equal(soonest.statusCode, 201, soonest.body)
      assert.ok(['morning', 'afternoon'].includes(soonest.json().window), 'no window asked for: the soonest')

      const count = async () =>
        Number(
          (
            await t.database.db
              .selectFrom('callback')
              .select((eb) => eb.fn.countAll().as('n'))
              .where('council_id', '=', t.councilId)
              .executeTakeFirstOrThrow()
          ).n,
        )
      const held = await count()
      const replay = await book({ event_id: 'cb-1', queue: 'q3', caller_number: '01632 960 444', window: 'afternoon' })
      assert.equal(replay.statusCode, 409)
      const refusals = [
        [await book({ event_id: 'cb-3', queue: 'Council Tax', caller_number: '01632 960 444' }), 400, /queue/],
        [await book({ event_id: 'cb-4', queue: 'q3', caller_number: '12345678' }), 422, /rung back/],
        [
          await book({ event_id: 'cb-5', queue: 'q3', caller_number: '01632 960 444', window: 'evening' }),
          400,
          /window/,
        ],
        [await book({ event_id: 'cb-6', queue: 'q3' }), 400, /caller_number/],
        [
          await book({ event_id: 'cb-7', queue: 'q3', caller_number: '01632 960 444' }, { secret: 'wrong' }),
          401,
          /does not match/,
        ],
      ] as const
      for (const [response, status, detail] of refusals) {
        assert.equal(response.statusCode, status, response.body)
        assert.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8')
        assert.match(response.body, detail)
        assert.doesNotMatch(response.body, /960 444/, 'a refusal never repeats the number')
      }
      assert.equal(await count(), held, 'nothing refused was stored')
      const withToken = await t.app.inject({
        method: 'POST',
        url: '/api/v1/telephony/call-backs',
        payload: { event_id: 'cb-8', queue: 'q3', caller_number: '01632 960 444' },
        headers: t.as('admin'),
      })
      assert.equal(withToken.statusCode, 403)
      const advisor = await signedInClient(t, { kind: 'staff', id: agentId })
      assert.match((await advisor.get('/staff/call-backs')).body, /01632 960444/)
    })

    it('books an IVR call back by the website’s rules: a number that can be rung, the council’s hours and closure days', async () => {
      const book = (body: object) => signedPost(body, { url: '/api/v1/telephony/call-backs' })
      const tenDigits = await book({ event_id: 'rules-1', queue: 'main', caller_number: '1234567890' })
      assert.equal(tenDigits.statusCode, 422, tenDigits.body)
      assert.match(tenDigits.body, /Enter a telephone number, like 01632 960 001/)
      // Mornings only, and closed for the next three days: the soonest window is on the fourth.
      await settle(t, {
        workingHours: { days: [1, 2, 3, 4, 5, 6, 7], opens: '08:00', closes: '12:00', timeZone: 'Europe/London' },
      })
      const londonDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' })
      const dayAhead = (days: number) => londonDate.format(Date.now() + days * 86_400_000)
      await t.database.db
        .insertInto('council_holiday')
        .values([0, 1, 2].map((days) => ({ council_id: t.councilId, date: dayAhead(days), closed: 1, name: 'Closed' })))
        .execute()
      try {
        const afternoon = await book({
          event_id: 'rules-2',
          queue: 'main',
          caller_number: '01632 960 777',
          window: 'afternoon',
        })
        assert.equal(afternoon.statusCode, 422, afternoon.body)
        assert.match(afternoon.body, /no afternoon window: give morning/)
        const soonest = await book({
          event_id: 'rules-3',
          queue: 'main',
          caller_number: '01632 960 777',
          language: 'cy',
        })
        assert.equal(soonest.statusCode, 201, soonest.body)
        const kept = await t.database.db
          .selectFrom('callback')
          .select('language')
          .where('id', '=', soonest.json().id)
          .executeTakeFirstOrThrow()
        assert.equal(kept.language, 'cy', 'a caller who chose Welsh in the IVR is called back in Welsh')
        const unknown = await book({
          event_id: 'rules-4',
          queue: 'main',
          caller_number: '01632 960 778',
          language: 'fr',
        })
        assert.equal(unknown.statusCode, 400, 'English or Welsh only')
        assert.match(unknown.body, /language/)
        assert.equal(soonest.json().window, 'morning')
        assert.equal(londonDate.format(Date.parse(soonest.json().window_start)), dayAhead(3))
      } finally {
        await t.database.db.deleteFrom('council_holiday').where('council_id', '=', t.councilId).execute()
        await settle(t, {})
      }
    })

    it('keeps one call back to a number however it is typed, from the website or the IVR', async () => {
      await t.database.db.deleteFrom('callback_attempt').where('council_id', '=', t.councilId).execute()
      await t.database.db.deleteFrom('callback').where('council_id', '=', t.councilId).execute()
      const waitingTo = async () =>
        (
          await t.database.db
            .selectFrom('callback')
            .select(['id', 'phone'])
            .where('council_id', '=', t.councilId)
            .where('phone', 'like', '%900%123%')
            .execute()
        ).map((row) => row.id)
      await t.database.db
        .insertInto('call_in_queue')
        .values({ council_id: t.councilId, external_id: 'dup-busy', queue: 'main', offered_at: minutesAgo(10) })
        .execute()
      const resident = new TestClient(t.app)
      const ask = (phone: string) =>
        resident.submit('/contact/call-back', {
          name: 'Ada Lovelace',
          phone,
          window: 'afternoon',
          reason: 'Missed bin',
        })
      assert.equal((await ask('07700 900123')).statusCode, 303)
      assert.equal((await ask('07700900123')).statusCode, 303)
      assert.equal((await ask('+44 7700 900123')).statusCode, 303)
      const [webId] = await waitingTo()
      assert.deepEqual(await waitingTo(), [webId], 'one call back for the three ways of typing the number')

      const book = (eventId: string, number: string) =>
        signedPost({ event_id: eventId, queue: 'main', caller_number: number }, { url: '/api/v1/telephony/call-backs' })
      const again = await book('dup-1', '+447700900123')
      assert.equal(again.statusCode, 200, again.body)
      assert.equal(again.json().id, webId, 'the IVR reads out the call back the caller already has')
      assert.deepEqual(await waitingTo(), [webId])
      const other = await book('dup-2', '07700 900 456')
      assert.equal(other.statusCode, 201, other.body)
      assert.notEqual(other.json().id, webId)
      await t.database.db.deleteFrom('call_in_queue').where('external_id', '=', 'dup-busy').execute()
      await t.database.db.deleteFrom('callback').where('council_id', '=', t.councilId).execute()
    })

    it('gives a contact logged during its call the call’s length once the call ends, in the figures too', async () => {
      const answeredAt = new Date(Date.parse(minutesAgo(5)))
      const at = (seconds: number) => new Date(answeredAt.getTime() + seconds * 1000).toISOString()
      const send = (eventId: string, event: object) =>
        signedPost({ event_id: eventId, external_id: 'length-1', ...event }).then((r) => r.statusCode)
      assert.equal(
        await send('len-1', { type: 'offered', queue: 'main', at: at(-30), caller_number: '01632 960002' }),
        202,
      )
      assert.equal(await send('len-2', { type: 'answered', at: at(0), agent_email: 'agent@staff.test' }), 202)
      const contact = await logContact(t.database, systemActor(t.councilId), t.councilId, {
        channel: 'phone',
        outcome: 'resolved_first_contact',
        call_external_id: 'length-1',
        handle_seconds: 600,
      })
      assert.equal(contact.handle_seconds, 600, 'still going on: the form’s time')
      const linked = await linkCallToContact(t.database, systemActor(t.councilId), t.councilId, {
        externalId: 'length-1',
        staffId: agentId,
        contactId: contact.id,
      })
      assert.ok(linked)
      const handleInRollups = async () =>
        Number(
          (
            await t.database.db
              .selectFrom('metric_rollup')
              .select((eb) => eb.fn.sum<number>('handle_seconds').as('seconds'))
              .where('council_id', '=', t.councilId)
              .where('day', '=', new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(answeredAt))
              .executeTakeFirstOrThrow()
          ).seconds,
        )
      const before = await handleInRollups()
      assert.equal(await send('len-3', { type: 'ended', at: at(185) }), 202)
      const stored = await t.database.db
        .selectFrom('contact')
        .select('handle_seconds')
        .where('id', '=', contact.id)
        .executeTakeFirstOrThrow()
      assert.equal(stored.handle_seconds, 185)
      assert.equal(await handleInRollups(), before - 600 + 185)
    })

    it('documents the signed routes with their signature headers and no bearer token in the OpenAPI', async () => {
      type Operation = { security?: unknown[]; parameters?: { in: string; name: string; required?: boolean }[] }
      const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json<{
        paths: Record<string, Record<string, Operation>>
      }>()
      const signed = [
        doc.paths['/api/v1/telephony/calls']?.post,
        doc.paths['/api/v1/telephony/queues/{queue}']?.get,
        doc.paths['/api/v1/telephony/call-backs']?.post,
      ]
      for (const operation of signed) {
        assert.ok(operation)
        assert.deepEqual(operation.security, [], 'no bearer token')
        const headers = (operation.parameters ?? []).filter((p) => p.in === 'header')
        assert.deepEqual(
          headers.map((p) => [p.name, p.required]),
          [
            ['x-frontdoor-timestamp', true],
            ['x-frontdoor-signature', true],
          ],
        )
      }
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
      assert.match(bad.body, /href="#phone">Enter a telephone number, like/)
      assert.match(bad.body, /value="Ada Lovelace"/)
      const good = await post({
        name: 'Ada Lovelace',
        phone: '01632 960 001',
        window: 'afternoon',
        reason: 'Missed bin',
      })
      assert.equal(good.statusCode, 303, good.body)
      assert.equal(good.headers.location, '/contact/call-back/requested')
      assert.match((await resident.get('/contact/call-back/requested')).body, /We will call you back/)

      const advisor = await signedInClient(t, { kind: 'staff', id: agentId })
      const list = await advisor.get('/staff/call-backs')
      assert.equal(list.statusCode, 200)
      assert.match(list.body, /Ada Lovelace/)
      assert.match(list.body, /01632 960001/)
      // Other call backs wait on the list too (the IVR's, booked above): take Ada's own claim form.
      const adasForm = list.body.split('<form').find((form) => form.includes('Claim the call back to Ada Lovelace'))
      const id = /\/staff\/call-backs\/(\d+)\/claim/.exec(adasForm ?? '')?.[1]
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

    it('offers a call back on the website by the wait in the queue the council names, main unless set', async () => {
      const offers = async () =>
        /Ask us to call you back/.test(
          (await t.app.inject({ method: 'GET', url: '/contact/call-back', headers: { host: 'localhost' } })).body,
        )
      const setQueue = (settings: object) => settle(t, settings)
      await t.database.db.deleteFrom('call_in_queue').where('council_id', '=', t.councilId).execute()
      await t.database.db
        .insertInto('call_in_queue')
        .values({ council_id: t.councilId, external_id: 'web-stuck', queue: 'website', offered_at: minutesAgo(8) })
        .execute()
      assert.equal(await offers(), false, 'the default queue main has nobody waiting')
      await setQueue({ callBackQueue: 'website' })
      assert.equal(await offers(), true, 'the named queue has a caller waiting 8 minutes, past the 5-minute threshold')
      await setQueue({ callBackQueue: '' })
      assert.equal(await offers(), false, 'an empty name falls back to main')
      await setQueue({})
    })

    it('answers 429 on the call-back page once an address has asked too often, storing nothing more', async () => {
      const fresh = await testApp(engine)
      try {
        await settle(fresh, {})
        await fresh.database.db
          .insertInto('call_in_queue')
          .values({ council_id: fresh.councilId, external_id: 'stuck', queue: 'main', offered_at: minutesAgo(10) })
          .execute()
        const resident = new TestClient(fresh.app)
        const ask = (i: number) =>
          resident.submit('/contact/call-back', {
            name: `Caller ${i}`,
            phone: '01632 960 001',
            window: 'morning',
            reason: 'Council tax',
          })
        for (let i = 0; i < CALL_BACK_LIMIT.max; i++) assert.equal((await ask(i)).statusCode, 303)
        const refused = await ask(CALL_BACK_LIMIT.max)
        assert.equal(refused.statusCode, 429)
        assert.match(String(refused.headers['content-type']), /^text\/html/)
        assert.match(refused.body, /<h1[^>]*>[^<]*Too many/)
        assert.match(refused.body, /try again in 10 minutes/)
        const stored = await fresh.database.db.selectFrom('callback').select('name').execute()
        assert.equal(stored.length, CALL_BACK_LIMIT.max)
        assert.ok(!stored.some((row) => row.name === `Caller ${CALL_BACK_LIMIT.max}`))
      } finally {
        await fresh.close()
      }
    })
  })
}
