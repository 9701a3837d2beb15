// `frontdoor metrics rebuild [--council SLUG]`: rebuilds the figures' daily rollups from the
// records, one transaction per council, for every council unless one is named.
import { everyCouncil, rebuildCouncilRollups } from '../features/metrics/service.ts'
import { chooseCouncil, withDatabase } from './context.ts'
import { action, readArgs } from './args.ts'
import { out } from './output.ts'

const USAGE = 'usage: frontdoor metrics rebuild [--council SLUG]'

export async function metricsCommand(args: string[]): Promise<void> {
  const [, rest] = action(args, ['rebuild'], USAGE)
  const { values } = readArgs(rest, { usage: USAGE, flags: { council: { type: 'string' } } })
  await withDatabase(async (database) => {
    const councils =
      values.council === undefined ? await everyCouncil(database.db) : [await chooseCouncil(database, values.council)]
    for (const council of councils) {
      const report = await rebuildCouncilRollups(database, council.id)
      out.line(
        `Rollups of ${council.name} rebuilt from ${report.contacts} contacts, ${report.cases} cases, ${report.calls} calls, ${report.responses} survey responses and ${report.forms} online forms.`,
      )
    }
  })
}
