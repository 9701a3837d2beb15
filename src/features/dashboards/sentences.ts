// Plain-English sentences made from the numbers for a briefing note: "Contacts made online rose
// from 41% to 58% of all contacts." Rises, falls, no change and missing figures are each worded
// as a person would write them, and judged on the figures as written (whole percentages).
import type { FigureSpec } from './figures.ts'
import { amountOf, directionOf, written } from './figures.ts'

type Spec = Pick<FigureSpec, 'name' | 'kind' | 'of'>

const lower = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1)

/** One sentence about a figure moving from `before` (the comparison) to `after` (the period). */
export function sentence(spec: Spec, before: number | null, after: number | null): string {
  const of = spec.kind === 'share' && spec.of ? ` ${spec.of}` : ''
  const now = written(spec.kind, after)
  const then = written(spec.kind, before)
  if (after === null && before === null) return `There is no data on ${lower(spec.name)} for either period.`
  if (after === null) return `There is no data on ${lower(spec.name)} for this period; it was ${then}${of} before.`
  if (before === null) return `${spec.name}: ${now}${of}, with no earlier figure to compare.`
  const direction = directionOf(spec.kind, before, after)
  if (direction === 'same') return `${spec.name} stayed at ${now}${of}.`
  const verb = direction === 'up' ? 'rose' : 'fell'
  const by =
    spec.kind === 'count' ? `, a ${direction === 'up' ? 'rise' : 'fall'} of ${amountOf(spec.kind, before, after)}` : ''
  return `${spec.name} ${verb} from ${then} to ${now}${of}${by}.`
}
