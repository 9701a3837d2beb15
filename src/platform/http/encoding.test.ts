import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { encodeBody, preferredEncoding } from './encoding.ts'

describe('choosing a content encoding from Accept-Encoding', () => {
  it('prefers Brotli, then gzip, among those the client takes', () => {
    assert.equal(preferredEncoding('gzip, deflate, br, zstd'), 'br')
    assert.equal(preferredEncoding('gzip, deflate'), 'gzip')
    assert.equal(preferredEncoding('GZIP'), 'gzip')
  })

  it('follows the client’s weights, and q=0 refuses an encoding', () => {
    assert.equal(preferredEncoding('br;q=0.5, gzip;q=0.9'), 'gzip')
    assert.equal(preferredEncoding('br;q=0, gzip'), 'gzip')
    assert.equal(preferredEncoding('br;q=0, gzip;q=0'), undefined)
    assert.equal(preferredEncoding('gzip;q=nonsense'), undefined)
  })

  it('takes "*" for any encoding the client does not name', () => {
    assert.equal(preferredEncoding('*'), 'br')
    assert.equal(preferredEncoding('br;q=0, *;q=0.5'), 'gzip')
    assert.equal(preferredEncoding('*;q=0'), undefined)
  })

  it('sends no encoding when none is asked for or none is known', () => {
    assert.equal(preferredEncoding(undefined), undefined)
    assert.equal(preferredEncoding(''), undefined)
    assert.equal(preferredEncoding('identity'), undefined)
    assert.equal(preferredEncoding('deflate, zstd'), undefined)
  })

  it('compresses a body so that it decompresses to the same bytes, and smaller', () => {
    const body = Buffer.from(JSON.stringify(Array.from({ length: 50 }, (_, i) => ({ service_code: `code-${i}` }))))
    const br = encodeBody(body, 'br')
    const gzip = encodeBody(body, 'gzip')
    assert.deepEqual(brotliDecompressSync(br), body)
    assert.deepEqual(gunzipSync(gzip), body)
    assert.ok(br.length < body.length / 3 && gzip.length < body.length / 3)
  })
})
