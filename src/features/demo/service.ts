// The demo council's one public entry: what the CLI's seed and serve commands use to fill an empty
// database with a believable council.
export { hasAnyCouncil, seedDemoCouncil } from './seed.ts'
export type { DemoCredentials } from './seed.ts'
