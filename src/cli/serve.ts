// `frontdoor serve` (what `npm start` runs): migrate, seed the demo council on an empty database,
// then listen. Stops cleanly on SIGINT/SIGTERM so in-flight requests finish.
import { loadConfig } from '../config.ts'
import { buildApp } from '../app.ts'
import { openDatabase } from '../platform/db/database.ts'
import { migrateToLatest } from '../platform/db/migrate.ts'
import { hasAnyCouncil, seedDemoCouncil } from '../features/demo/service.ts'
import { printDemoCredentials } from './seed.ts'
import { out } from './output.ts'
import { mailerFor, outboxFolder } from '../platform/notify/mailers.ts'
import { startDeliveryWorker } from '../platform/notify/deliver.ts'
import { startHousekeeping } from '../platform/auth/housekeeping.ts'

/** How often queued email is sent: a verification link should arrive while the person waits. */
const OUTBOX_EVERY_MS = 5_000
/** Expired sessions, closed rate-limit windows and old email links are cleared this often. */
const HOUSEKEEPING_EVERY_MS = 10 * 60_000

export async function serveCommand(): Promise<void> {
  const config = loadConfig()
  const database = openDatabase(config.database)
  await migrateToLatest(database)
  if (config.seedDemoOnEmpty && !(await hasAnyCouncil(database))) {
    out.line('Empty database: seeding the demo council (first start only)…')
    printDemoCredentials(await seedDemoCouncil(database), config.publicUrl)
  }
  const app = await buildApp({ config, database })
  const outbox = startDeliveryWorker(database, mailerFor(config), {
    from: config.mailFrom,
    everyMs: OUTBOX_EVERY_MS,
    log: app.log,
  })
  const housekeeping = startHousekeeping(database.db, HOUSEKEEPING_EVERY_MS, (error) =>
    app.log.error({ err: error }, 'sign-in housekeeping failed'),
  )
  const stop = async () => {
    await housekeeping.stop()
    await outbox.stop()
    await app.close()
    await database.close()
    process.exit(0)
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  await app.listen({ port: config.port, host: config.host })
  const where = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host
  out.line(
    `Frontdoor is running at http://${where}:${config.port} (${database.engine}${config.database.engine === 'sqlite' ? ': ' + config.database.file : ''})`,
  )
  out.line(`API documentation: http://${where}:${config.port}/api/docs`)
  out.line(`Staff sign-in: ${config.publicUrl}/staff/sign-in`)
  out.line(
    `Residents create an account at ${config.publicUrl}/account/create and sign in at ${config.publicUrl}/account/sign-in`,
  )
  if (!config.smtpUrl) out.line(`No SMTP_URL set: emails are written as .eml files to ${outboxFolder(config)}`)
  // Those files hold residents' addresses and sign-in links: fine for a demo, not for a council.
  if (!config.smtpUrl && config.env === 'production')
    out.error('warning: set SMTP_URL in production; until then every email is kept as a file on this server')
}
