// Where the benchmark keeps its data: bench/.data, ignored by git.
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'

export const benchDir = fileURLToPath(new URL('.', import.meta.url))
export const dataDir = join(benchDir, '.data')
/** The generated data, never written to by a run. */
export const benchFile = join(dataDir, 'bench.db')
/** What was generated (sizes, seed, time taken), so a run can reuse it. */
export const benchMetaFile = join(dataDir, 'bench.json')
/** A copy of the generated data that one run's server writes to. */
export const runFile = join(dataDir, 'run.db')
export const projectDir = join(benchDir, '..')
