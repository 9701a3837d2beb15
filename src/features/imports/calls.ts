// The calls file: a telephony platform's call records. The caller's number is hashed with the
// council's key as the row is read, so it is never held in a batch, written, or named in a rejection.
import { optionalEmail, optionalText, optionalTime, requiredText, requiredTime, isProblem } from './cells.ts'
import type { Candidate, ImportContext, Importer } from './importer.ts'
import { problemCollector } from './importer.ts'
import {
  callTimesOutOfOrder,
  callerNumberHash,
  emailsNotOfStaff,
  importCallBatch,
  queueNameProblem,
} from '../telephony/service.ts'
import type { ImportedCall } from '../telephony/service.ts'
import { EXTERNAL_ID_MAX, notInFuture } from './rules.ts'

function callerNumber(raw: string): string | null | { problem: string } {
  const value = raw.trim()
  if (value === '') return null
  const digits = value.replace(/\D/g, '')
  if (!/^\+?[\d\s()\-.]+$/.test(value) || digits.length < 7 || digits.length > 15)
    return { problem: 'caller_number is not a valid phone number' }
  return value
}

/** The same rule as the telephony API's, so every imported queue can be asked about by the IVR. */
function queueName(raw: string): string | { problem: string } {
  const value = requiredText('queue', raw)
  if (isProblem(value)) return value
  const problem = queueNameProblem(value)
  return problem === null ? value : { problem: `queue ${problem}` }
}

const AGENTS_NAMED = 10
const LINES_NAMED = 10

/**
 * The lines of calls whose agent_email names nobody on the staff, by email: such a call is still
 * imported, without an agent, and the report says which emails to check. Only the email given is
 * repeated; it names a member of staff (or a typing slip for one), never a caller.
 */
function agentsNotFound() {
  const linesByEmail = new Map<string, number[]>()
  return {
    async note(database: ImportContext['database'], councilId: number, batch: Candidate<ImportedCall>[]) {
      const named = batch.flatMap((row) => (row.value.agentEmail ? [row.value.agentEmail.toLowerCase()] : []))
      if (named.length === 0) return
      const unknown = new Set(await emailsNotOfStaff(database.db, councilId, named))
      for (const row of batch) {
        const email = row.value.agentEmail?.toLowerCase()
        if (email && unknown.has(email)) linesByEmail.set(email, [...(linesByEmail.get(email) ?? []), row.line])
      }
    },
    notices(): string[] {
      const byCount = [...linesByEmail].sort(([, a], [, b]) => b.length - a.length)
      const notices = byCount.slice(0, AGENTS_NAMED).map(([email, lines]) => {
        const listed = lines.slice(0, LINES_NAMED).join(', ') + (lines.length > LINES_NAMED ? ', …' : '')
        const calls = lines.length === 1 ? '1 call names' : `${lines.length.toLocaleString('en-GB')} calls name`
        return `${calls} an agent who is not a member of staff: ${email} (line${lines.length === 1 ? '' : 's'} ${listed}); imported without an agent`
      })
      const more = byCount.length - AGENTS_NAMED
      if (more > 0) notices.push(`…and ${more} more agent emails that name nobody on the staff`)
      return notices
    },
  }
}

export function callsImporter(
  context: ImportContext & { sessionSecret: string },
): Importer<ImportedCall, ImportedCall> & { notices(): string[] } {
  const { councilId, sessionSecret } = context
  const unknownAgents = agentsNotFound()
  return {
    check(cell, line) {
      const { read, problems } = problemCollector()
      const externalId = read(optionalText('external_id', cell('external_id'), EXTERNAL_ID_MAX))
      const offeredAt = read(
        notInFuture('offered_at', requiredTime('offered_at', cell('offered_at')), context.startedAt),
      )
      const answeredAt = read(
        notInFuture('answered_at', optionalTime('answered_at', cell('answered_at')), context.startedAt),
      )
      const endedAt = read(notInFuture('ended_at', optionalTime('ended_at', cell('ended_at')), context.startedAt))
      const number = callerNumber(cell('caller_number'))
      const value: ImportedCall = {
        externalId,
        queue: read(queueName(cell('queue'))),
        offeredAt,
        answeredAt,
        endedAt,
        agentEmail: read(optionalEmail('agent_email', cell('agent_email'))),
        callerNumberHash:
          isProblem(number) || number === null ? null : callerNumberHash(sessionSecret, councilId, number),
      }
      if (isProblem(number)) problems.push(number.problem)
      const outOfOrder = offeredAt ? callTimesOutOfOrder({ offeredAt, answeredAt, endedAt }) : null
      if (outOfOrder) problems.push(`${outOfOrder.later.column} is before ${outOfOrder.earlier.column}`)
      if (answeredAt === null && value.agentEmail) problems.push('agent_email is given but the call has no answered_at')
      return problems.length > 0
        ? { line, reason: problems.join('; ') }
        : { line, externalId, value: { ...value, externalId } }
    },
    async resolve(batch) {
      await unknownAgents.note(context.database, councilId, batch)
      return { ready: batch, rejected: [] }
    },
    notices: () => unknownAgents.notices(),
    async write(trx, batch) {
      const { inserted, updated } = await importCallBatch(
        trx,
        councilId,
        batch.map((row) => row.value),
      )
      return { inserted, updated }
    },
  }
}
