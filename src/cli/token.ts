// `frontdoor token create --role ROLE --name NAME [--council SLUG]`: prints the token alone on its
// last line, once. It is stored hashed and cannot be shown again.
import { createApiToken } from '../platform/auth/tokens.ts'
import { ROLES } from '../platform/db/values.ts'
import type { Role } from '../platform/db/values.ts'
import { flags, required } from './args.ts'
import { chooseCouncil, withDatabase } from './context.ts'
import { out, UsageError } from './output.ts'

export async function tokenCommand(args: string[]): Promise<void> {
  const [action, ...rest] = args
  if (action !== 'create')
    throw new UsageError('usage: frontdoor token create --role ROLE --name NAME [--council SLUG]')
  const { values } = flags(rest, { role: { type: 'string' }, name: { type: 'string' }, council: { type: 'string' } })
  const role = required(values.role, 'role')
  if (!(ROLES as readonly string[]).includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`)
  const name = required(values.name, 'name')
  await withDatabase(async (database) => {
    const council = await chooseCouncil(database, values.council)
    const { token } = await createApiToken(database, council.id, role as Role, name)
    out.line(`Token "${name}" for ${council.name} with role ${role}. It is shown once and stored only as a hash:`)
    out.line(token)
  })
}
