// `npm test`: every test file, the longest first. `node --test` starts files in the order of their
// paths, which put the browser journeys (half the suite's time) and the command-line files last:
// the run's last minutes were then a few long files on a machine otherwise idle. Started first,
// the long files overlap the many short ones instead.
//   node test/run.ts [FILE …]   (no files: the whole suite)
import { globSync } from 'node:fs'
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

function concurrency(): number {
  const given = Number(process.env.TEST_CONCURRENCY)
  if (Number.isInteger(given) && given > 0) return given
  // Tests wait on browsers, child processes and PostgreSQL as much as they compute: one more file
  // than there are cores keeps both cores busy.
  return availableParallelism() + 1
}

const named = process.argv.slice(2)
const option = named.find((arg) => arg.startsWith('-'))
if (option !== undefined) {
  process.stderr.write(
    `test: ${option} is not an option of npm test, which takes only files (node --test takes options)\n`,
  )
  process.exit(2)
}
const files = longestFirst(named.length > 0 ? named : SUITE.flatMap((pattern) => globSync(pattern)))
if (files.length === 0) {
  process.stderr.write('test: no test files found\n')
  process.exit(2)
}
run({ files, concurrency: concurrency() })
  .on('test:fail', () => (process.exitCode = 1))
  .compose(spec)
  .pipe(process.stdout)
