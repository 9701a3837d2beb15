// Time-based one-time codes (RFC 6238) as every authenticator app expects them: SHA-1, six
// digits, a new code every 30 seconds. A code from the step before or after is accepted too,
// for phones whose clocks drift, and no step is ever accepted twice (the caller keeps the last).
import { generateSecret, generateURI, verify } from 'otplib'
import QRCode from 'qrcode'

const PERIOD_SECONDS = 30
const DIGITS = 6
const ALGORITHM = 'sha1'

/** A new secret: 20 random bytes (160 bits, RFC 4226's recommendation) in base32. */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 })
}

/** Six digits from what was typed, allowing the spaces and dashes some apps show; else undefined. */
export function normaliseCode(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined
  const code = raw.replace(/[\s-]/g, '')
  return new RegExp(`^\\d{${DIGITS}}$`).test(code) ? code : undefined
}

/**
 * The time step a code belongs to when it is right now (give or take one step) and later than
 * `lastStep`; undefined when it is wrong, stale or already used.
 */
export async function acceptedStep(
  secret: string,
  code: string,
  lastStep: number | null,
  now = new Date(),
): Promise<number | undefined> {
  const result = await verify({
    secret,
    token: code,
    algorithm: ALGORITHM,
    digits: DIGITS,
    period: PERIOD_SECONDS,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: PERIOD_SECONDS,
    ...(lastStep === null ? {} : { afterTimeStep: lastStep }),
  })
  return result.valid && 'timeStep' in result ? result.timeStep : undefined
}

/** The otpauth:// address an authenticator app reads from the QR code. */
export function totpUri(issuer: string, account: string, secret: string): string {
  return generateURI({ issuer, label: account, secret, algorithm: ALGORITHM, digits: DIGITS, period: PERIOD_SECONDS })
}

/** The QR code as inline SVG (the CSP allows no inline script or style, and no remote images), named for screen readers. */
export async function qrCodeSvg(uri: string, name: string): Promise<string> {
  const svg = await QRCode.toString(uri, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 4,
    width: 220,
    color: { dark: '#0b0c0c', light: '#ffffff' },
  })
  const escaped = name.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;')
  return svg.replace('<svg ', `<svg role="img" aria-label="${escaped}" focusable="false" `)
}

/** The secret in groups of four, easier to type into an app by hand. */
export function groupedSecret(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(' ') ?? secret
}
