// Plain-English sentences made from the numbers for a briefing note: "Contacts made online rose
// from 41% to 58% of all contacts." Rises, falls, no change and missing figures are each worded
// as a person would write them. A change is judged on the figures themselves, and a small one is
// written to a tenth (6.5% to 5.4%) so the words never say a figure moved when it reads the same.
import type { Metrics } from '../metrics/service.ts'
import type { FigureSpec } from './figures.ts'
import { FIGURES, amountOf, directionOf, earlierFigure, precisionOf, written } from './figures.ts'

type Spec = Pick<FigureSpec, 'name' | 'kind' | 'of'>

const lower = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1)

/** One sentence about a figure moving from `before` (the comparison) to `after` (the period). */
export function sentence(spec: Spec, before: number | null, after: number | null): string {
  const of = spec.kind === 'share' && spec.of ? ` ${spec.of}` : ''
  if (after === null && before === null) return `There is no data on ${lower(spec.name)} for either period.`
  if (after === null)
    return `There is no data on ${lower(spec.name)} for this period; it was ${written(spec.kind, before)}${of} before.`
  if (before === null) return `${spec.name}: ${written(spec.kind, after)}${of}, with no earlier figure to compare.`
  const direction = directionOf(before, after)
  if (direction === 'same') return `${spec.name} stayed at ${written(spec.kind, after)}${of}.`
  const verb = direction === 'up' ? 'rose' : 'fell'
  const precision = precisionOf(spec.kind, before, after)
  const then = written(spec.kind, before, precision)
  const now = written(spec.kind, after, precision)
  const amount = amountOf(spec.kind, before, after)
  // Too small a change to show in the figures as written: say how small, not "from 50% to 50%".
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
