// One measurement: autocannon against a URL for a fixed time, every response's latency kept so
// the 95th percentile is exact rather than read off autocannon's coarser buckets.
import autocannon from 'autocannon'
import type { Request } from 'autocannon'

export type LoadOptions = {
  url: string
  connections: number
  seconds: number
  headers?: Record<string, string>
  method?: 'GET' | 'POST'
  /** Called before each request: its path (and body), so requests vary over the data. */
  next: () => { path: string; body?: string }
}

export type LoadResult = {
  requestsPerSecond: number
  requests: number
  p50: number
  p95: number
  p99: number
  /** Responses outside 2xx and socket errors: any at all means the measurement is not valid. */
  failures: number
}

function percentile(sorted: Float64Array, share: number): number {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] as number
}

export async function load(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = []
  let instance: autocannon.Instance | undefined
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.seconds,
        headers: options.headers,
        requests: [
          {
            method: options.method ?? 'GET',
            setupRequest: (request: Request) => {
              const { path, body } = options.next()
              return { ...request, path, ...(body === undefined ? {} : { body }) }
            },
          },
        ],
      },
      (error, result) => (error ? reject(error as Error) : resolve(result)),
    )
  })
  instance?.on('response', (_client, _status, _bytes, responseTime) => {
    latencies.push(responseTime)
  })
  const result = await done
  const sorted = Float64Array.from(latencies).sort()
  return {
    requestsPerSecond: result.requests.total / options.seconds,
    requests: result.requests.total,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    failures: result.non2xx + result.errors + result.timeouts,
  }
}
