// Plain-English sentences made from the numbers for a briefing note: "Contacts made online rose
// from 41.0% to 58.2% of all contacts." Rises, falls, no change and missing figures are each worded
// as a person would write them. Figures are written as the headlines write them (shares to a
// tenth), and a change is the difference of the figures as written, so the words never say a
// figure moved by more or less than a reader's own subtraction.
import type { Metrics } from '../metrics/service.ts'
import type { FigureSpec } from './figures.ts'
import { FIGURES, amountOf, compared, directionOf, earlierFigure } from './figures.ts'

type Spec = Pick<FigureSpec, 'name' | 'kind' | 'of'>

const lower = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1)

/** One sentence about a figure moving from `before` (the comparison) to `after` (the period). */
export function sentence(spec: Spec, before: number | null, after: number | null): string {
  const of = spec.kind === 'share' && spec.of ? ` ${spec.of}` : ''
  const write = (value: number | null) => compared(spec.kind, value)
  if (after === null && before === null) return `There is no data on ${lower(spec.name)} for either period.`
  if (after === null)
    return `There is no data on ${lower(spec.name)} for this period; it was ${write(before)}${of} before.`
  if (before === null) return `${spec.name}: ${write(after)}${of}, with no earlier figure to compare.`
  const direction = directionOf(before, after)
  if (direction === 'same') return `${spec.name} stayed at ${write(after)}${of}.`
  const verb = direction === 'up' ? 'rose' : 'fell'
  const then = write(before)
  const now = write(after)
  const amount = amountOf(spec.kind, before, after)
  // Too small a change to show in the figures as written: say how small, not "from 50.0% to 50.0%".
  if (then === now) return `${spec.name} ${verb} by ${amount}, to ${now}${of}.`
  const by = spec.kind === 'count' ? `, a ${direction === 'up' ? 'rise' : 'fall'} of ${amount}` : ''
  return `${spec.name} ${verb} from ${then} to ${now}${of}${by}.`
}

/** The briefing's sentences against one earlier period; a count of today is not compared, so has none. */
export function sentencesAgainst(earlier: Metrics, now: Metrics): string[] {
  return FIGURES.filter((spec) => !spec.today).map((spec) =>
    sentence(spec, earlierFigure(spec, earlier), spec.read(now)),
  )
}
