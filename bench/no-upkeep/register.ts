// `node --import ./bench/no-upkeep/register.ts src/main.ts serve`: the app with the contact writes'
// rollup upkeep taken out, for `npm run bench -- metrics-writes` alone. The product has no switch for
// upkeep and gets none: the benchmark swaps the module the contacts feature reads it from.
import { register } from 'node:module'

register('./hooks.ts', import.meta.url)
