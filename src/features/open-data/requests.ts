// The requests dataset: one row per case, as the public may see it. A case's place is published as
// its postcode sector only — from the gazetteer for a UPRN, or the postcode inside an address typed
// in — and nothing about who reported it.
import type { Queryable } from '../../platform/db/schema.ts'
import { CASE_STATUSES, CHANNELS } from '../../platform/db/values.ts'
import type { DatasetInfo, Row } from './fields.ts'
import { toSecond } from './fields.ts'
import { postcodeSector } from './postcode-sector.ts'
import type { RequestRow } from './repo.ts'
import * as repo from './repo.ts'

const PAGE = 1000

export const REQUESTS: DatasetInfo = {
  name: 'requests',
  title: 'Service requests',
  description:
    'One row per case (a request or report to the council), on every channel, with its service, dates, status, whether it was resolved within its target time and its postcode sector.',
  primaryKey: ['reference'],
  fields: [
    {
      name: 'reference',
      type: 'string',
      title: 'Case reference',
      description: 'The reference the council gave the case (its Open311 service_request_id).',
      constraints: { required: true, unique: true },
    },
    {
      name: 'service_code',
      type: 'string',
      title: 'Service code',
      description: 'The Open311 service_code of the service the case is about (see the services dataset).',
      constraints: { required: true },
    },
    {
      name: 'lgsl_code',
      type: 'integer',
      title: 'LGSL code',
      description: "The service's Local Government Service List code; empty when the council has not mapped one.",
      constraints: { minimum: 1 },
    },
    {
      name: 'channel',
      type: 'string',
      title: 'Channel',
      description: 'How the case reached the council.',
      constraints: { required: true, enum: CHANNELS },
    },
    {
      name: 'created_at',
      type: 'datetime',
      title: 'Created',
      description: 'When the case was raised, in UTC.',
      constraints: { required: true },
    },
    {
      name: 'resolved_at',
      type: 'datetime',
      title: 'Resolved',
      description: 'When the case was resolved, in UTC; empty while it is not.',
    },
    {
      name: 'status',
      type: 'string',
      title: 'Status',
      description: 'Where the case stands now.',
      constraints: { required: true, enum: CASE_STATUSES },
    },
    {
      name: 'within_target',
      type: 'boolean',
      title: 'Within target',
      description:
        "Whether the case was resolved by its due time (the service's target in working hours); empty when it is not resolved or had no due time.",
    },
    {
      name: 'postcode_sector',
      type: 'string',
      title: 'Postcode sector',
      description:
        'The postcode sector of the place the case is about (outward code and first digit of the inward code); empty when the case gave no postcode or place on record.',
      constraints: { pattern: '[A-Z]{1,2}[0-9][A-Z0-9]? [0-9]' },
    },
  ],
}

function withinTarget(row: RequestRow): boolean | null {
  if (row.resolved_at === null || row.due_at === null) return null
  return row.resolved_at <= row.due_at
}

function requestRow(row: RequestRow, postcodes: ReadonlyMap<string, string>): Row {
  const postcode = row.location_uprn === null ? null : (postcodes.get(row.location_uprn) ?? null)
  return {
    reference: row.reference,
    service_code: row.service_code,
    lgsl_code: row.lgsl_code,
    channel: row.channel,
    created_at: toSecond(row.created_at),
    resolved_at: toSecond(row.resolved_at),
    status: row.status,
    within_target: withinTarget(row),
    postcode_sector: postcodeSector(postcode) ?? postcodeSector(row.location_address),
  }
}

/** Every case of the council, read a page at a time so a large council's file is never in memory whole. */
export async function* requestRows(db: Queryable, councilId: number): AsyncGenerator<Row> {
  let after = 0
  for (;;) {
    const page = await repo.requestsAfter(db, councilId, after, PAGE)
    if (page.length === 0) return
    const uprns = [...new Set(page.flatMap((row) => (row.location_uprn === null ? [] : [row.location_uprn])))]
    const postcodes = await repo.postcodesOfProperties(db, councilId, uprns)
    for (const row of page) yield requestRow(row, postcodes)
    after = page[page.length - 1]!.id
    if (page.length < PAGE) return
  }
}
