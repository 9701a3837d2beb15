// `frontdoor import residents|contacts|cases|calls|addresses FILE.csv [--council SLUG]`: streams a CSV file into a
// council. Exit code 0 when every row was imported, 1 when some rows were rejected (the good ones
// are still imported), 2 when the file could not be used at all (nothing imported).
import { IMPORT_KINDS, ImportFileError, importCsv } from '../features/imports/service.ts'
import type { ImportKind, ImportProgress, ImportReport } from '../features/imports/service.ts'
import { readArgs } from './args.ts'
import { chooseCouncil, withDatabase } from './context.ts'
import { out, UsageError } from './output.ts'

const USAGE = `usage: frontdoor import ${IMPORT_KINDS.join('|')} FILE.csv [--council SLUG]`

const number = (n: number) => n.toLocaleString('en-GB')

function rate(rows: number, elapsedMs: number): string {
  return elapsedMs > 0 ? `${number(Math.round((rows * 1000) / elapsedMs))} rows/s` : '-'
}

function showProgress(progress: ImportProgress): void {
  out.progress(
    `${number(progress.read)} rows read · ${number(progress.accepted)} accepted · ${number(progress.rejected)} rejected · ${rate(progress.read, progress.elapsedMs)}`,
  )
}

function printReport(report: ImportReport, file: string, councilName: string): void {
  out.line(
    `Imported ${report.kind} from ${file} into ${councilName} in ${(report.elapsedMs / 1000).toFixed(1)} s (${rate(report.read, report.elapsedMs)}).`,
  )
  out.line(`  read      ${number(report.read)}`)
  out.line(`  inserted  ${number(report.inserted)}`)
  out.line(`  updated   ${number(report.updated)}`)
  out.line(`  rejected  ${number(report.rejected)}`)
  const unkeyed = report.insertedWithoutExternalId
  if (unkeyed === 1)
    out.line('1 row had no external_id: it was added as a new record, and importing it again would add it again.')
  if (unkeyed > 1)
    out.line(
      `${number(unkeyed)} rows had no external_id: they were added as new records, and importing them again would add them again.`,
    )
  for (const notice of report.notices) out.line(notice)
  if (report.rejected === 0) return
  out.line('Rejected rows (line numbers count the header as line 1):')
  for (const rejection of report.rejections) out.line(`line ${rejection.line}: ${rejection.reason}`)
  const unlisted = report.rejected - report.rejections.length
  if (unlisted > 0) out.line(`…and ${number(unlisted)} more`)
}

export async function importCommand(args: string[]): Promise<void> {
  const { values, words } = readArgs(args, { usage: USAGE, flags: { council: { type: 'string' } }, words: 2 })
  const [kind, file] = words
  if (kind === undefined || file === undefined) throw new UsageError(USAGE)
  if (!(IMPORT_KINDS as readonly string[]).includes(kind)) throw new UsageError(`cannot import "${kind}": ${USAGE}`)
  const report = await withDatabase(async (database, config) => {
    const council = await chooseCouncil(database, values.council)
    try {
      const result = await importCsv(database, council.id, kind as ImportKind, file, showProgress, {
        sessionSecret: config.sessionSecret,
      })
      out.progressDone()
      printReport(result, file, council.name)
      return result
    } catch (error) {
      out.progressDone()
      if (error instanceof ImportFileError) throw new UsageError(`${file}: ${error.message}`)
      throw error
    }
  })
  if (report.rejected > 0) process.exitCode = 1
}
