// `frontdoor serve [--port PORT] [--host HOST]` (what `npm start` runs): migrate, seed the demo
// council on an empty database, then listen. SIGINT or SIGTERM stops it within seconds: requests in
// flight finish, then the workers and the database close.
import { loadConfig } from '../config.ts'
import type { Config } from '../config.ts'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../app.ts'
import { hasAnyCouncil, seedDemoCouncil } from '../features/demo/service.ts'
import { printDemoCredentials } from './seed.ts'
import { readArgs, refuse } from './args.ts'
import { openMigrated } from './context.ts'
import { out } from './output.ts'
import { outboxFolder } from '../platform/notify/mailers.ts'
import { sendersFor } from '../platform/notify/channels.ts'
import { startDeliveryWorker } from '../platform/notify/deliver.ts'
import { startHousekeeping } from '../platform/auth/housekeeping.ts'

const USAGE = 'usage: frontdoor serve [--port PORT] [--host HOST]'
/** How often queued email is sent: a verification link should arrive while the person waits. */
const OUTBOX_EVERY_MS = 5_000
/** Expired sessions, closed rate-limit windows and old email links are cleared this often. */
const HOUSEKEEPING_EVERY_MS = 10 * 60_000
/** How often a server started by `npm start` looks for npm, which may have gone without a word. */
const PARENT_CHECK_MS = 500
/** How often a stopping server closes connections that have fallen idle. */
const IDLE_SWEEP_MS = 100
/** A request still running this long after a stop signal is cut off: a stop must not hang a deploy. */
const STOP_WITHIN_MS = 10_000

/** The flags win over PORT and HOST, and go through the same checks. */
function serveConfig(args: string[]): Config {
  const { values } = readArgs(args, { usage: USAGE, flags: { port: { type: 'string' }, host: { type: 'string' } } })
  const port = values.port?.trim()
  if (port !== undefined && !(/^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65535))
    throw refuse(`--port "${port}" is not a port number from 1 to 65535`, USAGE)
  const host = values.host?.trim()
  if (host !== undefined && (host === '' || /[\s/]/.test(host)))
    throw refuse(`--host "${host}" is not an address to listen on, such as 127.0.0.1 or 0.0.0.0`, USAGE)
  return loadConfig({ ...process.env, ...(port && { PORT: port }), ...(host && { HOST: host }) })
}

type Closer = () => Promise<void>

/**
 * Stops taking requests and waits for those in flight. A kept-alive connection that falls idle
 * once its answer is sent would otherwise hold the server open for the keep-alive timeout (72 s).
 */
async function closeServer(app: FastifyInstance): Promise<void> {
  const sweep = setInterval(() => app.server.closeIdleConnections(), IDLE_SWEEP_MS)
  try {
    await app.close()
  } finally {
    clearInterval(sweep)
  }
}

/**
 * Stops on the first SIGINT or SIGTERM, closing what was started newest first (so the server stops
 * taking requests before the database goes); a second signal, or a stop that overruns, exits at once.
 */
function stopOnSignal(closers: Closer[]): void {
  let stopping = false
  const onSignal = (signal: string) => {
    if (stopping) process.exit(1)
    stopping = true
    out.line(`${signal}: finishing requests in flight, then stopping.`)
    setTimeout(() => {
      out.error(`still stopping after ${STOP_WITHIN_MS / 1000} s: stopped without waiting any longer`)
      process.exit(1)
    }, STOP_WITHIN_MS).unref()
    const closeAll = async () => {
      for (const close of [...closers].reverse()) await close()
    }
    closeAll().then(
      () => process.exit(0),
      (error: unknown) => {
        out.error(`failed while stopping: ${error instanceof Error ? error.message : String(error)}`)
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  stopWhenNpmStops(onSignal)
}

/**
 * `npm start` does not pass SIGTERM on to the server it runs: npm exits and would leave the server
 * listening under init. A server that npm started stops, as if signalled, once npm has gone.
 */
function stopWhenNpmStops(stop: (reason: string) => void): void {
  if (process.env.npm_lifecycle_event === undefined) return
  const npm = process.ppid
  setInterval(() => {
    if (process.ppid !== npm) stop('npm stopped')
  }, PARENT_CHECK_MS).unref()
}

function printWhere(config: Config, engine: string): void {
  const where = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host
  const file = config.database.engine === 'sqlite' ? ': ' + config.database.file : ''
  out.line(`Frontdoor is running at http://${where}:${config.port} (${engine}${file})`)
  out.line(`API documentation: http://${where}:${config.port}/api/docs`)
  out.line(`Staff sign-in: ${config.publicUrl}/staff/sign-in`)
  out.line(
    `Residents create an account at ${config.publicUrl}/account/create and sign in at ${config.publicUrl}/account/sign-in`,
  )
  if (config.notify) out.line('Email and text messages go through GOV.UK Notify')
  else if (!config.smtpUrl) out.line(`No SMTP_URL set: emails are written as .eml files to ${outboxFolder(config)}`)
  if (!config.notify) out.line('No NOTIFY_API_KEY set: text messages wait, and show as failed on /staff/messages')
  // Those files hold residents' addresses and sign-in links: fine for a demo, not for a council.
  if (!config.smtpUrl && !config.notify && config.env === 'production')
    out.error('warning: set SMTP_URL in production; until then every email is kept as a file on this server')
}

export async function serveCommand(args: string[]): Promise<void> {
  const config = serveConfig(args)
  const closers: Closer[] = []
  stopOnSignal(closers)
  const { database } = await openMigrated(config)
  closers.push(() => database.close())
  if (config.seedDemoOnEmpty && !(await hasAnyCouncil(database))) {
    out.line('Empty database: seeding the demo council (first start only)…')
    // Up to now: a demo of old years alone would have nothing in the last 90 days or the last 12 months.
    printDemoCredentials(await seedDemoCouncil(database, { until: new Date() }), config.publicUrl)
  }
  const app = await buildApp({ config, database })
  const outbox = startDeliveryWorker(database, sendersFor(config, database), {
    from: config.mailFrom,
    publicUrl: config.publicUrl,
    everyMs: OUTBOX_EVERY_MS,
    log: app.log,
  })
  closers.push(() => outbox.stop())
  const housekeeping = startHousekeeping(database.db, HOUSEKEEPING_EVERY_MS, (error) =>
    app.log.error({ err: error }, 'sign-in housekeeping failed'),
  )
  closers.push(() => housekeeping.stop())
  closers.push(() => closeServer(app))
  await app.listen({ port: config.port, host: config.host })
  printWhere(config, database.engine)
}
