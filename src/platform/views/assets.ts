// The styles and scripts every page links, served under fingerprinted names (the file's hash is in
// its name) so a browser keeps them for a year and asks again only when a release changes them, and
// compressed with Brotli and gzip once, on first request, rather than on every request (and not at
// start: best-quality Brotli of the GOV.UK styles takes a second, which every start would pay).
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { basename, extname } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'

export type AssetSource = { name: string; file: string }

export type Asset = {
  /** The fingerprinted address pages link to. */
  url: string
  type: string
  raw: Buffer
  brotli: () => Buffer
  gzip: () => Buffer
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
    brotli: once(() => brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })),
    gzip: once(() => gzipSync(body, { level: 9 })),
  }
}

function once(make: () => Buffer): () => Buffer {
  let made: Buffer | undefined
  return () => (made ??= make())
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

function send(asset: Asset, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const encoding = acceptedEncoding(request)
  reply.header('content-type', asset.type).header('cache-control', ONE_YEAR).header('vary', 'accept-encoding')
  if (encoding) reply.header('content-encoding', encoding)
  return reply.send(encoding === 'br' ? asset.brotli() : encoding === 'gzip' ? asset.gzip() : asset.raw)
}

/** One route per asset at its fingerprinted address; `/assets/` is public to the guard. */
export function serveAssets(app: FastifyInstance, assets: Map<string, Asset>): void {
  for (const asset of assets.values()) {
    app.get(asset.url, { schema: { hide: true } }, (request, reply) => send(asset, request, reply))
  }
}
