// `frontdoor catalogue import FILE [--council SLUG]`: a council's teams, partner organisations and
// services from one YAML or JSON file (docs/catalogue.md). The whole file is checked first; with
// any problem nothing is written and every problem is named by its place in the file (exit 2).
import { readFile } from 'node:fs/promises'
import { parseDocument } from 'yaml'
import type { Actor } from '../platform/audit/audit.ts'
import { importCatalogue } from '../features/catalogue/service.ts'
import type { CatalogueImportReport } from '../features/catalogue/service.ts'
import { flags } from './args.ts'
import { chooseCouncil, withDatabase } from './context.ts'
import { out, UsageError } from './output.ts'

const USAGE = 'usage: frontdoor catalogue import FILE.yaml [--council SLUG]'

const cliActor = (councilId: number): Actor => ({ kind: 'system', id: null, label: 'cli', councilId })

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
  const { values, positionals } = flags(args, { council: { type: 'string' } })
  const [file, ...extra] = positionals
  if (file === undefined || extra.length > 0) throw new UsageError(USAGE)
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
  const [action, ...rest] = args
  if (action === 'import') return importCommand(rest)
  throw new UsageError(USAGE)
}
