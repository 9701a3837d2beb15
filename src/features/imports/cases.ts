// The cases file: historic and current requests from a previous system. A new case gets a
// reference for the year it was created; a re-import keeps it. Importing cases creates no
// contacts (DESIGN.md, figures): the contacts file carries those.
import type { Insertable } from 'kysely'
import { nowIso } from '../../platform/db/database.ts'
import type { CaseEventTable, CaseTable } from '../../platform/db/schema.ts'
import { CASE_CREATORS, CASE_STATUSES, CHANNELS } from '../../platform/db/values.ts'
import type { CaseCreator, CaseStatus, Channel } from '../../platform/db/values.ts'
import { dueAtFor } from '../cases/service.ts'
import { nextCaseReference } from '../cases/service.ts'
import type { Service } from '../catalogue/service.ts'
import { optionalText, optionalTime, requiredChoice, requiredText, requiredTime } from './cells.ts'
import { hasColumn } from './header.ts'
import type { Candidate, ImportContext, Importer } from './importer.ts'
import { problemCollector } from './importer.ts'
import type { Links } from './lookups.ts'
import { resolveLinks, serviceLookup } from './lookups.ts'
import { existingCases, insertCaseEvents, upsertCases } from './repo.ts'
import { EXTERNAL_ID_MAX, notInFuture } from './rules.ts'

export type CaseCells = {
  residentExternalId: string | null
  serviceCode: string
  channel: Channel
  created_by: CaseCreator
  created_at: string
  status: CaseStatus
  resolved_at: string | null
  due_at: string | null
}

type ReadyCase = CaseCells & { residentId: number | null; service: Service; due_at: string }

const FINISHED: readonly CaseStatus[] = ['resolved', 'closed']
const ACTIVE: readonly CaseStatus[] = ['open', 'in_progress', 'waiting']

const DUE_AT_CONCURRENCY = 8

const ALWAYS_UPDATED = [
  'service_id',
  'channel',
  'created_by',
  'created_at',
  'status',
  'resolved_at',
  'due_at',
  'updated_at',
] as const

/** What is wrong with the times of a case taken together, if anything. */
function timingProblems({
  status,
  created_at: createdAt,
  resolved_at: resolvedAt,
  due_at: dueAt,
}: CaseCells): string[] {
  const problems: string[] = []
  if (status !== null && resolvedAt === null && FINISHED.includes(status))
    problems.push(`resolved_at is required when the status is ${status}`)
  if (status !== null && resolvedAt !== null && ACTIVE.includes(status))
    problems.push(`resolved_at must be empty while the status is ${status}`)
  if (createdAt !== null && resolvedAt !== null && resolvedAt < createdAt)
    problems.push('resolved_at is before created_at')
  if (createdAt !== null && dueAt !== null && dueAt < createdAt) problems.push('due_at is before created_at')
  return problems
}

export function casesImporter(context: ImportContext): Importer<CaseCells, ReadyCase> {
  const { database, councilId, header, startedAt } = context
  const services = serviceLookup(database, councilId)
  const updated = [...ALWAYS_UPDATED, ...(hasColumn(header, 'resident_external_id') ? ['resident_id'] : [])]

  /** Without a due time in the file, the service's target counts from when the case was raised. */
  async function withDueAt(candidate: Candidate<CaseCells & Links>): Promise<Candidate<ReadyCase>> {
    const service = candidate.value.service as Service
    const dueAt =
      candidate.value.due_at ?? (await dueAtFor(database, councilId, service, new Date(candidate.value.created_at)))
    return { ...candidate, value: { ...candidate.value, service, due_at: dueAt } }
  }

  return {
    check(cell, line) {
      const { read, problems } = problemCollector()
      const externalId = read(optionalText('external_id', cell('external_id'), EXTERNAL_ID_MAX))
      const value: CaseCells = {
        residentExternalId: read(optionalText('resident_external_id', cell('resident_external_id'), EXTERNAL_ID_MAX)),
        serviceCode: read(requiredText('service_code', cell('service_code'), 100)),
        channel: read(requiredChoice('channel', cell('channel'), CHANNELS)),
        created_by: read(requiredChoice('created_by', cell('created_by'), CASE_CREATORS)),
        created_at: read(notInFuture('created_at', requiredTime('created_at', cell('created_at')), startedAt)),
        status: read(requiredChoice('status', cell('status'), CASE_STATUSES)),
        resolved_at: read(notInFuture('resolved_at', optionalTime('resolved_at', cell('resolved_at')), startedAt)),
        due_at: read(optionalTime('due_at', cell('due_at'))),
      }
      // A cell that failed its own check reads as null, so it adds nothing here.
      problems.push(...timingProblems(value))
      return problems.length > 0 ? { line, reason: problems.join('; ') } : { line, externalId, value }
    },

    async resolve(batch) {
      const { linked, rejected } = await resolveLinks(database, councilId, services, batch)
      const ready: Candidate<ReadyCase>[] = []
      // A few at a time: PostgreSQL answers the calendar reads of several at once.
      for (let start = 0; start < linked.length; start += DUE_AT_CONCURRENCY) {
        ready.push(...(await Promise.all(linked.slice(start, start + DUE_AT_CONCURRENCY).map(withDueAt))))
      }
      return { ready, rejected }
    },

    async write(trx, batch) {
      const externalIds = batch.flatMap((c) => (c.externalId === null ? [] : [c.externalId]))
      const existing =
        externalIds.length > 0 ? await existingCases(trx, councilId, externalIds) : new Map<string, string>()
      const now = nowIso()
      const created = new Set<string>()
      const rows: Insertable<CaseTable>[] = []
      for (const { externalId, value } of batch) {
        let reference = externalId === null ? undefined : existing.get(externalId)
        if (reference === undefined) {
          reference = await nextCaseReference(trx, councilId, new Date(value.created_at).getUTCFullYear())
          created.add(reference)
        }
        rows.push({
          council_id: councilId,
          reference,
          external_id: externalId,
          resident_id: value.residentId,
          service_id: value.service.id,
          status: value.status,
          priority: 'normal',
          team_id: value.service.team_id,
          assignee_id: null,
          channel: value.channel,
          created_by: value.created_by,
          created_by_staff_id: null,
          description: null,
          answers: '{}',
          location_uprn: null,
          location_address: null,
          latitude: null,
          longitude: null,
          due_at: value.due_at,
          resolved_at: value.resolved_at,
          resolution: null,
          created_at: value.created_at,
          updated_at: now,
        })
      }
      const ids = await upsertCases(trx, rows, updated)
      const events: Insertable<CaseEventTable>[] = rows
        .filter((row) => created.has(row.reference))
        .map((row) => ({
          council_id: councilId,
          case_id: ids.get(row.reference) as number,
          kind: 'created',
          from_status: null,
          to_status: row.status,
          visibility: 'internal',
          body: null,
          actor_kind: 'system',
          actor_id: null,
          at: row.created_at as string,
          detail: JSON.stringify({ imported: true, channel: row.channel, created_by: row.created_by }),
        }))
      await insertCaseEvents(trx, events)
      return { inserted: created.size, updated: batch.length - created.size }
    },
  }
}
