// The yardstick: Fastify with one route and nothing else — no database, guard, logging or schema
// validation. The app's routes are measured as a share of what this serves on the same machine.
//   PORT=4001 node bench/bare-server.ts
import Fastify from 'fastify'

const app = Fastify({ logger: false })
app.get('/bare', async () => ({ ok: true }))

const port = Number(process.env.PORT ?? 4001)
await app.listen({ port, host: '127.0.0.1' })
process.stdout.write(`listening on ${port}\n`)
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)))
