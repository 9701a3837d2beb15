// Letters go out in one print batch per council and day. Sending a letter means putting it in the
// batch of the council's day (UK time); staff download the batch as one PDF with a manifest, print
// and post it, and mark it printed. The address and the council's words are kept until then, since
// the batch is drawn from them; marking it printed wipes them, as sending wipes an email's.
import type { Database } from '../db/database.ts'
import { nowIso } from '../db/database.ts'
import type { Queryable } from '../db/schema.ts'
import { councilById } from '../council/council.ts'
import { formatDate } from '../i18n/translate.ts'
import { keptAfterSending } from './deliver.ts'
import type { Letter } from './letter-pdf.ts'
import { lettersPdf } from './letter-pdf.ts'
import { renderResidentMessage } from './resident-templates.ts'
import type { Sender } from './senders.ts'
import { messageReference } from './senders.ts'

export type LetterBatch = { id: number; day: string; letters: number; printedAt: string | null }

/** The council's calendar day of a moment, as YYYY-MM-DD. */
export function councilDay(at: Date, timeZone = 'Europe/London'): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at)
}

/** The batch of that council and day, made if it is the day's first letter (two workers at once find the same one). */
async function batchFor(db: Queryable, councilId: number, day: string): Promise<number> {
  await db
    .insertInto('letter_batch')
    .values({ council_id: councilId, day, created_at: nowIso(), printed_at: null, printed_by: null })
    .onConflict((oc) => oc.columns(['council_id', 'day']).doNothing())
    .execute()
  const row = await db
    .selectFrom('letter_batch')
    .select('id')
    .where('council_id', '=', councilId)
    .where('day', '=', day)
    .executeTakeFirstOrThrow()
  return row.id
}

/**
 * The letter sender: puts each letter in its council's batch for today. A batch already printed
 * takes no more letters; they go in a batch of their own for the next day. Doing it again for the
 * same message (its worker stopped) finds the same batch, so a letter is never in two.
 */
export function letterSender(database: Database, clock: () => Date = () => new Date()): Sender {
  return {
    description: 'daily print batch',
    async send(message) {
      return database.db.transaction().execute(async (db) => {
        let at = clock()
        let batchId = await batchFor(db, message.councilId, councilDay(at))
        while (await isPrinted(db, batchId)) {
          at = new Date(at.getTime() + 24 * 3600_000)
          batchId = await batchFor(db, message.councilId, councilDay(at))
        }
        await db
          .updateTable('notification')
          .set({ letter_batch_id: batchId })
          .where('id', '=', message.notificationId)
          .execute()
        return `letter batch ${batchId}`
      })
    },
    async close() {},
  }
}

async function isPrinted(db: Queryable, batchId: number): Promise<boolean> {
  const row = await db.selectFrom('letter_batch').select('printed_at').where('id', '=', batchId).executeTakeFirst()
  return row?.printed_at != null
}

/** A council's batches, newest day first, with how many letters each holds. */
export async function listLetterBatches(db: Queryable, councilId: number, limit = 60): Promise<LetterBatch[]> {
  const rows = await db
    .selectFrom('letter_batch as b')
    .leftJoin('notification as n', (join) => join.onRef('n.letter_batch_id', '=', 'b.id').on('n.status', '=', 'sent'))
    .select(['b.id', 'b.day', 'b.printed_at'])
    .select((eb) => eb.fn.count<number>('n.id').as('letters'))
    .where('b.council_id', '=', councilId)
    .groupBy(['b.id', 'b.day', 'b.printed_at'])
    .orderBy('b.day', 'desc')
    .limit(limit)
    .execute()
  return rows.map((row) => ({ id: row.id, day: row.day, letters: Number(row.letters), printedAt: row.printed_at }))
}

export async function findLetterBatch(
  db: Queryable,
  councilId: number,
  batchId: number,
): Promise<LetterBatch | undefined> {
  return (await listLetterBatches(db, councilId, 1000)).find((batch) => batch.id === batchId)
}

type BatchLetter = {
  id: number
  resident_id: number | null
  case_id: number | null
  template: string
  recipient: string
  personalisation: string
}

function lettersOf(db: Queryable, councilId: number, batchId: number): Promise<BatchLetter[]> {
  return db
    .selectFrom('notification')
    .select(['id', 'resident_id', 'case_id', 'template', 'recipient', 'personalisation'])
    .where('council_id', '=', councilId)
    .where('letter_batch_id', '=', batchId)
    .where('status', '=', 'sent')
    .orderBy('id')
    .execute()
}

export type PrintBatch = {
  pdf: Buffer
  /** CSV: one line per letter, its first page and our reference, for checking the envelopes stuffed. */
  manifest: string
  residentIds: number[]
}

/** The batch as one PDF, a letter per page, and its manifest; nothing when the batch is not the council's or is printed. */
export async function printBatch(
  database: Database,
  councilId: number,
  batchId: number,
  publicUrl: string,
): Promise<PrintBatch | undefined> {
  const batch = await findLetterBatch(database.db, councilId, batchId)
  const council = await councilById(database, councilId)
  if (!batch || batch.printedAt !== null || !council) return undefined
  const rows = await lettersOf(database.db, councilId, batchId)
  const branding = council.settings.branding
  const letters: Letter[] = rows.map((row) => {
    const fields = JSON.parse(row.personalisation) as Record<string, string>
    const words = renderResidentMessage(row.template, 'letter', fields, publicUrl)
    return {
      council: { name: council.name, address: branding.address ?? [], phone: branding.phone },
      addressBlock: row.recipient.split('\n'),
      // Dated the day its batch is printed and posted, which for a letter held over because the
      // day's batch was already printed is the next day, not the day it was queued.
      date: formatDate(fields.language, `${batch.day}T12:00:00Z`),
      ...words,
    }
  })
  const { pdf, firstPages } = await lettersPdf(letters, `${council.name} letters ${batch.day}`)
  const manifest = [
    'first_page,message_reference,case_reference,template',
    ...rows.map((row, index) => {
      const fields = JSON.parse(row.personalisation) as Record<string, string>
      return [firstPages[index], messageReference(row.id), fields.reference ?? '', row.template].join(',')
    }),
  ].join('\r\n')
  const residentIds = [...new Set(rows.flatMap((row) => (row.resident_id === null ? [] : [row.resident_id])))]
  return { pdf, manifest: manifest + '\r\n', residentIds }
}

/** Marks a batch printed and wipes its letters' addresses and words; false when it is not the council's or was printed already. */
export async function markBatchPrinted(
  db: Queryable,
  councilId: number,
  batchId: number,
  staffId: number | null,
): Promise<boolean> {
  const updated = await db
    .updateTable('letter_batch')
    .set({ printed_at: nowIso(), printed_by: staffId })
    .where('id', '=', batchId)
    .where('council_id', '=', councilId)
    .where('printed_at', 'is', null)
    .executeTakeFirst()
  if (Number(updated.numUpdatedRows) === 0) return false
  for (const row of await lettersOf(db, councilId, batchId)) {
    const kept = keptAfterSending(JSON.parse(row.personalisation) as Record<string, string>)
    await db
      .updateTable('notification')
      .set({ recipient: '', personalisation: JSON.stringify(kept) })
      .where('id', '=', row.id)
      .execute()
  }
  return true
}
