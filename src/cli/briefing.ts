// `frontdoor briefing --from YYYY-MM-DD --to YYYY-MM-DD --out note.pdf [--council SLUG]`: the
// committee briefing note for a period (both days counted) as a PDF, the same as the dashboard's.
import { writeFile } from 'node:fs/promises'
import { briefingPdf, dashboardFor, londonToday, readPeriod } from '../features/dashboards/service.ts'
import { chooseCouncil, withDatabase } from './context.ts'
import { readArgs, refuse } from './args.ts'
import { out } from './output.ts'

const USAGE = 'usage: frontdoor briefing --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.pdf [--council SLUG]'

export async function briefingCommand(args: string[]): Promise<void> {
  const { values } = readArgs(args, {
    usage: USAGE,
    flags: { from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' }, council: { type: 'string' } },
  })
  if (values.from === undefined || values.to === undefined) throw refuse('--from and --to are required', USAGE)
  if (values.out === undefined) throw refuse('--out is required', USAGE)
  const asked = readPeriod({ from: values.from, to: values.to }, londonToday())
  if (!asked.range) throw refuse(asked.errors.map((e) => e.message).join('; '), USAGE)
  const range = asked.range
  const file = values.out
  await withDatabase(async (database) => {
    const council = await chooseCouncil(database, values.council)
    const dashboard = await dashboardFor(database.db, council.id, range)
    await writeFile(file, await briefingPdf(dashboard, council.name))
    out.line(`Briefing note for ${council.name}, ${dashboard.described.current}, written to ${file}.`)
  })
}
