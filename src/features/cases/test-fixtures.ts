// What case tests need around a case: a council's teams, staff, residents and a service with a form.
import assert from 'node:assert/strict'
import type { Database } from '../../platform/db/database.ts'
import type { TestApp } from '../../platform/http/test-app.ts'
import { createService } from '../catalogue/service.ts'
import type { Service } from '../catalogue/service.ts'

import { systemActor } from '../contacts/test-fixtures.ts'

export { addResident, addStaff, addTeam, systemActor } from '../contacts/test-fixtures.ts'

export async function addService(
  database: Database,
  councilId: number,
  teamId: number,
  overrides: { open311_code?: string; target_hours?: number; active?: boolean } = {},
): Promise<Service> {
  return createService(database, systemActor(councilId), councilId, {
    name: `Report a missed bin ${overrides.open311_code ?? ''}`.trim(),
    open311_code: overrides.open311_code ?? 'missed-bin',
    team_id: teamId,
    target_hours: overrides.target_hours ?? 16,
    offline_route: 'Phone 01632 960 001',
    active: overrides.active ?? true,
    form: [
      {
        name: 'bin',
        label: 'Which bin was missed?',
        type: 'radios',
        required: true,
        options: ['black', 'blue', 'green'],
      },
      { name: 'postcode', label: 'Postcode', type: 'postcode', required: true },
    ],
  })
}

export const goodAnswers = { bin: 'blue', postcode: 'AB1 2CD' }

/** A case raised through the API by an advisor's token, as the desk raises one: audited, with its timeline. `extra` adds or replaces fields (a description, say). */
export async function raiseCase(
  t: TestApp,
  serviceId: number,
  residentId: number | null,
  extra: Record<string, unknown> = {},
): Promise<{ id: number; reference: string }> {
  const payload = {
    service_id: serviceId,
    resident_id: residentId,
    channel: 'phone',
    created_by: 'staff',
    answers: goodAnswers,
    ...extra,
  }
  const response = await t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: t.as('advisor'), payload })
  assert.equal(response.statusCode, 201, response.body)
  return response.json() as { id: number; reference: string }
}
