// Single sign-on through a council's OpenID Connect provider (staff: e.g. Microsoft Entra ID;
// residents: e.g. GOV.UK One Login), with openid-client doing the protocol: discovery, the
// authorization code flow with PKCE (S256), state and nonce, and every ID token check. What a
// sign-in means for Frontdoor (which account, which roles) is decided by the sign-in feature.
import * as client from 'openid-client'
import type { OidcProviderConfig } from '../../config.ts'

export type OidcAudience = 'staff' | 'resident'

export const OIDC_PATHS: Record<OidcAudience, { start: string; callback: string; signIn: string }> = {
  staff: { start: '/staff/sign-in/oidc', callback: '/staff/sign-in/oidc/callback', signIn: '/staff/sign-in' },
  resident: { start: '/account/sign-in/oidc', callback: '/account/sign-in/oidc/callback', signIn: '/account/sign-in' },
}

/** The secrets of one sign-in attempt, kept by the browser (in a signed cookie) until the provider sends it back. */
export type PendingSignIn = { state: string; nonce: string; codeVerifier: string }

export type OidcClaims = Record<string, unknown> & { sub: string }

/**
 * Why a sign-in through the provider did not complete:
 * - `cancelled`: the person (or the provider's policy) declined: `error=access_denied`;
 * - `refused`: the provider answered with some other error;
 * - `invalid`: the answer failed a check (state, nonce, PKCE, ID token, a used code);
 * - `unavailable`: the provider could not be reached or answered nonsense.
 */
export type OidcFailureKind = 'cancelled' | 'refused' | 'invalid' | 'unavailable'

export class OidcFailure extends Error {
  readonly kind: OidcFailureKind
  /** The provider's own error code, when it gave one: safe to log (never personal data). */
  readonly providerError: string | undefined

  constructor(kind: OidcFailureKind, message: string, providerError?: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'OidcFailure'
    this.kind = kind
    this.providerError = providerError
  }
}

/** `openid email`: enough to know who someone is and to match a first sign-in by a proven email address. */
const SCOPE = 'openid email'
const TIMEOUT_SECONDS = 10

export type ProviderSettings = {
  provider: OidcProviderConfig
  /** Plain-http issuers are accepted outside production only (a provider started by a test, say). */
  allowHttp: boolean
}

// Discovery is cached per process: it only saves a round trip, and every process finds the same
// answer. A failed discovery is forgotten at once so the next attempt asks again.
const configurations = new Map<string, Promise<client.Configuration>>()

function cacheKey({ provider }: ProviderSettings): string {
  return `${provider.issuer}|${provider.clientId}`
}

function discover(settings: ProviderSettings): Promise<client.Configuration> {
  const key = cacheKey(settings)
  const cached = configurations.get(key)
  if (cached) return cached
  const { provider, allowHttp } = settings
  const found = client.discovery(new URL(provider.issuer), provider.clientId, provider.clientSecret, undefined, {
    timeout: TIMEOUT_SECONDS,
    execute: allowHttp ? [client.allowInsecureRequests] : [],
  })
  configurations.set(key, found)
  found.catch(() => forgetProvider(settings, found))
  return found
}

/** Drops a cached discovery so the next sign-in discovers the provider again (after it failed us). */
function forgetProvider(settings: ProviderSettings, only?: Promise<client.Configuration>): void {
  const key = cacheKey(settings)
  if (only === undefined || configurations.get(key) === only) configurations.delete(key)
}

function isNetworkFailure(error: unknown): boolean {
  if (error instanceof TypeError) return true
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')
}

const UNAVAILABLE_CODES = new Set([
  'OAUTH_RESPONSE_IS_NOT_CONFORM',
  'OAUTH_RESPONSE_IS_NOT_JSON',
  'OAUTH_HTTP_REQUEST_FORBIDDEN',
  'OAUTH_INVALID_SERVER_METADATA',
  'OAUTH_MISSING_SERVER_METADATA',
])

/** Sorts whatever openid-client (or the network) threw into the four outcomes a person is told about. */
export function classify(error: unknown): OidcFailure {
  if (error instanceof OidcFailure) return error
  if (error instanceof client.AuthorizationResponseError) {
    const kind = error.error === 'access_denied' ? 'cancelled' : 'refused'
    return new OidcFailure(kind, `the provider answered ${error.error}`, error.error, { cause: error })
  }
  if (error instanceof client.ResponseBodyError) {
    const kind = error.status >= 500 ? 'unavailable' : 'invalid'
    return new OidcFailure(kind, `the token endpoint answered ${error.error}`, error.error, { cause: error })
  }
  if (isNetworkFailure(error))
    return new OidcFailure('unavailable', 'the provider could not be reached', undefined, { cause: error })
  const code = error instanceof client.ClientError ? error.code : undefined
  if (code !== undefined && UNAVAILABLE_CODES.has(code))
    return new OidcFailure('unavailable', `the provider's answer was not usable (${code})`, undefined, { cause: error })
  return new OidcFailure('invalid', `the provider's answer failed a check${code ? ` (${code})` : ''}`, undefined, {
    cause: error,
  })
}

/** Where to send the browser to sign in, and the secrets to keep until it comes back. */
export async function beginSignIn(
  settings: ProviderSettings,
  redirectUri: string,
): Promise<{ url: URL; pending: PendingSignIn }> {
  try {
    const configuration = await discover(settings)
    const pending: PendingSignIn = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      codeVerifier: client.randomPKCECodeVerifier(),
    }
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope: SCOPE,
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
    })
    return { url, pending }
  } catch (error) {
    throw classify(error)
  }
}

/**
 * Checks the provider's answer at the callback URL against the pending sign-in, exchanges the
 * code, and returns the verified ID token's claims — with the UserInfo claims added underneath
 * when the ID token carries no email (GOV.UK One Login gives it only there).
 */
export async function finishSignIn(
  settings: ProviderSettings,
  callbackUrl: URL,
  pending: PendingSignIn,
): Promise<OidcClaims> {
  try {
    const configuration = await discover(settings)
    const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    })
    const idToken = tokens.claims()
    if (!idToken) throw new OidcFailure('invalid', 'the provider sent no ID token')
    const claims: OidcClaims = { ...idToken }
    if (typeof claims.email === 'string' || !configuration.serverMetadata().userinfo_endpoint) return claims
    // How the person authenticated is the ID token's to say; UserInfo adds who they are.
    const {
      amr: _amr,
      acr: _acr,
      ...userInfo
    } = await client.fetchUserInfo(configuration, tokens.access_token, idToken.sub)
    return { ...userInfo, ...idToken }
  } catch (error) {
    const failure = classify(error)
    if (failure.kind === 'unavailable') forgetProvider(settings)
    throw failure
  }
}

/** A claim as a list of strings: Entra sends roles and groups as arrays, other providers a single string. */
export function claimValues(claims: OidcClaims, name: string): string[] {
  const value = claims[name]
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string')
  return []
}

/**
 * The email address the provider vouches for, or null when it does not say it has verified it.
 * Entra ID sends no `email_verified`; its optional `xms_edov` claim ("email domain owner
 * verified") says the same thing.
 */
export function verifiedEmail(claims: OidcClaims): string | null {
  const email = emailOf(claims)
  const verified = [claims.email_verified, claims.xms_edov].some((flag) => flag === true || flag === 'true')
  return email !== null && verified ? email : null
}

export function emailOf(claims: OidcClaims): string | null {
  return typeof claims.email === 'string' && claims.email.includes('@') ? claims.email.trim().toLowerCase() : null
}

// RFC 8176 methods that prove something the person has (or Entra's own names for them).
const SECOND_FACTOR_METHODS = new Set(['mfa', 'otp', 'hwk', 'swk', 'sc', 'sms', 'tel', 'fido', 'ngcmfa'])

/**
 * Whether the provider's sign-in included a second factor. Providers that say nothing (no `amr`,
 * as Entra's v2 ID tokens) are trusted to enforce their own policy; one that lists its methods
 * and none of them is a second factor has told us it was a password alone.
 */
export function secondFactorShown(claims: OidcClaims): boolean {
  if (!('amr' in claims)) return true
  return claimValues(claims, 'amr').some((method) => SECOND_FACTOR_METHODS.has(method))
}
