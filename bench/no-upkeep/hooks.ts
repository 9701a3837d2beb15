// Module resolution hook: the contacts feature's import of the metrics service resolves to a copy
// whose rollupContacts does nothing; every other module gets the real one.
type Resolved = { url: string; shortCircuit?: boolean }
type Context = { parentURL?: string }
type Next = (specifier: string, context: Context) => Promise<Resolved>

const METRICS = '/metrics/service.ts'
const WITHOUT_UPKEEP = new URL('./metrics-service.ts', import.meta.url).href

export async function resolve(specifier: string, context: Context, next: Next): Promise<Resolved> {
  if (specifier.endsWith(METRICS) && context.parentURL?.includes('/src/features/contacts/'))
    return { url: WITHOUT_UPKEEP, shortCircuit: true }
  return next(specifier, context)
}
