// A seeded pseudo-random source (mulberry32) for the demo council. The same seed always gives the
// same sequence, so two seedings give identical rows and therefore identical figures.

export type Random = {
  /** A float in [0, 1). */
  next(): number
  /** An integer from min to max inclusive. */
  int(min: number, max: number): number
  chance(probability: number): boolean
  pick<T>(items: readonly T[]): T
  /** One value of a list of [value, weight] pairs; weights need not sum to 1. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T
  /** A value around `mean`, skewed to the right like handling times and waits are. */
  skewed(mean: number, min: number, max: number): number
}

export function seededRandom(seed: number): Random {
  let state = seed >>> 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1))
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new Error('cannot pick from an empty list')
    return items[Math.floor(next() * items.length)] as T
  }
  const weighted = <T>(entries: readonly (readonly [T, number])[]): T => {
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0)
    let roll = next() * total
    for (const [value, weight] of entries) {
      roll -= weight
      if (roll < 0) return value
    }
    const last = entries[entries.length - 1]
    if (!last) throw new Error('cannot pick from an empty list')
    return last[0]
  }
  const skewed = (mean: number, min: number, max: number): number => {
    // Sum of two uniforms squared: a cheap right-skewed shape with the given mean.
    const u = (next() + next()) / 2
    const value = mean * (0.35 + 2.23 * u * u)
    return Math.round(Math.min(max, Math.max(min, value)))
  }
  return { next, int, chance: (p) => next() < p, pick, weighted, skewed }
}
