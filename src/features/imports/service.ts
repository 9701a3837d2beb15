// Imports residents, contacts and cases from CSV files of any size. The file is streamed, every
// row checked, and the good rows written in batches of one transaction each; a rejected row is
// reported with its line and reason and never stops the others.
import { createReadStream } from 'node:fs'
import { basename } from 'node:path'
import type { Readable } from 'node:stream'
import type { Database } from '../../platform/db/database.ts'
import type { Actor } from '../../platform/audit/audit.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { addressesImporter } from './addresses.ts'
import { casesImporter } from './cases.ts'
import { callsImporter } from './calls.ts'
import { contactsImporter } from './contacts.ts'
import { ImportFileError, cellsOf, readHeader } from './header.ts'
import type { Header, ImportKind } from './header.ts'
import type { Candidate, ImportContext, Importer, Rejection, Written } from './importer.ts'
import { RejectionList } from './rejections.ts'
import { csvRows } from './records.ts'
import type { CsvRow } from './records.ts'
import { residentsImporter } from './residents.ts'

export { IMPORT_KINDS, IMPORT_COLUMNS, ImportFileError } from './header.ts'
export type { ImportKind } from './header.ts'
export type { Rejection } from './importer.ts'

export type ImportReport = {
  kind: ImportKind
  /** Data rows read (the header and blank lines are not counted). */
  read: number
  inserted: number
  updated: number
  rejected: number
  /** Rows inserted without an external_id: a second import of them would add them again. */
  insertedWithoutExternalId: number
  /** The first rejected rows in file order, at most REJECTIONS_LISTED. */
  rejections: Rejection[]
  /** What the file's importer says about rows taken with something left out, one line each. */
  notices: string[]
  elapsedMs: number
}

export type ImportProgress = { read: number; accepted: number; rejected: number; elapsedMs: number }

export type ImportOptions = {
  /** Rows written per transaction. */
  batchSize?: number
  /** Who the audit trail names as running the import. */
  actorLabel?: string
  /** The file's name for the audit trail; a path given as the source names itself. */
  fileName?: string
  /** The key callers' numbers are hashed with comes from it; needed for a calls file. */
  sessionSecret?: string
}

export const REJECTIONS_LISTED = 100
const DEFAULT_BATCH_SIZE = 1000
const PROGRESS_EVERY_MS = 250

/** The database's own message can quote the row; the reason given is kept free of it. */
const REFUSED_BY_DATABASE = 'the database refused this row (it conflicts with a record already stored)'

function openSource(source: Readable | string): Readable {
  if (typeof source !== 'string') return source
  return createReadStream(source)
}

function fileError(error: unknown): ImportFileError {
  if (error instanceof ImportFileError) return error
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOENT') return new ImportFileError('the file does not exist')
  if (code === 'EISDIR') return new ImportFileError('that is a folder, not a file')
  if (code === 'EACCES') return new ImportFileError('the file cannot be read (permission denied)')
  return new ImportFileError(`the file could not be read (${code ?? (error as Error).message})`)
}

type Tally = { read: number; inserted: number; updated: number; withoutExternalId: number; rejections: RejectionList }

/** Who runs the import and on what: each committed batch says so in the audit trail. */
type Run = { kind: ImportKind; actor: Actor; file: string | null }

/**
 * Writes rows and their batch's audit event in one transaction, so a run that is stopped part
 * way leaves every batch it wrote accounted for and nothing it did not. The event holds counts
 * and the file's name only, never a row's contents.
 */
async function writeAudited<C, R>(
  database: Database,
  importer: Importer<C, R>,
  rows: Candidate<R>[],
  run: Run,
): Promise<Written> {
  return database.db.transaction().execute(async (trx) => {
    const written = await importer.write(trx, rows)
    const detail = {
      file: run.file,
      created: written.inserted,
      updated: written.updated,
      unchanged: written.unchanged ?? 0,
    }
    await recordAudit(
      database,
      run.actor,
      { action: `import.${run.kind}.batch`, subjectType: 'import', subjectId: null, detail },
      trx,
    )
    return written
  })
}

/** Writes one batch in one transaction; if the database refuses it, row by row, so only the bad row is lost. */
async function writeBatch<C, R>(
  database: Database,
  importer: Importer<C, R>,
  batch: Candidate<C>[],
  tally: Tally,
  run: Run,
): Promise<void> {
  const { ready, rejected } = await importer.resolve(batch)
  for (const rejection of rejected) tally.rejections.add(rejection)
  if (ready.length === 0) return
  const count = (written: Written, rows: Candidate<R>[]) => {
    tally.inserted += written.inserted
    tally.updated += written.updated + (written.unchanged ?? 0)
    tally.withoutExternalId += rows.filter((row) => row.externalId === null).length
  }
  try {
    count(await writeAudited(database, importer, ready, run), ready)
    return
  } catch {
    // Checked rows should not fail here; when one does (a record changed meanwhile), find it.
  }
  for (const row of ready) {
    try {
      count(await writeAudited(database, importer, [row], run), [row])
    } catch {
      tally.rejections.add({ line: row.line, reason: REFUSED_BY_DATABASE })
    }
  }
}

async function readHeaderRow(rows: AsyncIterator<CsvRow>, kind: ImportKind): Promise<Header> {
  const first = await rows.next()
  if (first.done) throw new ImportFileError('the file is empty: it needs a header row naming its columns')
  if (first.value.kind === 'broken')
    throw new ImportFileError(`the header row could not be read: ${first.value.reason}`)
  return readHeader(kind, first.value.fields)
}

async function runImport<C, R>(
  database: Database,
  importer: Importer<C, R>,
  header: Header,
  rows: AsyncIterator<CsvRow>,
  tally: Tally,
  options: { batchSize: number; progress: () => void; run: Run },
): Promise<void> {
  let batch: Candidate<C>[] = []
  const inBatch = new Set<string>()
  const flush = async () => {
    if (batch.length === 0) return
    const full = batch
    batch = []
    inBatch.clear()
    await writeBatch(database, importer, full, tally, options.run)
  }
  for (let next = await rows.next(); !next.done; next = await rows.next()) {
    const row = next.value
    if (row.kind === 'row' && row.fields.every((field) => field.trim() === '')) continue
    tally.read++
    if (row.kind === 'broken') tally.rejections.add({ line: row.line, reason: row.reason })
    else if (row.fields.some((field) => field.includes('\0'))) {
      // PostgreSQL cannot store a NUL in text; it is never meant as part of a value.
      tally.rejections.add({ line: row.line, reason: 'the row contains a NUL character' })
    } else if (row.fields.length !== header.width) {
      tally.rejections.add({
        line: row.line,
        reason: `the row has ${row.fields.length} fields but the header has ${header.width}`,
      })
    } else {
      const checked = importer.check(cellsOf(header, row.fields), row.line)
      if ('reason' in checked) tally.rejections.add(checked)
      else {
        // The same external id twice in one batch: write the first before the second updates it.
        if (checked.externalId !== null && inBatch.has(checked.externalId)) await flush()
        if (checked.externalId !== null) inBatch.add(checked.externalId)
        batch.push(checked)
        if (batch.length >= options.batchSize) await flush()
      }
    }
    options.progress()
  }
  await flush()
}

/**
 * Imports one CSV file of residents, contacts or cases into a council. A header that does not fit
 * the kind of file refuses the whole file (ImportFileError) before anything is written; after
 * that, bad rows are rejected one by one and the rest imported. One audit event records the run.
 */
export async function importCsv(
  database: Database,
  councilId: number,
  kind: ImportKind,
  source: Readable | string,
  onProgress?: (progress: ImportProgress) => void,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const started = Date.now()
  const input = openSource(source)
  // Told apart from the database's errors, which can carry system error codes too.
  let readFailure: unknown
  input.once('error', (error) => (readFailure = error))
  const rows = csvRows(input)[Symbol.asyncIterator]()
  let header: Header
  try {
    header = await readHeaderRow(rows, kind)
  } catch (error) {
    input.destroy()
    throw fileError(error)
  }

  const tally: Tally = {
    read: 0,
    inserted: 0,
    updated: 0,
    withoutExternalId: 0,
    rejections: new RejectionList(REJECTIONS_LISTED),
  }
  let lastProgress = 0
  const progress = (force = false) => {
    const now = Date.now()
    if (!onProgress || (!force && now - lastProgress < PROGRESS_EVERY_MS)) return
    lastProgress = now
    onProgress({
      read: tally.read,
      accepted: tally.inserted + tally.updated,
      rejected: tally.rejections.total,
      elapsedMs: now - started,
    })
  }
  const context: ImportContext = { database, councilId, header, startedAt: new Date(started) }
  const actor: Actor = { kind: 'system', id: null, label: options.actorLabel ?? 'cli import', councilId }
  const file = options.fileName ?? (typeof source === 'string' ? basename(source) : null)
  const run = {
    batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE,
    progress: () => progress(),
    run: { kind, actor, file },
  }
  let finished = false
  let notices: string[] = []
  try {
    if (kind === 'residents') await runImport(database, residentsImporter(context), header, rows, tally, run)
    else if (kind === 'contacts') await runImport(database, contactsImporter(context), header, rows, tally, run)
    else if (kind === 'cases') await runImport(database, casesImporter(context), header, rows, tally, run)
    else if (kind === 'addresses') await runImport(database, addressesImporter(context), header, rows, tally, run)
    else {
      if (options.sessionSecret === undefined)
        throw new Error('a calls import needs the session secret to hash numbers')
      const importer = callsImporter({ ...context, sessionSecret: options.sessionSecret })
      await runImport(database, importer, header, rows, tally, run)
      notices = importer.notices()
    }
    finished = true
  } catch (error) {
    if (readFailure !== undefined && error === readFailure) throw fileError(error)
    throw error
  } finally {
    progress(true)
    const detail = {
      read: tally.read,
      inserted: tally.inserted,
      updated: tally.updated,
      rejected: tally.rejections.total,
      finished,
    }
    // A failed run is still recorded when the database allows it; its own error is the one reported.
    await recordAudit(database, actor, {
      action: `import.${kind}`,
      subjectType: 'import',
      subjectId: null,
      detail,
    }).catch((error: unknown) => {
      if (finished) throw error
    })
  }
  return {
    kind,
    read: tally.read,
    inserted: tally.inserted,
    updated: tally.updated,
    rejected: tally.rejections.total,
    insertedWithoutExternalId: tally.withoutExternalId,
    rejections: tally.rejections.first(),
    notices,
    elapsedMs: Date.now() - started,
  }
}
