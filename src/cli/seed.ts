// `frontdoor seed --demo`: the demo council, with its credentials printed once.
import { hasAnyCouncil, seedDemoCouncil } from '../features/demo/service.ts'
import type { DemoCredentials } from '../features/demo/service.ts'
import { readArgs } from './args.ts'
import { withDatabase } from './context.ts'
import { out, UsageError } from './output.ts'

const USAGE = 'usage: frontdoor seed --demo [--force]'

export function printDemoCredentials(credentials: DemoCredentials, publicUrl: string): void {
  out.line('')
  out.line(`Demo council "${credentials.councilSlug}" is ready. These demo credentials are shown once:`)
  out.line('')
  out.line(`Staff sign in at ${publicUrl}/staff/sign-in (email / password). The first time, each sets up an`)
  out.line('authenticator app on their phone from a QR code and is given ten recovery codes:')
  for (const staff of credentials.staff) out.line(`  ${staff.role.padEnd(12)} ${staff.email}  ${staff.password}`)
  out.line('')
  out.line('API tokens (send as "Authorization: Bearer TOKEN"):')
  for (const token of credentials.tokens) out.line(`  ${token.role.padEnd(12)} ${token.token}`)
  out.line('')
}

export async function seedCommand(args: string[]): Promise<void> {
  const { values } = readArgs(args, { usage: USAGE, flags: { demo: { type: 'boolean' }, force: { type: 'boolean' } } })
  if (!values.demo) throw new UsageError(USAGE)
  await withDatabase(async (database, config) => {
    if ((await hasAnyCouncil(database)) && !values.force) {
      throw new UsageError('this database already has a council; use --force to add the demo council beside it')
    }
    // Up to now: a demo of old years alone would have nothing in the last 90 days or the last 12 months.
    printDemoCredentials(await seedDemoCouncil(database, { until: new Date() }), config.publicUrl)
  })
}
