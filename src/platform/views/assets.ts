// The styles and scripts every page links, served under fingerprinted names (the file's hash is in
// its name) so a browser keeps them for a year and asks again only when a release changes them, and
// compressed with Brotli and gzip once, on first request, rather than on every request (and not at
// start: best-quality Brotli of the GOV.UK styles takes a second, which every start would pay).
// The compressing runs on libuv's worker threads: done on the event loop, that second stalled
// every other request the server had in hand when the first page after a start was asked for.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { basename, extname } from 'node:path'
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'

export type AssetSource = { name: string; file: string }

export type Asset = {
  /** The fingerprinted address pages link to. */
  url: string
  type: string
  raw: Buffer
  brotli: () => Promise<Buffer>
  gzip: () => Promise<Buffer>
}

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
}
const ONE_YEAR = 'public, max-age=31536000, immutable'

function fingerprinted(name: string, body: Buffer): string {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12)
  const extension = extname(name)
  const folder = name.slice(0, name.length - basename(name).length)
  return `/assets/${folder}${basename(name, extension)}.${hash}${extension}`
}

function prepare(name: string, body: Buffer): Asset {
  return {
    url: fingerprinted(name, body),
    type: TYPES[extname(name)] ?? 'application/octet-stream',
    raw: body,
    brotli: once(() => brotliAsync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })),
    gzip: once(() => gzipAsync(body, { level: 9 })),
  }
}

const brotliAsync = promisify(brotliCompress)
const gzipAsync = promisify(gzip)

/** The first call's promise, given to every call: a second request while the first compresses waits for it. */
function once(make: () => Promise<Buffer>): () => Promise<Buffer> {
  let made: Promise<Buffer> | undefined
  // A failure is not kept: the next request tries again.
  const attempt = () =>
    make().catch((error: unknown) => {
      made = undefined
      throw error
    })
  return () => (made ??= attempt())
}

/**
 * Reads and fingerprints the assets in order. A later file may name an earlier one by its plain
 * address (`/assets/govuk/govuk-frontend.min.js` in init.js); that address is rewritten to the
 * fingerprinted one first, so a module is never fetched twice under two names.
 */
export function prepareAssets(sources: AssetSource[]): Map<string, Asset> {
  const assets = new Map<string, Asset>()
  for (const { name, file } of sources) {
    let body = readFileSync(file)
    if (extname(name) === '.js') {
      let text = body.toString('utf8')
      for (const [earlier, asset] of assets) text = text.replaceAll(`/assets/${earlier}`, asset.url)
      body = Buffer.from(text, 'utf8')
    }
    assets.set(name, prepare(name, body))
  }
  return assets
}

function acceptedEncoding(request: FastifyRequest): 'br' | 'gzip' | null {
  const accepted = String(request.headers['accept-encoding'] ?? '')
  if (/\bbr\b/.test(accepted)) return 'br'
  if (/\bgzip\b/.test(accepted)) return 'gzip'
  return null
}

async function send(asset: Asset, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const encoding = acceptedEncoding(request)
  const body = encoding === 'br' ? await asset.brotli() : encoding === 'gzip' ? await asset.gzip() : asset.raw
  reply.header('content-type', asset.type).header('cache-control', ONE_YEAR).header('vary', 'accept-encoding')
  if (encoding) reply.header('content-encoding', encoding)
  return reply.send(body)
}

/** One route per asset at its fingerprinted address; `/assets/` is public to the guard. */
export function serveAssets(app: FastifyInstance, assets: Map<string, Asset>): void {
  for (const asset of assets.values()) {
    app.get(asset.url, { schema: { hide: true } }, (request, reply) => send(asset, request, reply))
  }
}
