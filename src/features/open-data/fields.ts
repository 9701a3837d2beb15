// The shape of a published dataset: its fields as a Frictionless table schema describes them, and
// the values a row holds. A suppressed count is its own value, so no writer can publish it by mistake.
import { SUPPRESSED } from './suppression.ts'

export type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'datetime' | 'yearmonth'

export type FieldConstraints = {
  required?: boolean
  unique?: boolean
  minimum?: number
  maximum?: number
  pattern?: string
  enum?: readonly string[]
}

export type Field = {
  name: string
  type: FieldType
  title: string
  description: string
  constraints?: FieldConstraints
  /** A count (or a rate made from counts) that is published as the suppression marker when small. */
  suppressible?: boolean
}

/** A value held back by small-number suppression. */
export const HELD_BACK = Object.freeze({ suppressed: true as const })

export type Cell = string | number | boolean | null | typeof HELD_BACK

export type Row = Readonly<Record<string, Cell>>

export type DatasetName = 'requests' | 'services' | 'contact-figures'

export type DatasetInfo = {
  name: DatasetName
  title: string
  description: string
  fields: readonly Field[]
  primaryKey: readonly string[]
}

/** A cell as it is written in either format: suppressed counts as the marker, the rest as they are. */
export function published(cell: Cell): string | number | boolean | null {
  if (cell === HELD_BACK) return SUPPRESSED
  return cell as string | number | boolean | null
}

/** An ISO time to the second, the form a Frictionless `datetime` takes by default. */
export function toSecond(iso: string | null): string | null {
  return iso === null ? null : `${new Date(iso).toISOString().slice(0, 19)}Z`
}
