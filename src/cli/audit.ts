// `frontdoor audit verify`: checks the audit trail's hash chain and names the first broken link.
import { verifyAuditChain } from '../platform/audit/audit.ts'
import { withDatabase } from './context.ts'
import { out, UsageError } from './output.ts'

export async function auditCommand(args: string[]): Promise<void> {
  if (args[0] !== 'verify') throw new UsageError('usage: frontdoor audit verify')
  const report = await withDatabase((database) => verifyAuditChain(database))
  if (report.firstBrokenId !== null) {
    throw new UsageError(
      `audit trail broken at event ${report.firstBrokenId}: ${report.reason} (${report.checked} events before it are intact)`,
    )
  }
  out.line(`Audit trail intact: ${report.checked} events checked.`)
}
