// GeoReport v2 as the specification defines it: every endpoint in both formats, its parameters and
// its errors, every XML answer checked against the schema written from the specification, a
// client's round trip, and no personal datum of the fixture in any public answer.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES } from '../support/databases.ts'
import { answerOf, open311App, PERSONAL } from './support.ts'
import type { Open311App } from './support.ts'

const FORMATS = ['xml', 'json'] as const
type Row = Record<string, unknown>

/** The error list of a refused request, in the format asked for. */
async function refusal(
  t: Open311App,
  response: Awaited<ReturnType<Open311App['get']>>,
  format: 'xml' | 'json',
  status: number,
) {
  const body = await answerOf(response, format, status)
  if (format === 'json') {
    const errors = body as Row[]
    assert.equal(errors[0]?.code, status)
    return String(errors[0]?.description)
  }
  assert.match(String(body), new RegExp(`<errors><error><code>${status}</code><description>`))
  return String(body)
}

for (const engine of ENGINES) {
  describe(`Open311 GeoReport v2 (${engine})`, () => {
    let t: Open311App

    before(async () => {
      t = await open311App(engine)
    })
    after(() => t.close())

    for (const format of FORMATS) {
      it(`discovery.${format} names this endpoint, the specification and both formats`, async () => {
        const body = await answerOf(await t.get(`/open311/v2/discovery.${format}`), format)
        if (format === 'json') {
          const endpoint = (body as { endpoints: Row[] }).endpoints[0]!
          assert.equal(endpoint.specification, 'http://wiki.open311.org/GeoReport_v2')
          assert.deepEqual(endpoint.formats, ['text/xml', 'application/json'])
        } else assert.match(String(body), /<format>text\/xml<\/format><format>application\/json<\/format>/)
      })

      it(`services.${format} lists the catalogue, a service not offered online included, as a bare list`, async () => {
        const body = await answerOf(await t.get(`/open311/v2/services.${format}`), format)
        if (format === 'json') {
          const services = body as Row[]
          assert.ok(Array.isArray(services))
          const pothole = services.find((s) => s.service_code === 'pothole')!
          assert.deepEqual(
            { ...pothole },
            {
              service_code: 'pothole',
              service_name: 'Report a pothole',
              description: 'A hole in a road or pavement.',
              metadata: true,
              type: 'realtime',
              keywords: 'road,hole',
              group: 'Roads',
            },
          )
          const bulky = services.find((s) => s.service_code === 'bulky')!
          assert.match(String(bulky.description), /Not offered online: Phone 01632 960 002/)
        } else assert.match(String(body), /<service><service_code>bulky<\/service_code>/)
      })

      it(`services/pothole.${format} maps each question to the specification's datatypes`, async () => {
        const body = await answerOf(await t.get(`/open311/v2/services/pothole.${format}`), format)
        if (format === 'json') {
          const definition = body as { service_code: string; attributes: Row[] }
          assert.equal(definition.service_code, 'pothole')
          assert.deepEqual(
            definition.attributes.map((a) => [a.code, a.datatype, a.required, a.order]),
            [
              ['depth', 'number', true, 1],
              ['where', 'singlevaluelist', true, 2],
              ['hazards', 'multivaluelist', false, 3],
              ['seen_on', 'datetime', false, 4],
              ['detail', 'text', false, 5],
              ['lit', 'singlevaluelist', false, 6],
            ],
          )
          assert.deepEqual(definition.attributes[1]!.values, [
            { key: 'road', name: 'road' },
            { key: 'pavement', name: 'pavement' },
          ])
        } else assert.match(String(body), /<attribute><variable>true<\/variable><code>depth<\/code><datatype>number</)
      })

      it(`services/{unknown}.${format} is 404 in the error list`, async () => {
        const text = await refusal(t, await t.get(`/open311/v2/services/no-such.${format}`), format, 404)
        assert.match(text, /service_code no-such/)
      })

      it(`requests.${format} lists the last 90 days' requests, and a request by id`, async () => {
        const body = await answerOf(await t.get(`/open311/v2/requests.${format}`), format)
        const one = await answerOf(await t.get(`/open311/v2/requests/${t.streetCaseReference}.${format}`), format)
        if (format === 'json') {
          const ids = (body as Row[]).map((r) => r.service_request_id)
          assert.ok(ids.includes(t.homeCaseReference) && ids.includes(t.streetCaseReference))
          const [street] = one as Row[]
          assert.equal(street!.status, 'open')
          assert.equal(street!.address, 'Outside the library, High Street, SW1A 2BB')
          assert.equal(street!.lat, 51.5033)
          assert.match(
            String(street!.requested_datetime),
            /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
          )
        } else assert.match(String(one), new RegExp(`<service_request_id>${t.streetCaseReference}<`))
      })

      it(`requests.${format} filters by service_request_id list, service_code, status and period`, async () => {
        const ids = `${t.homeCaseReference},${t.streetCaseReference}`
        const both = await answerOf(await t.get(`/open311/v2/requests.${format}?service_request_id=${ids}`), format)
        const none = await answerOf(await t.get(`/open311/v2/requests.${format}?service_code=bulky`), format)
        const closed = await answerOf(await t.get(`/open311/v2/requests.${format}?status=closed`), format)
        const old = await answerOf(
          await t.get(
            `/open311/v2/requests.${format}?start_date=2020-01-01T00:00:00Z&end_date=2020-02-01T00:00:00%2B01:00`,
          ),
          format,
        )
        const empty = await answerOf(await t.get(`/open311/v2/requests.${format}?status=&service_code=`), format)
        if (format === 'json') {
          assert.equal((both as Row[]).length, 2)
          assert.deepEqual(none, [])
          assert.deepEqual(closed, [])
          assert.deepEqual(old, [])
          assert.ok((empty as Row[]).length >= 2, 'empty optional parameters count as absent')
        } else {
          assert.equal(String(none), '<?xml version="1.0" encoding="UTF-8"?>\n<service_requests></service_requests>')
          assert.equal((String(both).match(/<request>/g) ?? []).length, 2)
        }
      })

      it(`requests.${format} refuses bad parameters with a 400 naming them`, async () => {
        const cases: [string, RegExp][] = [
          ['status=pending', /^status:|<description>status:/],
          ['start_date=yesterday', /start_date:/],
          ['start_date=2026-01-01T00:00:00', /start_date:/],
          ['start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z', /end_date: must be at most 90 days/],
          ['jurisdiction_id=elsewhere', /jurisdiction_id:/],
        ]
        for (const [query, expected] of cases) {
          const text = await refusal(t, await t.get(`/open311/v2/requests.${format}?${query}`), format, 400)
          assert.match(text, expected)
        }
        await answerOf(await t.get(`/open311/v2/requests.${format}?jurisdiction_id=test-council`), format)
      })

      it(`requests/{unknown}.${format} and tokens/{unknown}.${format} are 404`, async () => {
        await refusal(t, await t.get(`/open311/v2/requests/FD-1999-000001.${format}`), format, 404)
        await refusal(t, await t.get(`/open311/v2/tokens/FD-1999-000001.${format}`), format, 404)
      })

      it(`POST requests.${format} refuses a missing, made-up or non-Open311 key with 403`, async () => {
        const form = {
          service_code: 'pothole',
          lat: '51.5',
          long: '-0.12',
          'attribute[depth]': '5',
          'attribute[where]': 'road',
        }
        for (const key of [undefined, 'fd_made-up', t.staffKey]) {
          const response = await t.post(`/open311/v2/requests.${format}`, key ? { ...form, api_key: key } : form)
          await refusal(t, response, format, 403)
        }
      })

      it(`POST requests.${format} refuses bad parameters and attributes with a 400 naming them`, async () => {
        const good = {
          api_key: t.webKey,
          service_code: 'pothole',
          lat: '51.5',
          long: '-0.12',
          'attribute[depth]': '5',
          'attribute[where]': 'road',
        }
        const cases: [Record<string, string>, RegExp][] = [
          [{ service_code: '' }, /service_code: is required/],
          [{ lat: '', long: '' }, /lat: give lat and long/],
          [{ lat: '95' }, /lat: give a number/],
          [{ long: '' }, /lat|long/],
          [{ address_id: 'abc' }, /address_id:/],
          [{ 'attribute[depth]': 'deep' }, /attribute\[depth\]:/],
          [{ 'attribute[where]': 'sky' }, /attribute\[where\]:/],
          [{ 'attribute[colour]': 'red' }, /attribute\[colour\]:/],
          [{ description: 'x'.repeat(4001) }, /description: must be 4000 characters or fewer/],
          [{ email: 'not-an-email' }, /email:/],
          [{ media_url: 'javascript:alert(1)' }, /media_url:/],
          [{ jurisdiction_id: 'elsewhere' }, /jurisdiction_id:/],
          [{ service_code: 'bulky' }, /service_code: .*not offered online/],
        ]
        for (const [change, expected] of cases) {
          const text = await refusal(
            t,
            await t.post(`/open311/v2/requests.${format}`, { ...good, ...change }),
            format,
            400,
          )
          assert.match(text, expected)
        }
        const unknown = await t.post(`/open311/v2/requests.${format}`, { ...good, service_code: 'no-such' })
        await refusal(t, unknown, format, 404)
      })
    }

    it('answers unknown addresses and wrong suffixes under /open311/v2 in the error list, never HTML', async () => {
      for (const url of [
        '/open311/v2/nothing.json',
        '/open311/v2/services.html',
        '/open311/v2/services/pothole.csv',
        '/open311/v2/',
      ]) {
        const response = await t.get(url)
        assert.equal(response.statusCode, 404, url)
        assert.doesNotMatch(response.headers['content-type'] ?? '', /html/)
        if (url.endsWith('.json')) assert.equal(response.json()[0].code, 404)
        else await answerOf(response, 'xml', 404)
      }
    })

    it('a web key raises a case on the web channel with a web contact; a partner key on the partner channel', async () => {
      const form = {
        service_code: 'pothole',
        address_string: 'Corner of Mill Lane and Station Road',
        'attribute[depth]': '12',
        'attribute[where]': 'pavement',
        'attribute[hazards][]': ['water', 'glass'],
        'attribute[lit]': 'false',
        'attribute[seen_on]': '2026-03-01T10:00:00Z',
        first_name: '',
        device_id: '',
      }
      for (const [key, channel] of [
        [t.webKey, 'web'],
        [t.partnerKey, 'partner'],
      ] as const) {
        const [answer] = (await answerOf(
          await t.post('/open311/v2/requests.json', { ...form, api_key: key }),
          'json',
        )) as Row[]
        const row = await t.database.db
          .selectFrom('case')
          .select(['id', 'channel', 'created_by', 'answers'])
          .where('reference', '=', String(answer!.service_request_id))
          .executeTakeFirstOrThrow()
        assert.equal(row.channel, channel)
        assert.deepEqual(JSON.parse(row.answers), {
          depth: 12,
          where: 'pavement',
          hazards: ['water', 'glass'],
          lit: false,
          seen_on: '2026-03-01',
        })
        const contacts = await t.database.db
          .selectFrom('contact')
          .select('channel')
          .where('case_id', '=', row.id)
          .execute()
        assert.deepEqual(
          contacts.map((c) => c.channel),
          channel === 'web' ? ['web'] : [],
        )
        assert.match(String(answer!.service_notice), /received/)
      }
    })

    it('a client round trip: discover, services, definition, post, read back by id and token, follow updates', async () => {
      const discovered = (await answerOf(await t.get('/open311/v2/discovery.json'), 'json')) as { endpoints: Row[] }
      const base = new URL(String(discovered.endpoints[0]!.url)).pathname
      const services = (await answerOf(await t.get(`${base}/services.json`), 'json')) as Row[]
      const chosen = services.find((s) => s.metadata === true)!
      const definition = (await answerOf(await t.get(`${base}/services/${chosen.service_code}.json`), 'json')) as {
        attributes: Row[]
      }
      const form: Record<string, string> = {
        api_key: t.webKey,
        service_code: String(chosen.service_code),
        lat: '51.49',
        long: '-0.13',
      }
      for (const attribute of definition.attributes.filter((a) => a.required)) {
        const values = attribute.values as Row[] | undefined
        form[`attribute[${attribute.code}]`] = values ? String(values[0]!.key) : '3'
      }
      const posted = (await answerOf(await t.post(`${base}/requests.xml`, form), 'xml')) as string
      const id = /<service_request_id>([^<]+)</.exec(posted)![1]!
      const [read] = (await answerOf(await t.get(`${base}/requests/${id}.json`), 'json')) as Row[]
      assert.equal(read!.status, 'open')
      assert.equal(read!.lat, 51.49)
      const [token] = (await answerOf(await t.get(`${base}/tokens/${id}.json`), 'json')) as Row[]
      assert.equal(token!.service_request_id, id)
      const update = (await answerOf(
        await t.post(`${base}/servicerequestupdates.json`, {
          api_key: t.webKey,
          service_request_id: id,
          description: 'Still there',
          status: 'OPEN',
          update_id: 'fms-7',
        }),
        'json',
      )) as Row[]
      assert.match(String(update[0]!.update_id), /^\d+$/)
      const updates = (await answerOf(await t.get(`${base}/servicerequestupdates.json`), 'json')) as Row[]
      assert.ok(updates.some((u) => u.service_request_id === id && u.status === 'open'))
      await answerOf(await t.get(`${base}/servicerequestupdates.xml`), 'xml')
      await answerOf(
        await t.post(`${base}/servicerequestupdates.xml`, {
          api_key: t.webKey,
          service_request_id: 'FD-1999-000001',
          description: 'x',
        }),
        'xml',
        404,
      )
      await answerOf(
        await t.post(`${base}/servicerequestupdates.xml`, { api_key: t.webKey, service_request_id: id }),
        'xml',
        400,
      )
      await answerOf(
        await t.post(`${base}/servicerequestupdates.xml`, { service_request_id: id, description: 'x' }),
        'xml',
        403,
      )
      await answerOf(await t.get(`${base}/servicerequestupdates.xml?start_date=nonsense`), 'xml', 400)
    })

    it("lets any site's pages read every read and its refusals, but not a write's answer", async () => {
      const reads = [
        '/open311/v2/discovery.xml',
        '/open311/v2/services.json',
        '/open311/v2/services/pothole.xml',
        '/open311/v2/requests.json',
        `/open311/v2/requests/${t.streetCaseReference}.json`,
        '/open311/v2/servicerequestupdates.xml',
        '/open311/v2/requests.json?status=pending',
        '/open311/v2/services/no-such.json',
        '/open311/v2/nothing.json',
      ]
      for (const url of reads) {
        const response = await t.get(url)
        assert.equal(response.headers['access-control-allow-origin'], '*', url)
        assert.equal(response.headers['cross-origin-resource-policy'], 'cross-origin', url)
        assert.equal(response.headers['set-cookie'], undefined, url)
      }
      const refused = await t.get('/open311/v2/requests.json?status=pending')
      assert.equal(refused.statusCode, 400)
      const write = await t.post('/open311/v2/requests.json', {
        api_key: t.webKey,
        service_code: 'pothole',
        lat: '51.5',
        long: '-0.12',
        'attribute[depth]': '3',
        'attribute[where]': 'road',
      })
      assert.equal(write.statusCode, 200)
      assert.equal(write.headers['access-control-allow-origin'], undefined)
      assert.equal(write.headers['cross-origin-resource-policy'], 'same-origin')
    })

    it('shows a request at a home only as its postcode sector, and no personal datum anywhere', async () => {
      const [home] = (await answerOf(await t.get(`/open311/v2/requests/${t.homeCaseReference}.json`), 'json')) as Row[]
      assert.equal(home!.address, 'SW1A 1')
      assert.equal(home!.lat, undefined)
      assert.equal(home!.long, undefined)
      assert.equal(home!.address_id, undefined)
      assert.equal(home!.description, undefined)
      await t.post('/open311/v2/requests.json', {
        api_key: t.webKey,
        service_code: 'pothole',
        address_id: PERSONAL.uprn,
        'attribute[depth]': '4',
        'attribute[where]': 'road',
        first_name: 'Ottoline',
        last_name: 'Brackenbury',
        email: 'ottoline@example.net',
        phone: '07700 900 456',
      })
      for (const format of FORMATS)
        for (const path of ['requests', 'servicerequestupdates', 'services', 'discovery'])
          await t.get(`/open311/v2/${path}.${format}`)
      const everything = t.seen.join('\n')
      for (const datum of [
        ...Object.values(PERSONAL),
        'Ottoline',
        'Brackenbury',
        'ottoline@example.net',
        '07700 900 456',
        'Dear ',
      ])
        assert.ok(!everything.includes(datum), `${datum} must not be published`)
    })
  })
}
