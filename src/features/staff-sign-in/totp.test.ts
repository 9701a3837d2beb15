import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { generate } from 'otplib'
import { acceptedStep, groupedSecret, newTotpSecret, normaliseCode, qrCodeSvg, totpUri } from './totp.ts'

const NOW = new Date('2026-03-02T10:00:15Z')
const codeAt = (secret: string, secondsFromNow: number) =>
  generate({ secret, epoch: Math.floor(NOW.getTime() / 1000) + secondsFromNow })

describe('authenticator app codes', () => {
  it('makes a base32 secret of 160 bits', () => {
    const secret = newTotpSecret()
    assert.match(secret, /^[A-Z2-7]{32}$/)
    assert.notEqual(newTotpSecret(), secret)
  })

  it('accepts the code of this 30 seconds and the ones either side, for phones whose clocks drift', async () => {
    const secret = newTotpSecret()
    const step = Math.floor(NOW.getTime() / 30_000)
    assert.equal(await acceptedStep(secret, await codeAt(secret, 0), null, NOW), step)
    assert.equal(await acceptedStep(secret, await codeAt(secret, -30), null, NOW), step - 1)
    assert.equal(await acceptedStep(secret, await codeAt(secret, 30), null, NOW), step + 1)
  })

  it('refuses an old code, another secret’s code, and a code of a step already used', async () => {
    const secret = newTotpSecret()
    assert.equal(await acceptedStep(secret, await codeAt(secret, -90), null, NOW), undefined)
    assert.equal(await acceptedStep(secret, await codeAt(newTotpSecret(), 0), null, NOW), undefined)
    const code = await codeAt(secret, 0)
    const step = await acceptedStep(secret, code, null, NOW)
    assert.ok(step !== undefined)
    assert.equal(await acceptedStep(secret, code, step, NOW), undefined, 'the same code twice')
    assert.equal(
      await acceptedStep(secret, await codeAt(secret, -30), step, NOW),
      undefined,
      'an earlier code after a later one',
    )
  })

  it('reads six digits through spaces and dashes, and nothing else', () => {
    assert.equal(normaliseCode(' 123 456 '), '123456')
    assert.equal(normaliseCode('123-456'), '123456')
    for (const bad of ['12345', '1234567', 'abcdef', '', undefined, ['123456']])
      assert.equal(normaliseCode(bad), undefined, String(bad))
  })

  it('gives an otpauth address and an inline SVG QR code with an accessible name and no script', async () => {
    const uri = totpUri('Ashby Vale District Council', 'pat@ashby.example', 'JBSWY3DPEHPK3PXP')
    assert.match(uri, /^otpauth:\/\/totp\/Ashby%20Vale%20District%20Council:pat%40ashby\.example\?/)
    assert.match(uri, /secret=JBSWY3DPEHPK3PXP/)
    const svg = await qrCodeSvg(uri, 'QR code "to scan"')
    assert.match(svg, /^<svg role="img" aria-label="QR code &quot;to scan&quot;" /)
    assert.doesNotMatch(svg, /<script|style=/)
  })

  it('shows the secret in groups of four for typing by hand', () => {
    assert.equal(groupedSecret('ABCDEFGHIJKLMNOP'), 'ABCD EFGH IJKL MNOP')
  })
})
