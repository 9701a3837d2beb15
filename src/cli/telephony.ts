// `frontdoor telephony secret [--council SLUG]`: a new shared secret for the council's telephony
// platform, printed alone on its last line, once. It replaces the one before, which stops working
// at once; it is kept sealed under a key from SESSION_SECRET. Making one is audited.
import { newPlatformSecret } from '../features/telephony/service.ts'
import { readArgs } from './args.ts'
import { chooseCouncil, cliActor, withDatabase } from './context.ts'
import { out, UsageError } from './output.ts'

const USAGE = 'usage: frontdoor telephony secret [--council SLUG]'

export async function telephonyCommand(args: string[]): Promise<void> {
  const { values, words } = readArgs(args, { usage: USAGE, flags: { council: { type: 'string' } }, words: 1 })
  if (words[0] !== 'secret') throw new UsageError(USAGE)
  await withDatabase(async (database, config) => {
    const council = await chooseCouncil(database, values.council)
    const secret = await newPlatformSecret(database, config.sessionSecret, cliActor(council.id), council.id)
    out.line(`Telephony secret for ${council.name}. It is shown once; any secret before it no longer works:`)
    out.line(secret)
  })
}
