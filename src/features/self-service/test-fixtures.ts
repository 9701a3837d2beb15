// A council's self-service as the tests use it: a report anyone may send without a name, with an
// address question, a request that needs a name, one offered only offline, and a street of
// properties in the gazetteer.
import type { Database } from '../../platform/db/database.ts'
import { createService } from '../catalogue/service.ts'
import type { Service, ServiceInput } from '../catalogue/service.ts'
import { addPropertyBatch } from '../addresses/service.ts'
import type { Actor } from '../../platform/audit/audit.ts'

export const REPORT: Omit<ServiceInput, 'team_id'> = {
  name: 'Report a missed bin collection',
  open311_code: 'missed-bin',
  open311_group: 'Bins and recycling',
  description: 'Tell us if your bin was not emptied on your collection day.',
  target_hours: 16,
  offline_route: 'Phone 01632 960000',
  keywords: ['bin', 'rubbish', 'collection', 'missed', 'not emptied'],
  anonymous_allowed: true,
  form: [
    {
      name: 'bin_type',
      label: 'Which bin was missed?',
      type: 'radios',
      required: true,
      options: ['Rubbish', 'Recycling'],
    },
    { name: 'where', label: 'Where is the bin?', type: 'address', required: true },
    { name: 'bin_out', label: 'Was the bin out by 7am?', type: 'yes_no', required: true },
  ],
}

export const DISCOUNT: Omit<ServiceInput, 'team_id'> = {
  name: 'Apply for a council tax single person discount',
  open311_code: 'single-person-discount',
  open311_group: 'Council tax',
  target_hours: 80,
  offline_route: 'Visit the council offices',
  keywords: ['single person discount', 'discount', 'living alone', 'council tax'],
  form: [{ name: 'since', label: 'When did you start living alone?', type: 'date', required: true }],
}

export const OFFLINE_ONLY: Omit<ServiceInput, 'team_id'> = {
  name: 'Register a death',
  open311_code: 'register-death',
  open311_group: 'Births, deaths and marriages',
  target_hours: 8,
  online_available: false,
  offline_route: 'Book an appointment with the registrar',
}

export const STREET = [
  { uprn: '100012345001', address_line_1: '1 Mill Lane', town: 'Ashby', postcode: 'AB1 2CD' },
  { uprn: '100012345002', address_line_1: '2 Mill Lane', town: 'Ashby', postcode: 'AB1 2CD' },
  { uprn: '100012345003', address_line_1: '3 Mill Lane', town: 'Ashby', postcode: 'AB1 2CD' },
].map((p) => ({ ...p, address_line_2: null, latitude: 52.1, longitude: -1.2 }))

export async function addSelfServiceCatalogue(
  database: Database,
  actor: Actor,
  councilId: number,
  teamId: number,
): Promise<{ report: Service; discount: Service; offline: Service }> {
  const add = (input: Omit<ServiceInput, 'team_id'>) =>
    createService(database, actor, councilId, { ...input, team_id: teamId })
  const services = { report: await add(REPORT), discount: await add(DISCOUNT), offline: await add(OFFLINE_ONLY) }
  await database.db.transaction().execute((trx) => addPropertyBatch(trx, councilId, STREET))
  return services
}
