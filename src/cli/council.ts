// `frontdoor council create --slug SLUG --name NAME --host HOSTNAME [--host H2]`: how a real
// deployment (no demo) gets its council, before `frontdoor staff create` makes its first administrator.
import { createCouncil, hostnameProblem, slugProblem } from '../platform/council/council.ts'
import { action, readArgs, refuse, required } from './args.ts'
import { withDatabase } from './context.ts'
import { out, UsageError } from './output.ts'

const USAGE = 'usage: frontdoor council create --slug SLUG --name NAME --host HOSTNAME [--host HOSTNAME2]'

function hostsFlag(values: string[] | undefined): string[] {
  const hosts = (values ?? []).map((host) => host.trim())
  if (hosts.length === 0)
    throw refuse(
      '--host is required: the host name people reach this council at, such as contact.exampleton.gov.uk',
      USAGE,
    )
  for (const host of hosts) {
    const problem = hostnameProblem(host)
    if (problem) throw refuse(`--host ${problem}`, USAGE)
  }
  return hosts
}

async function create(args: string[]): Promise<void> {
  const { values } = readArgs(args, {
    usage: USAGE,
    flags: { slug: { type: 'string' }, name: { type: 'string' }, host: { type: 'string', multiple: true } },
  })
  const slug = required(values.slug, 'slug', USAGE)
  const slugError = slugProblem(slug)
  if (slugError) throw refuse(`--slug ${slugError}`, USAGE)
  const name = required(values.name, 'name', USAGE)
  const hostnames = hostsFlag(values.host)
  await withDatabase(async (database) => {
    const created = await createCouncil(database, { kind: 'system', id: null, label: 'cli' }, { slug, name, hostnames })
    if (!created.ok && created.reason === 'slug_taken')
      throw new UsageError(`there is already a council with slug "${slug}"`)
    if (!created.ok) throw new UsageError(`host name ${created.host} already belongs to council "${created.takenBy}"`)
    const { council } = created
    out.line(`Created council "${council.slug}": ${council.name}, answering at ${council.hostnames.join(', ')}.`)
    out.line(
      `Next, create its first administrator: npx frontdoor staff create --council ${council.slug} --email EMAIL --name "NAME" --role admin`,
    )
  })
}

export async function councilCommand(args: string[]): Promise<void> {
  const [, rest] = action(args, ['create'], USAGE)
  return create(rest)
}
