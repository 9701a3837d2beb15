#!/usr/bin/env node
// CLI entry: frontdoor serve | migrate | seed --demo | council create | token create|list|revoke | staff create|disable | import | catalogue import | audit verify | export open-data | metrics rebuild.
import { ConfigError } from './config.ts'
import { HelpAsked, out, UsageError } from './cli/output.ts'

const USAGE = `usage: frontdoor <command>

  serve [--port PORT] [--host HOST]          start the web server (npm start)
  migrate                                    bring the database schema up to date
  seed --demo                                create the demo council
  council create --slug S --name N --host H  create a council (a real deployment's first step)
  token create --role ROLE --name NAME       create an API token (printed once)
  token list                                 list a council's API tokens, live and revoked
  token revoke --id ID                       stop an API token at once
  staff create --email E --name N --role R   create a staff account; prints a one-time password
  staff disable --email E                    disable a staff account and end its sessions
  import residents|contacts|cases|calls|addresses FILE.csv
                                             import records (or the address gazetteer) from a CSV file
  telephony secret [--council SLUG]          make the telephony platform's shared secret (printed once)
  catalogue import FILE.yaml                 import teams, partner organisations and services
  audit verify                               check the audit trail's hash chain
  export open-data DIR [--council SLUG]      write the open-data files and datapackage.json to DIR
  metrics rebuild [--council SLUG]           rebuild the figures' daily rollups from the records
  briefing --from D --to D --out FILE.pdf    write a committee briefing note for a period as PDF`

const COMMANDS: Record<string, (args: string[]) => Promise<void>> = {
  serve: async (args) => (await import('./cli/serve.ts')).serveCommand(args),
  migrate: async (args) => (await import('./cli/migrate.ts')).migrateCommand(args),
  seed: async (args) => (await import('./cli/seed.ts')).seedCommand(args),
  council: async (args) => (await import('./cli/council.ts')).councilCommand(args),
  token: async (args) => (await import('./cli/token.ts')).tokenCommand(args),
  staff: async (args) => (await import('./cli/staff.ts')).staffCommand(args),
  import: async (args) => (await import('./cli/import.ts')).importCommand(args),
  catalogue: async (args) => (await import('./cli/catalogue.ts')).catalogueCommand(args),
  audit: async (args) => (await import('./cli/audit.ts')).auditCommand(args),
  export: async (args) => (await import('./cli/export.ts')).exportCommand(args),
  metrics: async (args) => (await import('./cli/metrics.ts')).metricsCommand(args),
  telephony: async (args) => (await import('./cli/telephony.ts')).telephonyCommand(args),
  briefing: async (args) => (await import('./cli/briefing.ts')).briefingCommand(args),
}

async function main(argv: string[]): Promise<void> {
  const [name, ...args] = argv
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    out.line(USAGE)
    return
  }
  const command = COMMANDS[name]
  if (!command) throw new UsageError(`unknown command "${name}"\n${USAGE}`)
  await command(args)
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof HelpAsked) {
    out.line(error.usage)
    return
  }
  if (error instanceof UsageError || error instanceof ConfigError) {
    out.error(error.message)
    process.exit(2)
  }
  out.error(`failed: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
