// Finding the English texts a feature shows, for the tests that check each has Welsh.
import { readdirSync } from 'node:fs'
import { join } from 'node:path'

/** The feature's own files with this ending, leaving out its tests and their fixtures. */
export function filesIn(directory: string, ending: string): string[] {
  return readdirSync(directory, { recursive: true })
    .map(String)
    .filter((name) => name.endsWith(ending) && !name.endsWith('.test.ts') && !name.includes('fixtures'))
    .map((name) => join(directory, name))
}

/** The English keys a template or source passes to t() or translate() as written text. */
export function keysIn(source: string): string[] {
  const patterns = [
    /\bt\(\s*"((?:[^"\\]|\\.)*)"/g,
    /\bt\(\s*'((?:[^'\\]|\\.)*)'/g,
    /translate\(\s*[\w.]+,\s*'((?:[^'\\]|\\.)*)'/g,
  ]
  return patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((m) => m[1]!))
}
