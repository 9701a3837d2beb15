// The contacts file: every interaction on every channel, as exported from a telephony, CRM or
// counter system.
import { nowIso } from '../../platform/db/database.ts'
import type { ContactTable } from '../../platform/db/schema.ts'
import { CHANNELS, CONTACT_OUTCOMES, DIRECTIONS } from '../../platform/db/values.ts'
import type { Channel, ContactOutcome, Direction } from '../../platform/db/values.ts'
import { optionalFlag, optionalText, optionalWholeNumber, requiredChoice, requiredTime } from './cells.ts'
import { hasColumn } from './header.ts'
import type { ImportContext, Importer } from './importer.ts'
import { problemCollector } from './importer.ts'
import { importContactBatch } from '../contacts/service.ts'
import type { ImportedContact } from '../contacts/service.ts'
import type { Links } from './lookups.ts'
import { resolveLinks, serviceLookup } from './lookups.ts'
import { EXTERNAL_ID_MAX, notInFuture } from './rules.ts'

export type ContactCells = {
  residentExternalId: string | null
  serviceCode: string | null
  channel: Channel
  direction: Direction
  started_at: string
  handle_seconds: number | null
  outcome: ContactOutcome
  avoidable: 0 | 1 | null
  notes: string | null
}

/** Columns a re-import always sets, and those it sets only when the file has them. */
const ALWAYS_UPDATED = ['channel', 'direction', 'started_at', 'outcome'] as const
const UPDATED_WHEN_PRESENT: Readonly<Record<string, keyof ContactTable>> = {
  resident_external_id: 'resident_id',
  service_code: 'service_id',
  handle_seconds: 'handle_seconds',
  avoidable: 'avoidable',
  notes: 'notes',
}

export function contactsImporter(context: ImportContext): Importer<ContactCells, ContactCells & Links> {
  const { database, councilId, header } = context
  const services = serviceLookup(database, councilId)
  const updated: (keyof ContactTable)[] = [
    ...ALWAYS_UPDATED,
    ...Object.entries(UPDATED_WHEN_PRESENT).flatMap(([name, column]) => (hasColumn(header, name) ? [column] : [])),
  ]

  return {
    check(cell, line) {
      const { read, problems } = problemCollector()
      const externalId = read(optionalText('external_id', cell('external_id'), EXTERNAL_ID_MAX))
      const value: ContactCells = {
        residentExternalId: read(optionalText('resident_external_id', cell('resident_external_id'), EXTERNAL_ID_MAX)),
        serviceCode: read(optionalText('service_code', cell('service_code'), 100)),
        channel: read(requiredChoice('channel', cell('channel'), CHANNELS)),
        direction: read(requiredChoice('direction', cell('direction'), DIRECTIONS)),
        started_at: read(notInFuture('started_at', requiredTime('started_at', cell('started_at')), context.startedAt)),
        handle_seconds: read(optionalWholeNumber('handle_seconds', cell('handle_seconds'))),
        outcome: read(requiredChoice('outcome', cell('outcome'), CONTACT_OUTCOMES)),
        avoidable: read(optionalFlag('avoidable', cell('avoidable'))),
        notes: read(optionalText('notes', cell('notes'), 10_000)),
      }
      return problems.length > 0 ? { line, reason: problems.join('; ') } : { line, externalId, value }
    },

    async resolve(batch) {
      const { linked, rejected } = await resolveLinks(database, councilId, services, batch)
      return { ready: linked, rejected }
    },

    async write(trx, batch) {
      const createdAt = nowIso()
      const rows: ImportedContact[] = batch.map(({ externalId, value }) => ({
        council_id: councilId,
        external_id: externalId,
        resident_id: value.residentId,
        channel: value.channel,
        direction: value.direction,
        started_at: value.started_at,
        handle_seconds: value.handle_seconds,
        staff_user_id: null,
        service_id: value.service?.id ?? null,
        outcome: value.outcome,
        avoidable: value.avoidable ?? 0,
        case_id: null,
        notes: value.notes,
        created_at: createdAt,
      }))
      const { created, updated: changed } = await importContactBatch(trx, councilId, rows, updated)
      return { inserted: created, updated: changed }
    },
  }
}
