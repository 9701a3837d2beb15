// A chart's data as a table: shown beside the chart (figures as written) and downloaded as CSV
// (figures as counted: shares as fractions from 0 to 1, as the metrics API gives them).
import type { Kind } from './figures.ts'
import { written } from './figures.ts'

export type Column = { heading: string; kind: Kind | 'text' }
export type Value = string | number | null
export type DataTable = { columns: Column[]; rows: Value[][] }

export function displayRows(table: DataTable): string[][] {
  return table.rows.map((row) =>
    row.map((value, i) => {
      const kind = table.columns[i]?.kind ?? 'text'
      return kind === 'text' ? String(value ?? '') : written(kind, typeof value === 'number' ? value : null)
    }),
  )
}

/** RFC 4180 quoting, and a leading quote for text a spreadsheet would run as a formula. */
function csvField(value: Value): string {
  if (value === null) return ''
  if (typeof value === 'number') return String(value)
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

export function tableCsv(table: DataTable): string {
  const heading = (c: Column) => (c.kind === 'share' ? `${c.heading} (share from 0 to 1)` : c.heading)
  const lines = [table.columns.map((c) => csvField(heading(c))), ...table.rows.map((row) => row.map(csvField))]
  return lines.map((line) => line.join(',')).join('\r\n') + '\r\n'
}
