// The rows of a CSV file, streamed, each with the line of the file it starts on. A row the CSV
// parser cannot read (an unclosed quote) comes through as a broken row with its line, so one bad
// line is a rejected row rather than a failed import.
import type { Readable } from 'node:stream'
import { parse } from 'csv-parse'
import type { CsvError, Options } from 'csv-parse'

export type CsvRow = { kind: 'row'; line: number; fields: string[] } | { kind: 'broken'; line: number; reason: string }

/**
 * Guards memory: an unclosed quote near the top of a large file would otherwise gather the rest
 * of the file into one field.
 */
export const MAX_ROW_CHARACTERS = 1_000_000

/**
 * The line breaks inside a row's quoted fields. The parser counts a CRLF inside quotes as two
 * lines (and only there), so those are counted apart to correct its line numbers.
 */
function lineBreaksIn(fields: readonly string[]): { breaks: number; crlf: number } {
  let breaks = 0
  let crlf = 0
  for (const field of fields) {
    if (!field.includes('\n') && !field.includes('\r')) continue
    for (let i = 0; i < field.length; i++) {
      const char = field[i]
      if (char === '\r' && field[i + 1] === '\n') {
        crlf++
        breaks++
        i++
      } else if (char === '\r' || char === '\n') breaks++
    }
  }
  return { breaks, crlf }
}

function brokenReason(error: CsvError): string {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field is never closed, so the rest of the file could not be read'
    case 'CSV_MAX_RECORD_SIZE':
      return `the row is longer than ${MAX_ROW_CHARACTERS.toLocaleString('en-GB')} characters; is a quote left open?`
    default:
      return 'the row is not valid CSV'
  }
}

/**
 * Yields every non-empty row of the file, the header first. The parser's callbacks run in file
 * order as it reads, which is where the starting lines are worked out; the rows are consumed
 * later, in batches, so the stream pauses while the database catches up.
 */
type Sequenced = { sequence: number; row: CsvRow }

export async function* csvRows(input: Readable): AsyncGenerator<CsvRow> {
  // Broken rows are reported beside the parsed ones; a shared sequence number puts them back in
  // file order, so the header is always the first thing seen.
  const broken: Sequenced[] = []
  let sequence = 0
  // The line the last row ended on, and the empty lines seen by then: a broken row starts after both.
  let lastEnd = 0
  let emptyAtLastEnd = 0
  // After a runaway quoted field the parser reports the same trouble again for each chunk it
  // reads until the field ends: one report is enough.
  let runaway = false
  // How far ahead of the file the parser's line count has run (see lineBreaksIn).
  let overcount = 0
  const options: Options<Sequenced, string[]> = {
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    // A field with a stray quote (5'10" unquoted, or text after a closing quote) is kept as
    // written: read strictly, it would swallow every row after it.
    relax_quotes: true,
    max_record_size: MAX_ROW_CHARACTERS,
    on_record: (fields, info) => {
      const { breaks, crlf } = lineBreaksIn(fields)
      overcount += crlf
      lastEnd = info.lines - overcount
      runaway = false
      emptyAtLastEnd = info.empty_lines
      return { sequence: sequence++, row: { kind: 'row', line: lastEnd - breaks, fields } }
    },
    on_skip: (error) => {
      if (!error) return undefined
      const lines = Number(error.lines) - overcount
      const empty = Number(error.empty_lines ?? 0)
      const runs = error.code === 'CSV_QUOTE_NOT_CLOSED' || error.code === 'CSV_MAX_RECORD_SIZE'
      if (runs && runaway) return undefined
      runaway = runs
      // A runaway field is noticed far from where it began: the row began after the last good one.
      const line = runs ? lastEnd + 1 + Math.max(0, empty - emptyAtLastEnd) : lines
      broken.push({ sequence: sequence++, row: { kind: 'broken', line, reason: brokenReason(error) } })
      lastEnd = lines
      emptyAtLastEnd = empty
      return undefined
    },
  }
  // The typings only allow on_record to change a record's type when columns are named.
  const parser = input.pipe(parse(options as unknown as Options))
  input.on('error', (error) => parser.destroy(error))
  for await (const parsed of parser as AsyncIterable<Sequenced>) {
    while (broken.length > 0 && (broken[0] as Sequenced).sequence < parsed.sequence)
      yield (broken.shift() as Sequenced).row
    yield parsed.row
  }
  for (const entry of broken) yield entry.row
}
