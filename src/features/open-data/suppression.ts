// Small-number suppression for open data: no count below 5 is published, and the counts hidden are
// chosen so that none of them can be worked out again from what is published.
//
// A table of counts comes with its additive groups (a total and the parts that add up to it: a
// channel's services, a service's channels). A reader who knows all but one member of a group knows
// the last one too, and what they work out can unlock the next group. So after hiding every count
// below the threshold (primary suppression), this plays the reader: it solves every group with one
// unknown, again and again, and whenever that reveals a count below the threshold it hides one more
// published count in that group — the smallest, so as little as possible is lost (secondary
// suppression) — and starts again. It stops when the reader can work out no small count at all.

/** Counts below this are never published (DESIGN.md: "never publishes a count below 5"). */
export const THRESHOLD = 5

/** What a suppressed value is published as: the Government Statistical Service's symbol for "confidential". */
export const SUPPRESSED = '[c]'

export type CountGroup = { total: string; parts: readonly string[] }

export type CountTable = {
  /** Every cell's true count, by key. */
  counts: ReadonlyMap<string, number>
  groups: readonly CountGroup[]
  /** Cells that are never published (a remainder such as contacts about no service) but still add up. */
  unpublished?: ReadonlySet<string>
}

const membersOf = (group: CountGroup): string[] => [group.total, ...group.parts]

function isSmall(table: CountTable, key: string): boolean {
  return (table.counts.get(key) ?? 0) < THRESHOLD
}

/** The first group in which a reader can work out a small hidden count, or null when none. */
function revealingGroup(table: CountTable, hidden: ReadonlySet<string>): CountGroup | null {
  const known = new Set([...table.counts.keys()].filter((key) => !hidden.has(key)))
  let progress = true
  while (progress) {
    progress = false
    for (const group of table.groups) {
      const unknown = membersOf(group).filter((key) => !known.has(key))
      if (unknown.length !== 1) continue
      const [worked] = unknown as [string]
      if (isSmall(table, worked)) return group
      known.add(worked)
      progress = true
    }
  }
  return null
}

function smallestPublished(table: CountTable, keys: readonly string[], hidden: ReadonlySet<string>): string | null {
  const open = keys.filter((key) => !hidden.has(key))
  if (open.length === 0) return null
  return open.reduce((best, key) => ((table.counts.get(key) ?? 0) < (table.counts.get(best) ?? 0) ? key : best))
}

/** A published count to hide so that `group` no longer gives its small count away. */
function complementFor(table: CountTable, group: CountGroup, hidden: ReadonlySet<string>): string | null {
  // A part before the total, so the totals people read most stay published where they can.
  const inGroup = smallestPublished(table, group.parts, hidden) ?? smallestPublished(table, [group.total], hidden)
  if (inGroup) return inGroup
  // Every other member was itself worked out elsewhere: hide a count in a group that touches this one.
  const members = new Set(membersOf(group))
  const neighbours = table.groups.filter((other) => membersOf(other).some((key) => members.has(key)))
  return (
    smallestPublished(table, neighbours.flatMap(membersOf), hidden) ??
    smallestPublished(table, [...table.counts.keys()], hidden)
  )
}

/**
 * The hidden small counts that the published ones pin down exactly, by any sum or difference of the
 * groups — not only one at a time. A hidden cell is pinned down when its unit vector lies in the row
 * space of the groups' equations over the hidden cells (Gaussian elimination to reduced row echelon form).
 */
export function pinnedDown(table: CountTable, hidden: ReadonlySet<string>): string[] {
  const columns = [...hidden]
  const index = new Map(columns.map((key, i) => [key, i]))
  const rows = table.groups
    .map((group) => {
      const row = new Array<number>(columns.length).fill(0)
      const at = index.get(group.total)
      if (at !== undefined) row[at] = 1
      for (const part of group.parts) {
        const i = index.get(part)
        if (i !== undefined) row[i] = row[i]! - 1
      }
      return row
    })
    .filter((row) => row.some((value) => value !== 0))
  const pivots = reduce(rows, columns.length)
  return pivots
    .filter(({ column, row }) => row.every((value, i) => i === column || Math.abs(value) < 1e-9))
    .map(({ column }) => columns[column]!)
    .filter((key) => isSmall(table, key))
}

/** Reduces `rows` in place to reduced row echelon form; returns each pivot's column and row. */
function reduce(rows: number[][], width: number): { column: number; row: number[] }[] {
  const pivots: { column: number; row: number[] }[] = []
  let next = 0
  for (let column = 0; column < width && next < rows.length; column++) {
    const found = rows.findIndex((row, i) => i >= next && Math.abs(row[column]!) > 1e-9)
    if (found < 0) continue
    ;[rows[next], rows[found]] = [rows[found]!, rows[next]!]
    const pivot = rows[next]!
    const scale = pivot[column]!
    for (let i = 0; i < width; i++) pivot[i] = pivot[i]! / scale
    rows.forEach((row, i) => {
      const factor = row[column]!
      if (i === next || Math.abs(factor) < 1e-9) return
      for (let j = 0; j < width; j++) row[j] = row[j]! - factor * pivot[j]!
    })
    pivots.push({ column, row: pivot })
    next++
  }
  return pivots
}

function groupHolding(table: CountTable, key: string, hidden: ReadonlySet<string>): CountGroup | null {
  const holding = table.groups.filter((group) => membersOf(group).includes(key))
  return holding.find((group) => membersOf(group).some((member) => !hidden.has(member))) ?? holding[0] ?? null
}

function exactlyRevealingGroup(table: CountTable, hidden: ReadonlySet<string>): CountGroup | null {
  const [pinned] = pinnedDown(table, hidden)
  return pinned === undefined ? null : groupHolding(table, pinned, hidden)
}

/** The keys of the cells not to publish: every small count, and the fewest others that keep them hidden. */
export function suppressedCells(table: CountTable): Set<string> {
  const hidden = new Set<string>(table.unpublished ?? [])
  for (const key of table.counts.keys()) if (isSmall(table, key)) hidden.add(key)
  for (;;) {
    // The quick reader (one unknown at a time) first; the exact one only when the quick one is beaten.
    const group = revealingGroup(table, hidden) ?? exactlyRevealingGroup(table, hidden)
    if (!group) return hidden
    const complement = complementFor(table, group, hidden)
    if (!complement) return hidden
    hidden.add(complement)
  }
}
