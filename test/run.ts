// `npm test`: every test file, the longest first. `node --test` starts files in the order of their
// paths, which put the browser journeys (half the suite's time) and the command-line files last,
// so a run could end on one long file alone. Started first, the long files overlap the many short
// ones instead.
//   node test/run.ts [FILE …]   (no files: the whole suite)
import { existsSync, globSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { run } from 'node:test'
import { spec } from 'node:test/reporters'

const SUITE = ['src/**/*.test.ts', 'test/**/*.test.ts']

// Kinds of file from the longest to the shortest a file: each starts its own processes or browser.
const LONGEST_FIRST = [/^test\/browser\//, /^test\/cli/, /^test\/(security|open311)\//, /^test\//]

function rank(file: string): number {
  const kind = LONGEST_FIRST.findIndex((pattern) => pattern.test(file))
  return kind === -1 ? LONGEST_FIRST.length : kind
}

function longestFirst(files: readonly string[]): string[] {
  return [...files].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
}

function refuse(message: string): never {
  process.stderr.write(`test: ${message}\n`)
  process.exit(2)
}

function concurrency(): number {
  const given = process.env.TEST_CONCURRENCY
  if (given === undefined || given === '') {
    // A file waiting on its browser, a child process or PostgreSQL leaves a core to the next.
    return availableParallelism() + 1
  }
  const files = Number(given)
  if (!Number.isInteger(files) || files < 1) refuse(`TEST_CONCURRENCY must be a whole number above 0, not "${given}"`)
  return files
}

const named = process.argv.slice(2)
const option = named.find((arg) => arg.startsWith('-'))
if (option !== undefined)
  refuse(`${option} is not an option of npm test, which takes only files (node --test takes options)`)
const missing = named.find((file) => !existsSync(file))
if (missing !== undefined) refuse(`${missing} does not exist`)
const files = longestFirst(named.length > 0 ? named : SUITE.flatMap((pattern) => globSync(pattern)))
if (files.length === 0) refuse('no test files found')
run({ files, concurrency: concurrency() })
  .on('test:fail', () => (process.exitCode = 1))
  .compose(spec)
  .pipe(process.stdout)
