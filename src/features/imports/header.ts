// The header row of an import file: which columns each kind of file takes, and where each one is.
// A header that does not fit refuses the whole file before any row is written.

export const IMPORT_KINDS = ['residents', 'contacts', 'cases', 'calls', 'addresses'] as const
export type ImportKind = (typeof IMPORT_KINDS)[number]

export type ColumnSpec = { name: string; required: boolean }

const column = (name: string, required = false): ColumnSpec => ({ name, required })

/** The columns of each file, in DESIGN.md's order (docs/imports.md explains each one). */
export const IMPORT_COLUMNS: Readonly<Record<ImportKind, readonly ColumnSpec[]>> = {
  residents: [
    column('external_id'),
    column('given_name', true),
    column('family_name', true),
    column('date_of_birth'),
    column('email'),
    column('phone'),
    column('address_line_1'),
    column('address_line_2'),
    column('town'),
    column('postcode'),
    column('uprn'),
    column('preferred_channel'),
    column('digital_status'),
    column('language'),
  ],
  contacts: [
    column('external_id'),
    column('resident_external_id'),
    column('channel', true),
    column('direction', true),
    column('started_at', true),
    column('handle_seconds'),
    column('service_code'),
    column('outcome', true),
    column('avoidable'),
    column('notes'),
  ],
  cases: [
    column('external_id'),
    column('resident_external_id'),
    column('service_code', true),
    column('channel', true),
    column('created_by', true),
    column('created_at', true),
    column('status', true),
    column('resolved_at'),
    column('due_at'),
  ],
  calls: [
    column('external_id'),
    column('queue', true),
    column('offered_at', true),
    column('answered_at'),
    column('ended_at'),
    column('agent_email'),
    column('caller_number'),
  ],
  addresses: [
    column('uprn', true),
    column('address_line_1', true),
    column('address_line_2'),
    column('town'),
    column('postcode'),
    column('latitude'),
    column('longitude'),
  ],
}

/** A file the import cannot start on: printed as one line, exit code 2, nothing written. */
export class ImportFileError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ImportFileError'
  }
}

/** Where each known column sits in a row; absent columns read as empty. */
export type Header = {
  kind: ImportKind
  width: number
  positions: ReadonlyMap<string, number>
}

export function hasColumn(header: Header, name: string): boolean {
  return header.positions.has(name)
}

/** Header names are matched without surrounding spaces and in any letter case. */
export function readHeader(kind: ImportKind, names: readonly string[]): Header {
  const specs = IMPORT_COLUMNS[kind]
  const known = new Set(specs.map((spec) => spec.name))
  const positions = new Map<string, number>()
  const unknown: string[] = []
  const repeated: string[] = []
  names.forEach((raw, index) => {
    const name = raw.trim().toLowerCase()
    if (name === '') unknown.push(`(unnamed column ${index + 1})`)
    else if (!known.has(name)) unknown.push(name)
    else if (positions.has(name)) repeated.push(name)
    else positions.set(name, index)
  })
  const missing = specs.filter((spec) => spec.required && !positions.has(spec.name)).map((spec) => spec.name)
  const problems: string[] = []
  if (unknown.length > 0) problems.push(`unknown column${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}`)
  if (repeated.length > 0)
    problems.push(
      `column${repeated.length > 1 ? 's' : ''} ${repeated.join(', ')} appear${repeated.length > 1 ? '' : 's'} more than once`,
    )
  if (missing.length > 0) problems.push(`missing required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`)
  if (problems.length > 0) {
    throw new ImportFileError(
      `the ${kind} file was refused, nothing was imported: ${problems.join('; ')} (a ${kind} file takes ${specs.map((spec) => spec.name).join(', ')})`,
    )
  }
  return { kind, width: names.length, positions }
}

/** The cells of one row by column name; a column the file does not have reads as empty. */
export function cellsOf(header: Header, fields: readonly string[]): (name: string) => string {
  return (name) => {
    const index = header.positions.get(name)
    return index === undefined ? '' : (fields[index] ?? '')
  }
}
