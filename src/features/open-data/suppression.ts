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

const totalsOf = new WeakMap<CountTable, Set<string>>()

/** Whether a count is the total of some group (kept published before parts where there is a choice). */
function isTotal(table: CountTable, key: string): boolean {
  let totals = totalsOf.get(table)
  if (!totals) {
    totals = new Set(table.groups.map((group) => group.total))
    totalsOf.set(table, totals)
  }
  return totals.has(key)
}

/** A count of 1 to 4. A zero describes nobody and is published (docs/decisions.md says why). */
function isSmall(table: CountTable, key: string): boolean {
  const count = table.counts.get(key) ?? 0
  return count > 0 && count < THRESHOLD
}

/**
 * Whether a group's hidden parts add up to so little that a small one is narrowed down: with the
 * total known, the hidden parts share what the known parts leave, and each hidden part is at least
 * 1 (zeros are published), so none can be more than the share less one for each other hidden part.
 */
function narrowsDown(table: CountTable, group: CountGroup, known: ReadonlySet<string>): boolean {
  if (!known.has(group.total)) return false
  const hiddenParts = group.parts.filter((key) => !known.has(key))
  if (hiddenParts.length < 2 || !hiddenParts.some((key) => isSmall(table, key))) return false
  const share = hiddenParts.reduce((sum, key) => sum + (table.counts.get(key) ?? 0), 0)
  return share - (hiddenParts.length - 1) < THRESHOLD
}

/**
 * The groups in which a reader can work out a small hidden count, solving every group with one
 * unknown over and over, with what they worked out before. Empty when the table is safe.
 */
type Reading = { revealing: CountGroup[]; derivedBy: Map<string, CountGroup> }

function revealingGroups(table: CountTable, hidden: ReadonlySet<string>): Reading {
  const known = new Set([...table.counts.keys()].filter((key) => !hidden.has(key)))
  const revealing = new Set<CountGroup>()
  const derivedBy = new Map<string, CountGroup>()
  let progress = true
  while (progress) {
    progress = false
    for (const group of table.groups) {
      if (revealing.has(group)) continue
      const unknown = membersOf(group).filter((key) => !known.has(key))
      if (unknown.length !== 1) continue
      const [worked] = unknown as [string]
      if (isSmall(table, worked)) {
        revealing.add(group)
        continue
      }
      known.add(worked)
      derivedBy.set(worked, group)
      progress = true
    }
  }
  for (const group of table.groups) if (!revealing.has(group) && narrowsDown(table, group, known)) revealing.add(group)
  return { revealing: [...revealing], derivedBy }
}

function smallestPublished(table: CountTable, keys: readonly string[], hidden: ReadonlySet<string>): string | null {
  // Hiding a zero would protect nothing: it adds nothing to what the hidden counts share.
  const open = keys.filter((key) => !hidden.has(key) && (table.counts.get(key) ?? 0) > 0)
  if (open.length === 0) return null
  return open.reduce((best, key) => ((table.counts.get(key) ?? 0) < (table.counts.get(best) ?? 0) ? key : best))
}

/** The published counts a reader used, at any remove, to work out `key`. */
function workedOutFrom(
  key: string,
  derivedBy: ReadonlyMap<string, CountGroup>,
  hidden: ReadonlySet<string>,
  seen = new Set<string>(),
): string[] {
  const source = derivedBy.get(key)
  if (!source || seen.has(key)) return []
  seen.add(key)
  return membersOf(source)
    .filter((member) => member !== key)
    .flatMap((member) => (hidden.has(member) ? workedOutFrom(member, derivedBy, hidden, seen) : [member]))
}

/**
 * A published count to hide so that `group` no longer gives its small count away: the smallest of
 * its parts, or of the counts the reader used to work out its other hidden members — which closes a
 * rectangle instead of starting a chain — and only then its total, so totals stay published where they can.
 */
function complementFor(
  table: CountTable,
  group: CountGroup,
  hidden: ReadonlySet<string>,
  derivedBy: ReadonlyMap<string, CountGroup>,
): string | null {
  const upstream = membersOf(group).flatMap((key) => (hidden.has(key) ? workedOutFrom(key, derivedBy, hidden) : []))
  const found =
    smallestPublished(table, [...group.parts, ...upstream.filter((key) => !isTotal(table, key))], hidden) ??
    smallestPublished(table, [group.total, ...upstream], hidden)
  if (found) return found
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

/** Above this many hidden cells the exact check is skipped: the reader above is the guard (docs/open-data.md). */
const EXACT_CHECK_LIMIT = 400

function exactlyRevealingGroups(table: CountTable, hidden: ReadonlySet<string>): Reading {
  const none = { revealing: [], derivedBy: new Map() }
  if (hidden.size > EXACT_CHECK_LIMIT) return none
  const [pinned] = pinnedDown(table, hidden)
  const group = pinned === undefined ? null : groupHolding(table, pinned, hidden)
  return group ? { revealing: [group], derivedBy: new Map() } : none
}

/** The keys of the cells not to publish: every small count, and the fewest others that keep them hidden. */
export function suppressedCells(table: CountTable): Set<string> {
  const hidden = new Set<string>(table.unpublished ?? [])
  for (const key of table.counts.keys()) if (isSmall(table, key)) hidden.add(key)
  for (;;) {
    // The quick reader (one unknown at a time) first; the exact one only when the quick one is beaten.
    const quick = revealingGroups(table, hidden)
    const reading = quick.revealing.length > 0 ? quick : exactlyRevealingGroups(table, hidden)
    if (reading.revealing.length === 0) return hidden
    const added = new Set<string>()
    for (const group of reading.revealing) {
      // A complement hidden earlier in this round may already close this group; the next round checks.
      if (membersOf(group).some((key) => added.has(key))) continue
      const complement = complementFor(table, group, hidden, reading.derivedBy)
      if (complement) {
        hidden.add(complement)
        added.add(complement)
      }
    }
    if (added.size === 0) return hidden
  }
}
