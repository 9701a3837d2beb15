// `frontdoor export open-data DIR [--council SLUG]`: writes the council's open-data files (CSV, JSON,
// table schemas) and datapackage.json into DIR, the same files /open-data serves.
import { exportFolderProblem, exportOpenData } from '../features/open-data/service.ts'
import { chooseCouncil, withDatabase } from './context.ts'
import { action, readArgs, refuse } from './args.ts'
import { out, UsageError } from './output.ts'

const USAGE = 'usage: frontdoor export open-data DIR [--council SLUG]'

export async function exportCommand(args: string[]): Promise<void> {
  const [, rest] = action(args, ['open-data'], USAGE)
  const { values, words } = readArgs(rest, { usage: USAGE, flags: { council: { type: 'string' } }, words: 1 })
  const [dir] = words
  if (dir === undefined || dir.trim() === '') throw refuse('DIR is required', USAGE)
  const report = await withDatabase(async (database) => {
    const council = await chooseCouncil(database, values.council)
    const problem = exportFolderProblem(dir)
    if (problem) throw new UsageError(problem)
    return exportOpenData(database, council, dir)
  })
  out.line(`Open data written to ${dir}: ${report.files.join(', ')}`)
}
