// What a resident's phone downloads for the home page: compressed, cached for a year under names
// that change with their content, and without the staff desk's styles.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { testApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { addStaff, sessionCookie } from '../../../test/support/accounts.ts'
import { prepareAssets } from './assets.ts'

const BUDGET_BYTES = 150 * 1024

let subject: TestApp
before(async () => {
  subject = await testApp('sqlite')
})
after(() => subject.close())

function linkedAssets(html: string): string[] {
  const links = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((match) => match[1]!)
  const scripts = [...html.matchAll(/<script[^>]* src="([^"]+)"/g)].map((match) => match[1]!)
  return [...links, ...scripts]
}

test('the home page with its styles and scripts weighs under 150 KB compressed, each asset cached for a year', async () => {
  const page = await subject.app.inject({ url: '/', headers: { 'accept-encoding': 'br, gzip' } })
  assert.equal(page.statusCode, 200)
  assert.equal(page.headers['content-encoding'], 'br')
  let total = page.rawPayload.length
  const assets = linkedAssets((await subject.app.inject({ url: '/' })).body)
  assert.ok(assets.length >= 3, `the page links its styles and script: ${assets.join(', ')}`)
  for (const url of assets) {
    const asset = await subject.app.inject({ url, headers: { 'accept-encoding': 'br, gzip' } })
    assert.equal(asset.statusCode, 200, url)
    assert.equal(asset.headers['content-encoding'], 'br', url)
    assert.equal(asset.headers['cache-control'], 'public, max-age=31536000, immutable', url)
    assert.match(url, /\.[0-9a-f]{12}\.(css|js)$/, `${url} carries its fingerprint`)
    total += asset.rawPayload.length
  }
  assert.ok(total < BUDGET_BYTES, `home page and assets weigh ${total} bytes compressed`)
})

test('a browser that takes only gzip, or nothing, still gets every asset', async () => {
  const page = await subject.app.inject({ url: '/' })
  const [css] = linkedAssets(page.body)
  const gzip = await subject.app.inject({ url: css!, headers: { 'accept-encoding': 'gzip' } })
  assert.equal(gzip.headers['content-encoding'], 'gzip')
  const plain = await subject.app.inject({ url: css! })
  assert.equal(plain.headers['content-encoding'], undefined)
  assert.match(plain.body, /\.govuk-/)
})

test('residents are not sent the staff desk styles; staff pages are', async () => {
  const home = await subject.app.inject({ url: '/' })
  assert.doesNotMatch(home.body, /moj-frontend/)
  const staff = await addStaff(subject.database, subject.councilId, ['advisor'])
  const cookie = await sessionCookie(subject.database, subject.councilId, { kind: 'staff', id: staff.id })
  const desk = await subject.app.inject({ url: '/staff', headers: { cookie } })
  assert.equal(desk.statusCode, 200)
  assert.match(desk.body, /moj\/moj-frontend\.min\.[0-9a-f]{12}\.css/)
})

test('a changed file gets a new name, and a script importing another names its fingerprinted address', () => {
  const folder = mkdtempSync(join(tmpdir(), 'assets-'))
  const write = (name: string, text: string) => {
    writeFileSync(join(folder, name), text)
    return join(folder, name)
  }
  const first = prepareAssets([{ name: 'site/a.js', file: write('a.js', 'export const a = 1') }])
  const second = prepareAssets([{ name: 'site/a.js', file: write('a.js', 'export const a = 2') }])
  assert.notEqual(first.get('site/a.js')!.url, second.get('site/a.js')!.url)
  const both = prepareAssets([
    { name: 'site/a.js', file: write('a.js', 'export const a = 1') },
    { name: 'site/init.js', file: write('init.js', "import { a } from '/assets/site/a.js'") },
  ])
  assert.match(both.get('site/init.js')!.raw.toString(), new RegExp(both.get('site/a.js')!.url.replaceAll('.', '\\.')))
})

test('the server goes on answering while a newly started app first compresses its styles', async () => {
  // A new app has compressed nothing yet; best-quality Brotli of the GOV.UK styles takes about a second.
  const fresh = await testApp('sqlite')
  try {
    const [styles] = linkedAssets((await fresh.app.inject({ url: '/' })).body).filter((url) => url.endsWith('.css'))
    const answered: string[] = []
    await Promise.all([
      fresh.app
        .inject({ url: styles!, headers: { 'accept-encoding': 'br' } })
        .then((reply) => answered.push(`styles ${reply.statusCode}`)),
      fresh.app.inject({ url: '/health' }).then((reply) => answered.push(`health ${reply.statusCode}`)),
    ])
    assert.deepEqual(answered, ['health 200', 'styles 200'])
  } finally {
    await fresh.close()
  }
})
