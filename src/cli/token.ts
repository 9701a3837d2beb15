// `frontdoor token create|list|revoke`: API tokens for a council. A new token is printed alone on
// its last line, once: it is stored hashed and cannot be shown again. Creating and revoking are audited.
import { issueApiToken, listApiTokens, revokeApiToken } from '../platform/auth/tokens.ts'
import { API_TOKEN_ROLES, OPEN311_CHANNELS } from '../platform/db/values.ts'
import type { ApiTokenRole, Open311Channel } from '../platform/db/values.ts'
import { action, readArgs, refuse, required } from './args.ts'
import { chooseCouncil, cliActor, withDatabase } from './context.ts'
import { out, UsageError } from './output.ts'

const CREATE = 'usage: frontdoor token create --role ROLE --name NAME [--channel web|partner] [--council SLUG]'
const LIST = 'usage: frontdoor token list [--council SLUG]'
const REVOKE = 'usage: frontdoor token revoke --id ID [--council SLUG]'
const USAGE = `${CREATE} | token list [--council SLUG] | token revoke --id ID [--council SLUG]`

/** Only an Open311 key has a channel: the one its requests arrive on. */
function channelOf(role: string, value: string | undefined): Open311Channel | undefined {
  if (value === undefined) return undefined
  if (role !== 'open311') throw refuse('--channel is only for --role open311', CREATE)
  if (!(OPEN311_CHANNELS as readonly string[]).includes(value))
    throw refuse(`--channel must be one of ${OPEN311_CHANNELS.join(', ')}`, CREATE)
  return value as Open311Channel
}

async function create(args: string[]): Promise<void> {
  const { values } = readArgs(args, {
    usage: CREATE,
    flags: {
      role: { type: 'string' },
      name: { type: 'string' },
      channel: { type: 'string' },
      council: { type: 'string' },
    },
  })
  const role = required(values.role, 'role', CREATE)
  if (!(API_TOKEN_ROLES as readonly string[]).includes(role))
    throw refuse(`--role must be one of ${API_TOKEN_ROLES.join(', ')}`, CREATE)
  const name = required(values.name, 'name', CREATE)
  const channel = channelOf(role, values.channel)
  await withDatabase(async (database) => {
    const council = await chooseCouncil(database, values.council)
    const { id, token } = await issueApiToken(database, cliActor(council.id), {
      councilId: council.id,
      role: role as ApiTokenRole,
      name,
      channel,
    })
    const arrives = role === 'open311' ? `, its requests arriving on the ${channel ?? 'web'} channel` : ''
    out.line(
      `Token ${id} "${name}" for ${council.name} with role ${role}${arrives}. It is shown once and stored only as a hash:`,
    )
    out.line(token)
  })
}

async function list(args: string[]): Promise<void> {
  const { values } = readArgs(args, { usage: LIST, flags: { council: { type: 'string' } } })
  await withDatabase(async (database) => {
    const council = await chooseCouncil(database, values.council)
    const tokens = await listApiTokens(database, council.id)
    if (tokens.length === 0) return out.line(`${council.name} has no API tokens.`)
    out.line(`API tokens of ${council.name}:`)
    for (const token of tokens) {
      const state = token.revokedAt === null ? 'live' : `revoked ${token.revokedAt}`
      const channel = token.channel === null ? '' : ` [${token.channel}]`
      out.line(
        `  ${String(token.id).padStart(4)}  ${token.role.padEnd(12)} ${token.name}${channel}  (created ${token.createdAt}, ${state})`,
      )
    }
  })
}

function tokenId(value: string | undefined): number {
  const id = required(value, 'id', REVOKE)
  if (!/^[1-9]\d{0,15}$/.test(id))
    throw refuse(`--id "${id}" is not a token number from \`frontdoor token list\``, REVOKE)
  return Number(id)
}

async function revoke(args: string[]): Promise<void> {
  const { values } = readArgs(args, { usage: REVOKE, flags: { id: { type: 'string' }, council: { type: 'string' } } })
  const id = tokenId(values.id)
  await withDatabase(async (database) => {
    const council = await chooseCouncil(database, values.council)
    if (!(await revokeApiToken(database, cliActor(council.id), council.id, id)))
      throw new UsageError(`${council.name} has no live token ${id}: see \`frontdoor token list\``)
    out.line(`Revoked token ${id} of ${council.name}: it is refused from now on.`)
  })
}

export async function tokenCommand(args: string[]): Promise<void> {
  const [name, rest] = action(args, ['create', 'list', 'revoke'], USAGE)
  if (name === 'create') return create(rest)
  if (name === 'list') return list(rest)
  return revoke(rest)
}
