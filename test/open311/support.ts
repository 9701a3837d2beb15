// What the Open311 tests share: an app with a catalogue, an Open311 key per channel, every answer
// checked against the XML schema written from the specification, and the one fixture resident.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { validateXML } from 'xmllint-wasm'
import type { LightMyRequestResponse } from 'fastify'
import type { Engine } from '../../src/config.ts'
import { testApp } from '../support/app.ts'
import type { TestApp } from '../support/app.ts'
import { addTeam, systemActor } from '../support/fixtures.ts'
import { createApiToken } from '../../src/platform/auth/tokens.ts'
import { createService } from '../../src/features/catalogue/service.ts'
import { createResident } from '../../src/features/residents/service.ts'
import { createCase, addCaseNote } from '../../src/features/cases/service.ts'

const XSD = readFileSync(new URL('./georeport-v2.xsd', import.meta.url), 'utf8')

/** Fails unless the XML answer is valid against the schema. */
export async function assertValidXml(xml: string): Promise<void> {
  const result = await validateXML({
    xml: [{ fileName: 'answer.xml', contents: xml }],
    schema: [{ fileName: 'georeport-v2.xsd', contents: XSD }],
  })
  assert.equal(result.valid, true, `${result.errors.map((e) => e.message).join('; ')}\n${xml.slice(0, 500)}`)
}

/** The personal data of the fixture: none of it may appear in any public answer. */
export const PERSONAL = {
  given: 'Zephyrine',
  family: 'Quillfeather',
  email: 'zq.home@example.org',
  phone: '07700 900 123',
  line: '17 Larkspur Row',
  postcode: 'SW1A 1AA',
  uprn: '100023336956',
  note: 'Rang Mrs Quillfeather back',
}

export type Open311App = TestApp & {
  webKey: string
  partnerKey: string
  /** A key of another role: not an Open311 client. */
  staffKey: string
  homeCaseReference: string
  streetCaseReference: string
  /** Every answer a test received, for the privacy check. */
  seen: string[]
  get(url: string): Promise<LightMyRequestResponse>
  post(url: string, form: Record<string, string | string[]>): Promise<LightMyRequestResponse>
}

function encode(form: Record<string, string | string[]>): string {
  const pairs: string[] = []
  for (const [key, value] of Object.entries(form))
    for (const v of Array.isArray(value) ? value : [value])
      pairs.push(`${encodeURIComponent(key)}=${encodeURIComponent(v)}`)
  return pairs.join('&')
}

export async function open311App(engine: Engine): Promise<Open311App> {
  const t = await testApp(engine)
  const { database, councilId } = t
  const actor = systemActor(councilId)
  const teamId = await addTeam(database, councilId)
  await createService(database, actor, councilId, {
    name: 'Report a pothole',
    description: 'A hole in a road or pavement.',
    open311_code: 'pothole',
    open311_group: 'Roads',
    team_id: teamId,
    target_hours: 40,
    offline_route: 'Phone 01632 960 001',
    keywords: ['road', 'hole'],
    form: [
      { name: 'depth', label: 'How deep is it, in centimetres?', type: 'number', required: true, min: 1, max: 100 },
      { name: 'where', label: 'Where on the road?', type: 'radios', required: true, options: ['road', 'pavement'] },
      { name: 'hazards', label: 'What else?', type: 'checkboxes', required: false, options: ['water', 'glass'] },
      { name: 'seen_on', label: 'When did you see it?', type: 'date', required: false },
      { name: 'detail', label: 'Anything else', type: 'textarea', required: false, hint: 'No personal details' },
      { name: 'lit', label: 'Is it lit at night?', type: 'yes_no', required: false },
    ],
  })
  await createService(database, actor, councilId, {
    name: 'Book a bulky waste collection',
    open311_code: 'bulky',
    team_id: teamId,
    target_hours: 80,
    online_available: false,
    offline_route: 'Phone 01632 960 002',
  })
  const resident = await createResident(database, actor, councilId, {
    given_name: PERSONAL.given,
    family_name: PERSONAL.family,
    emails: [PERSONAL.email],
    phones: [PERSONAL.phone],
    addresses: [{ address_line_1: PERSONAL.line, postcode: PERSONAL.postcode, uprn: PERSONAL.uprn }],
  })
  const answers = { depth: 9, where: 'road' }
  const home = await createCase(database, actor, councilId, {
    service_code: 'pothole',
    resident_id: resident.id,
    channel: 'phone',
    created_by: 'staff',
    description: `${PERSONAL.given} says the hole is outside her house`,
    answers,
    location: {
      uprn: PERSONAL.uprn,
      address: `${PERSONAL.line}, ${PERSONAL.postcode}`,
      latitude: 51.501,
      longitude: -0.1419,
    },
  })
  await addCaseNote(database, actor, councilId, home.id, { body: PERSONAL.note, visibility: 'internal' })
  await addCaseNote(database, actor, councilId, home.id, {
    body: `Dear ${PERSONAL.given}, fixed soon`,
    visibility: 'public',
  })
  const street = await createCase(database, actor, councilId, {
    service_code: 'pothole',
    channel: 'phone',
    created_by: 'staff',
    answers,
    location: { address: 'Outside the library, High Street, SW1A 2BB', latitude: 51.5033, longitude: -0.1276 },
  })
  const webKey = (await createApiToken(database, councilId, 'open311', 'Street app', 'web')).token
  const partnerKey = (await createApiToken(database, councilId, 'open311', 'County council', 'partner')).token
  const seen: string[] = []
  const keep = (response: LightMyRequestResponse) => {
    seen.push(response.body)
    return response
  }
  return {
    ...t,
    webKey,
    partnerKey,
    staffKey: t.tokens.admin,
    homeCaseReference: home.reference,
    streetCaseReference: street.reference,
    seen,
    get: async (url) => keep(await t.app.inject({ method: 'GET', url })),
    post: async (url, form) =>
      keep(
        await t.app.inject({
          method: 'POST',
          url,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: encode(form),
        }),
      ),
  }
}

/** Checks an answer's type, and the XML against the schema; returns the parsed JSON for JSON answers. */
export async function answerOf(
  response: LightMyRequestResponse,
  format: 'xml' | 'json',
  status = 200,
): Promise<unknown> {
  assert.equal(response.statusCode, status, response.body)
  if (format === 'xml') {
    assert.equal(response.headers['content-type'], 'text/xml; charset=utf-8')
    assert.match(response.body, /^<\?xml version="1.0" encoding="UTF-8"\?>/)
    await assertValidXml(response.body)
    return response.body
  }
  assert.equal(response.headers['content-type'], 'application/json; charset=utf-8')
  return response.json()
}
