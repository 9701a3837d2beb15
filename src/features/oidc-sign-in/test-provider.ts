// A real OpenID Connect provider for tests: oidc-provider on 127.0.0.1 with one registered
// client, people whose claims a test sets and changes, and a browser that signs in at its
// development login and consent pages over real HTTP.
import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { generateKeyPairSync, randomBytes } from 'node:crypto'
import Provider from 'oidc-provider'

export type ProviderPerson = {
  email?: string
  email_verified?: boolean
  xms_edov?: boolean
  given_name?: string
  family_name?: string
  roles?: string[]
  amr?: string[]
}

export type TestProvider = {
  issuer: string
  clientId: string
  clientSecret: string
  /** People the provider knows, by subject; change a person's claims between sign-ins. */
  people: Map<string, ProviderPerson>
  /** While true the provider answers every request with 503, as one that is down. */
  down: boolean
  /** Environment variables that point Frontdoor at this provider. */
  env(audience: 'STAFF' | 'RESIDENT', extra?: Record<string, string>): Record<string, string>
  close(): Promise<void>
}

export type TestProviderOptions = {
  /** Where email claims are given: in the ID token (as Entra does) or only from UserInfo (as GOV.UK One Login does). */
  emailIn?: 'id_token' | 'userinfo'
  /** The app's public origin: the client's redirect URIs are registered under it. */
  appOrigin?: string
}

function signingKey(): Record<string, unknown> {
  // RS256, the algorithm Entra ID and GOV.UK One Login sign ID tokens with.
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  return { ...privateKey.export({ format: 'jwk' }), kid: 'test-key', alg: 'RS256', use: 'sig' }
}

async function bodyOf(request: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'))
}

/**
 * The provider's login and consent forms are its development pages; their answers are handled
 * here, as a real deployment's own interactions would, so a login can say how the person
 * authenticated (`amr`) — the development pages cannot.
 */
async function submitInteraction(
  provider: Provider,
  people: Map<string, ProviderPerson>,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const form = await bodyOf(request)
  const details = await provider.interactionDetails(request, response)
  if (details.prompt.name === 'login' && form.get('prompt') === 'login') {
    const accountId = form.get('login') ?? ''
    const amr = people.get(accountId)?.amr
    await provider.interactionFinished(
      request,
      response,
      { login: { accountId, ...(amr ? { amr } : {}) } },
      { mergeWithLastSubmission: false },
    )
    return
  }
  const { missingOIDCScope, missingOIDCClaims } = details.prompt.details
  const existing = details.grantId ? await provider.Grant.find(details.grantId) : undefined
  const grant =
    existing ?? new provider.Grant({ accountId: details.session?.accountId ?? '', clientId: details.params.client_id })
  if (missingOIDCScope) grant.addOIDCScope(missingOIDCScope.join(' '))
  if (missingOIDCClaims) grant.addOIDCClaims(missingOIDCClaims)
  await provider.interactionFinished(
    request,
    response,
    { consent: { grantId: await grant.save() } },
    { mergeWithLastSubmission: true },
  )
}

export async function startTestProvider(options: TestProviderOptions = {}): Promise<TestProvider> {
  const appOrigin = options.appOrigin ?? 'http://localhost'
  const people = new Map<string, ProviderPerson>()
  // The issuer names the port, so the server listens before the provider exists and hands over to it once made.
  const state: { down: boolean; handler?: (request: IncomingMessage, response: ServerResponse) => void } = {
    down: false,
  }
  const server = createServer((request, response) =>
    state.handler && !state.down ? state.handler(request, response) : response.writeHead(503).end(),
  )
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const clientId = 'frontdoor'
  const clientSecret = randomBytes(24).toString('base64url')

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [`${appOrigin}/staff/sign-in/oidc/callback`, `${appOrigin}/account/sign-in/oidc/callback`],
        token_endpoint_auth_method: 'client_secret_post',
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [signingKey()] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    // amr with openid: the ID token says how the person signed in whenever the login recorded it.
    // Names too, as some providers send them unasked (GOV.UK One Login does not).
    claims: {
      openid: ['sub', 'roles', 'amr', 'given_name', 'family_name'],
      email: ['email', 'email_verified', 'xms_edov'],
    },
    // Off: claims of the requested scopes go in the ID token too, as Entra ID puts email and roles there.
    conformIdTokenClaims: options.emailIn === 'userinfo',
    pkce: { required: () => true },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx, sub) {
      const person = people.get(sub)
      if (!person) return undefined
      const { amr: _amr, ...claims } = person
      return { accountId: sub, claims: () => ({ sub, ...claims }) }
    },
  })
  // The provider logs its own failures (a bad code, a wrong secret) as events; tests look at what the app does.
  provider.on('server_error', () => {})
  const providerHandler = provider.callback()
  state.handler = (request, response) => {
    if (request.method === 'POST' && /^\/interaction\/[^/]+$/.test(request.url ?? '')) {
      submitInteraction(provider, people, request, response).catch((error: unknown) =>
        response.writeHead(500).end(String(error)),
      )
    } else {
      providerHandler(request, response)
    }
  }

  return {
    issuer,
    clientId,
    clientSecret,
    people,
    get down() {
      return state.down
    },
    set down(value: boolean) {
      state.down = value
    },
    env(audience, extra = {}) {
      return {
        PUBLIC_URL: appOrigin,
        [`${audience}_OIDC_ISSUER`]: issuer,
        [`${audience}_OIDC_CLIENT_ID`]: clientId,
        [`${audience}_OIDC_CLIENT_SECRET`]: clientSecret,
        [`${audience}_OIDC_LABEL`]: audience === 'STAFF' ? 'Test Council Account' : 'Test One Login',
        ...extra,
      }
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}

/** A browser at the provider: keeps the provider's cookies and stops at each redirect. */
export class ProviderBrowser {
  readonly cookies = new Map<string, string>()

  private keep(response: Response): Response {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';')
      const split = pair.indexOf('=')
      const name = pair.slice(0, split).trim()
      const value = pair.slice(split + 1).trim()
      const expired = attributes.some(
        (a) =>
          /^\s*max-age=0\s*$/i.test(a) ||
          (/^\s*expires=/i.test(a) && new Date(a.split('=')[1] ?? '').getTime() <= Date.now()),
      )
      if (expired || value === '') this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
    return response
  }

  private headers(): Record<string, string> {
    return { cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ') }
  }

  async get(url: string | URL): Promise<Response> {
    return this.keep(await fetch(url, { redirect: 'manual', headers: this.headers() }))
  }

  async post(url: string | URL, fields: Record<string, string>): Promise<Response> {
    return this.keep(
      await fetch(url, {
        method: 'POST',
        redirect: 'manual',
        body: new URLSearchParams(fields),
        headers: this.headers(),
      }),
    )
  }
}

function locationOf(response: Response, base: URL): URL {
  const location = response.headers.get('location')
  if (location === null) throw new Error(`the provider answered ${response.status} without a redirect`)
  return new URL(location, base)
}

export type ProviderVisit = { as?: string; cancel?: boolean }

/**
 * Takes the browser from Frontdoor's redirect through the provider — its login form (any
 * password does in development), then its consent page — until the provider sends it back to
 * Frontdoor; returns that callback address. `cancel` presses the provider's "cancel" instead.
 */
export async function visitProvider(
  browser: ProviderBrowser,
  authorizationUrl: string,
  visit: ProviderVisit,
): Promise<URL> {
  let url = new URL(authorizationUrl)
  const providerOrigin = url.origin
  for (let step = 0; step < 12; step++) {
    if (url.origin !== providerOrigin) return url
    const response = await browser.get(url)
    if (response.status >= 300 && response.status < 400) {
      url = locationOf(response, url)
      continue
    }
    const page = await response.text()
    if (response.status !== 200) throw new Error(`the provider answered ${response.status}: ${page.slice(0, 200)}`)
    const prompt = /name="prompt" value="(\w+)"/.exec(page)?.[1]
    if (visit.cancel) {
      url = locationOf(await browser.get(new URL(`${url.pathname}/abort`, url)), url)
      continue
    }
    const fields: Record<string, string> =
      prompt === 'login' ? { prompt, login: visit.as ?? '', password: 'any' } : { prompt: prompt ?? 'consent' }
    url = locationOf(await browser.post(url, fields), url)
  }
  throw new Error('the provider never sent the browser back')
}
