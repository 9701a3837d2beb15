// Contact writes with and without rollup upkeep, for the figures benchmark. Upkeep has no switch in
// the product and gets none: the comparison is between two copies of the write made here, the same
// steps as logContact's store (insert, audit event, one transaction committed with the writes of the
// same moment) with and without rollupContacts; the real logContact runs beside them to show
// the copies cost what it does. Rounds alternate between the three so a busy moment on the shared
// machine falls on each alike, and each round has as many writers at once as the HTTP load has clients.
import type { Database } from '../src/platform/db/database.ts'
import type { Actor } from '../src/platform/audit/audit.ts'
import { recordAudit } from '../src/platform/audit/audit.ts'
import { writeTogether } from '../src/platform/db/group-commit.ts'
import { logContact } from '../src/features/contacts/service.ts'
import type { ContactInput } from '../src/features/contacts/service.ts'
import { insertContact } from '../src/features/contacts/repo.ts'
import type { NewContact } from '../src/features/contacts/repo.ts'
import { rollupContacts } from '../src/features/metrics/service.ts'
import type { Random } from '../src/features/demo/random.ts'
import { connections, positiveFromEnv } from './cached.ts'
import { say } from './say.ts'

export type WriteVariant = 'logContact' | 'withUpkeep' | 'withoutUpkeep'
/** Writes a second (wall clock), and this process's CPU time per write, which a busy shared machine moves less. */
export type WriteTimes = { perSecond: number; microseconds: number; cpuMicroseconds: number; writes: number }

const VARIANTS: readonly WriteVariant[] = ['logContact', 'withUpkeep', 'withoutUpkeep']

/** A contact an advisor might log: a random resident and service, phone most often. */
export function contactInput(random: Random, residents: number, services: readonly number[]): ContactInput {
  return {
    channel: random.pick(['phone', 'phone', 'face_to_face', 'email'] as const),
    resident_id: random.int(1, residents),
    service_id: random.pick(services),
    outcome: random.pick(['resolved_first_contact', 'signposted', 'callback_booked'] as const),
    handle_seconds: random.int(60, 900),
    avoidable: random.chance(0.2),
    notes: 'Benchmark contact: asked about a missed bin collection',
  }
}

function rowOf(councilId: number, input: ContactInput): NewContact {
  const now = new Date().toISOString()
  return {
    council_id: councilId,
    external_id: null,
    resident_id: input.resident_id ?? null,
    channel: input.channel,
    direction: 'inbound',
    started_at: now,
    handle_seconds: input.handle_seconds ?? null,
    staff_user_id: null,
    service_id: input.service_id ?? null,
    outcome: input.outcome,
    avoidable: input.avoidable ? 1 : 0,
    avoidable_reason: null,
    case_id: null,
    notes: input.notes ?? null,
    created_at: now,
    form_token: null,
  }
}

/** The store of logContact, copied, with upkeep only when asked. */
async function copiedWrite(database: Database, actor: Actor, row: NewContact, upkeep: boolean): Promise<void> {
  const councilId = row.council_id
  await writeTogether(database, async (db) => {
    const stored = await insertContact(db, database.engine, row)
    if (upkeep) await rollupContacts(db, councilId, { added: [stored] })
    const detail = { contact_id: stored.id, channel: row.channel, outcome: row.outcome, service_id: row.service_id }
    await recordAudit(
      database,
      actor,
      { action: 'contact.create', subjectType: 'resident', subjectId: row.resident_id ?? stored.id, detail },
      db,
    )
  })
}

/** A round's writer, to run `connections` of at once: together they make `writes` writes. */
function oneRound(database: Database, variant: WriteVariant, writes: number, next: () => ContactInput) {
  let left = writes
  const started = performance.now()
  const cpu = process.cpuUsage()
  const writer = async (actor: Actor) => {
    while (left-- > 0) {
      const input = next()
      if (variant === 'logContact') await logContact(database, actor, actor.councilId as number, input)
      else await copiedWrite(database, actor, rowOf(actor.councilId as number, input), variant === 'withUpkeep')
    }
  }
  return { writer, started, cpu }
}

export function median(list: readonly number[]): number {
  return [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] as number
}

export async function contactWrites(
  database: Database,
  actor: Actor,
  residents: number,
  random: Random,
): Promise<Record<WriteVariant, WriteTimes>> {
  const writes = positiveFromEnv('BENCH_WRITES', 2000)
  const rounds = positiveFromEnv('BENCH_WRITE_ROUNDS', 5)
  const services = (await database.db.selectFrom('service').select('id').execute()).map((row) => row.id)
  const next = () => contactInput(random, residents, services)
  const rates = new Map<WriteVariant, number[]>(VARIANTS.map((v) => [v, []]))
  const cpuTimes = new Map<WriteVariant, number[]>(VARIANTS.map((v) => [v, []]))
  say(`Contact writes: ${rounds} rounds of ${writes.toLocaleString('en-GB')} each way, ${connections} writers at once`)
  for (let round = 0; round < rounds; round++) {
    // Each round starts with a different variant, so none always follows the same one.
    for (let i = 0; i < VARIANTS.length; i++) {
      const variant = VARIANTS[(round + i) % VARIANTS.length] as WriteVariant
      const { writer, started, cpu } = oneRound(database, variant, writes, next)
      await Promise.all(Array.from({ length: connections }, () => writer(actor)))
      rates.get(variant)?.push(writes / ((performance.now() - started) / 1000))
      const used = process.cpuUsage(cpu)
      cpuTimes.get(variant)?.push((used.user + used.system) / writes)
    }
  }
  const result = {} as Record<WriteVariant, WriteTimes>
  for (const [variant, list] of rates) {
    const perSecond = median(list)
    const cpuMicroseconds = median(cpuTimes.get(variant) ?? [])
    result[variant] = { perSecond, microseconds: 1e6 / perSecond, cpuMicroseconds, writes: writes * rounds }
    const each = [...list].sort((a, b) => a - b).map((r) => r.toFixed(0))
    say(
      `  ${variant.padEnd(14)} median ${perSecond.toFixed(0)} writes/s (${each.join(', ')}), CPU ${cpuMicroseconds.toFixed(0)} µs a write`,
    )
  }
  return result
}
