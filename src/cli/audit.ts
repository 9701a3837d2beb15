// `frontdoor audit verify`: checks the audit trail's hash chain and names the first broken link.
import { verifyAuditChain } from '../platform/audit/audit.ts'
import { withDatabase } from './context.ts'
import { action, readArgs } from './args.ts'
import { out, UsageError } from './output.ts'

const USAGE = 'usage: frontdoor audit verify'

export async function auditCommand(args: string[]): Promise<void> {
  const [, rest] = action(args, ['verify'], USAGE)
  readArgs(rest, { usage: USAGE, flags: {} })
  const report = await withDatabase((database) => verifyAuditChain(database))
  if (report.firstBrokenId !== null) {
    throw new UsageError(
      `audit trail broken at event ${report.firstBrokenId}: ${report.reason} (${report.checked} events before it are intact)`,
    )
  }
  out.line(`Audit trail intact: ${report.checked} events checked.`)
}
