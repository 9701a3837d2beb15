// A council with residents whose personal details must never reach open data, and cases about
// their homes and other places, for the open-data tests.
import assert from 'node:assert/strict'
import type { TestApp } from '../../../test/support/app.ts'
import { addTeam, systemActor } from '../../../test/support/fixtures.ts'
import { createService } from '../catalogue/service.ts'
import { raiseCase } from '../cases/test-fixtures.ts'

/** Every personal datum the fixture holds: none may appear in any download or export. */
export const PERSONAL = {
  givenName: 'Philippa',
  familyName: 'Quenby-Ostrander',
  email: 'philippa.quenby@example.org',
  phone: '01632 960 472',
  addressLine: '17 Wisteria Crescent',
  postcode: 'ZZ9 9QX',
  homeUprn: '100023336956',
  description: 'The bins outside Philippa’s house at 17 Wisteria Crescent',
  resolution: 'Told Mrs Quenby-Ostrander on 01632 960 472',
  typedAddress: 'Flat 3, 8 Larkspur Row, Testville YY1 4HN',
} as const

export type OpenDataFixture = { references: string[]; homeCase: string; typedCase: string; resolvedCase: string }

export async function addOpenDataFixture(t: TestApp): Promise<OpenDataFixture> {
  const teamId = await addTeam(t.database, t.councilId, 'Waste')
  const form = [{ name: 'bin', label: 'Which bin?', type: 'radios', required: true, options: ['black', 'blue'] }]
  const bins = await createService(t.database, systemActor(t.councilId), t.councilId, {
    name: 'Report a missed bin',
    open311_code: 'missed-bin',
    open311_group: 'Bins',
    lgsl_code: 524,
    team_id: teamId,
    target_hours: 16,
    offline_route: 'Phone 01632 960 001',
    form: form as never,
  })
  await createService(t.database, systemActor(t.councilId), t.councilId, {
    name: 'Council tax discount',
    open311_code: 'ctax-discount',
    team_id: teamId,
    target_hours: 80,
    online_available: false,
    offline_route: 'Visit the council offices',
  })
  await t.database.db
    .insertInto('property')
    .values({
      council_id: t.councilId,
      uprn: PERSONAL.homeUprn,
      address_line_1: PERSONAL.addressLine,
      address_line_2: null,
      town: 'Testville',
      postcode: PERSONAL.postcode,
      latitude: 51.5,
      longitude: -0.1,
    })
    .execute()
  const resident = await t.app.inject({
    method: 'POST',
    url: '/api/v1/residents',
    headers: t.as('advisor'),
    payload: {
      given_name: PERSONAL.givenName,
      family_name: PERSONAL.familyName,
      emails: [PERSONAL.email],
      phones: [PERSONAL.phone],
      addresses: [{ address_line_1: PERSONAL.addressLine, postcode: PERSONAL.postcode, uprn: PERSONAL.homeUprn }],
    },
  })
  assert.equal(resident.statusCode, 201, resident.body)
  const residentId = (resident.json() as { id: number }).id
  const answers = { bin: 'blue' }
  const home = await raiseCase(t, bins.id, residentId, {
    answers,
    description: PERSONAL.description,
    location: { uprn: PERSONAL.homeUprn },
  })
  const typed = await raiseCase(t, bins.id, residentId, {
    answers,
    channel: 'web',
    created_by: 'resident',
    location: { address: PERSONAL.typedAddress },
  })
  const nowhere = await raiseCase(t, bins.id, null, { answers, channel: 'face_to_face' })
  const resolved = await t.app.inject({
    method: 'POST',
    url: `/api/v1/cases/${home.id}/status`,
    headers: t.as('advisor'),
    payload: { status: 'resolved', resolution: PERSONAL.resolution },
  })
  assert.equal(resolved.statusCode, 200, resolved.body)
  return {
    references: [home.reference, typed.reference, nowhere.reference],
    homeCase: home.reference,
    typedCase: typed.reference,
    resolvedCase: home.reference,
  }
}
