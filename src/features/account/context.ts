// What every e-account rule needs to know about the request it serves, without HTTP: the
// database, the council, where the site is reached (for links in emails) and who is asking.
import { councilOf } from '../../platform/council/plugin.ts'
import type { FastifyRequest } from 'fastify'
import type { Database } from '../../platform/db/database.ts'
import type { Config } from '../../config.ts'
import type { Actor } from '../../platform/audit/audit.ts'

export type AccountContext = {
  database: Database
  council: { id: number; name: string; phone?: string }
  publicUrl: string
  /** Signs the "send the link again" proof handed to a person whose email is not yet confirmed. */
  secret: string
  sourceAddress: string
  /** The language the page was read in: emails are written in it unless the resident's record names another. */
  language?: string
}

export function contextFor(
  request: FastifyRequest,
  database: Database,
  config: Pick<Config, 'publicUrl' | 'sessionSecret'>,
): AccountContext {
  const council = councilOf(request)
  return {
    database,
    council: { id: council.id, name: council.name, phone: council.settings.branding.phone },
    publicUrl: config.publicUrl,
    secret: config.sessionSecret,
    sourceAddress: request.ip,
    language: request.language,
  }
}

/** The account as the audit trail names it: its number, never the person's name or email. */
export function accountActor(ctx: AccountContext, accountId: number | null): Actor {
  return {
    kind: 'resident',
    id: accountId,
    label: accountId === null ? 'anonymous' : `account:${accountId}`,
    councilId: ctx.council.id,
    sourceAddress: ctx.sourceAddress,
  }
}
