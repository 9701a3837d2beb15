// The services dataset: the council's catalogue with its Open311 and LGSL codes, so another
// council or an app can match what it offers. Services not offered online are included.
import type { Queryable } from '../../platform/db/schema.ts'
import type { DatasetInfo, Row } from './fields.ts'
import * as repo from './repo.ts'

export const SERVICES: DatasetInfo = {
  name: 'services',
  title: 'Service catalogue',
  description:
    "The council's services with their Open311 service codes and Local Government Service List (LGSL) codes, whether each can be used online, and the way to use it offline.",
  primaryKey: ['service_code'],
  fields: [
    {
      name: 'service_code',
      type: 'string',
      title: 'Service code',
      description: "The service's Open311 service_code.",
      constraints: { required: true, unique: true },
    },
    {
      name: 'name',
      type: 'string',
      title: 'Name',
      description: "The service's name.",
      constraints: { required: true },
    },
    { name: 'description', type: 'string', title: 'Description', description: 'What the service is for.' },
    { name: 'group', type: 'string', title: 'Group', description: 'The Open311 group the service is listed under.' },
    {
      name: 'lgsl_code',
      type: 'integer',
      title: 'LGSL code',
      description: 'The Local Government Service List code; empty when the council has not mapped one.',
      constraints: { minimum: 1 },
    },
    {
      name: 'online',
      type: 'boolean',
      title: 'Online',
      description: 'Whether residents can request the service online themselves.',
      constraints: { required: true },
    },
    {
      name: 'offline_route',
      type: 'string',
      title: 'Offline route',
      description: 'How to use the service without going online (every service has one).',
    },
    {
      name: 'target_working_hours',
      type: 'number',
      title: 'Target (working hours)',
      description: 'The time, in working hours, within which a case about the service should be resolved.',
      constraints: { required: true, minimum: 0 },
    },
    {
      name: 'active',
      type: 'boolean',
      title: 'Active',
      description: 'Whether the service is offered now; a withdrawn service stays listed because old cases name it.',
      constraints: { required: true },
    },
  ],
}

export async function* serviceRows(db: Queryable, councilId: number): AsyncGenerator<Row> {
  for (const service of await repo.catalogue(db, councilId)) {
    yield {
      service_code: service.open311_code,
      name: service.name,
      description: service.description,
      group: service.open311_group,
      lgsl_code: service.lgsl_code,
      online: service.online_available === 1,
      offline_route: service.offline_route,
      target_working_hours: service.target_hours,
      active: service.active === 1,
    }
  }
}
