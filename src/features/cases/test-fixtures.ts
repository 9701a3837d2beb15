// Raising a case as the desk does, for tests of what happens to one (the rows around it: test/support/).
import assert from 'node:assert/strict'
import type { TestApp } from '../../../test/support/app.ts'
import { goodAnswers } from '../../../test/support/fixtures.ts'

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
