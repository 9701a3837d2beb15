// CSV and JSON written row by row, a few hundred rows per chunk, so a large council's file is never
// held in memory whole: the rows come from the database a page at a time and leave as they come.
import type { Cell, Field, Row } from './fields.ts'
import { published } from './fields.ts'

const ROWS_PER_CHUNK = 500

function csvValue(cell: Cell): string {
  const value = published(cell)
  if (value === null) return ''
  const text = String(value)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

function csvLine(values: readonly Cell[]): string {
  return values.map(csvValue).join(',') + '\r\n'
}

/** RFC 4180 CSV with a header row of the field names, in UTF-8. */
export async function* csvChunks(fields: readonly Field[], rows: AsyncIterable<Row>): AsyncGenerator<string> {
  let chunk = csvLine(fields.map((field) => field.name))
  let count = 0
  for await (const row of rows) {
    chunk += csvLine(fields.map((field) => row[field.name] ?? null))
    if (++count % ROWS_PER_CHUNK === 0) {
      yield chunk
      chunk = ''
    }
  }
  yield chunk
}

function jsonRow(fields: readonly Field[], row: Row): string {
  return JSON.stringify(Object.fromEntries(fields.map((field) => [field.name, published(row[field.name] ?? null)])))
}

/** A JSON array of objects, one per row, keyed by the same field names as the CSV. */
export async function* jsonChunks(fields: readonly Field[], rows: AsyncIterable<Row>): AsyncGenerator<string> {
  let chunk = '['
  let count = 0
  for await (const row of rows) {
    chunk += (count === 0 ? '\n' : ',\n') + jsonRow(fields, row)
    if (++count % ROWS_PER_CHUNK === 0) {
      yield chunk
      chunk = ''
    }
  }
  yield chunk + (count === 0 ? ']\n' : '\n]\n')
}
