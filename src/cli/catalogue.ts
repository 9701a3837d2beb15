// `frontdoor catalogue import FILE [--council SLUG]`: a council's teams, partner organisations and
// services from one YAML or JSON file (docs/catalogue.md). The whole file is checked first; with
// any problem nothing is written and every problem is named by its place in the file (exit 2).
import { readFile } from 'node:fs/promises'
import { parseDocument } from 'yaml'
import { importCatalogue } from '../features/catalogue/service.ts'
import type { CatalogueImportReport } from '../features/catalogue/service.ts'
import { action, readArgs, refuse } from './args.ts'
import { chooseCouncil, cliActor, withDatabase } from './context.ts'
import { out, UsageError } from './output.ts'

const USAGE = 'usage: frontdoor catalogue import FILE.yaml [--council SLUG]'

/** YAML reads JSON too. A syntax error names its line; duplicate keys are an error, not a silent overwrite. */
async function readCatalogueFile(file: string): Promise<unknown> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`)
  }
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true })
  const [first] = document.errors
  if (first)
    throw new UsageError(`${file} is not valid YAML or JSON: ${first.message.split('\n')[0]?.replace(/:$/, '')}`)
  return document.toJS()
}

function counted(counts: { added: number; updated: number; unchanged: number }, one: string, many: string): string {
  const total = counts.added + counts.updated + counts.unchanged
  const unchanged = counts.unchanged > 0 ? `, ${counts.unchanged} unchanged` : ''
  return `${total} ${total === 1 ? one : many} (${counts.added} added, ${counts.updated} updated${unchanged})`
}

function printReport(report: CatalogueImportReport, file: string, councilName: string): void {
  out.line(`Imported the catalogue in ${file} into ${councilName}:`)
  out.line(`  ${counted(report.teams, 'team', 'teams')}`)
  out.line(`  ${counted(report.partner_organisations, 'partner organisation', 'partner organisations')}`)
  out.line(`  ${counted(report.services, 'service', 'services')}`)
}

async function importCommand(args: string[]): Promise<void> {
  const { values, words } = readArgs(args, { usage: USAGE, flags: { council: { type: 'string' } }, words: 1 })
  const [file] = words
  if (file === undefined) throw refuse('name the catalogue file to import', USAGE)
  const document = await readCatalogueFile(file)
  await withDatabase(async (database) => {
    const council = await chooseCouncil(database, values.council)
    const result = await importCatalogue(database, cliActor(council.id), council.id, document)
    if (!result.ok) {
      const problems = result.problems.map((p) => `${p.path} ${p.message}`).join('; ')
      const count = result.problems.length === 1 ? '1 problem' : `${result.problems.length} problems`
      throw new UsageError(`${file} has ${count}, so nothing was imported: ${problems}`)
    }
    printReport(result.report, file, council.name)
  })
}

export async function catalogueCommand(args: string[]): Promise<void> {
  const [, rest] = action(args, ['import'] as const, USAGE)
  return importCommand(rest)
}
