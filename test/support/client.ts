// A cookie-keeping client over `app.inject` for page tests: it follows what a browser would do
// with Set-Cookie, reads the CSRF token out of a page's form, and posts forms with it.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'

export type FormFields = Record<string, string | string[]>

export class TestClient {
  readonly cookies = new Map<string, string>()
  private readonly app: FastifyInstance
  private readonly host: string

  constructor(app: FastifyInstance, host = 'localhost') {
    this.app = app
    this.host = host
  }

  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  }

  private keep(response: LightMyRequestResponse): LightMyRequestResponse {
    for (const cookie of response.cookies) {
      const expired =
        cookie.maxAge === 0 || (cookie.expires !== undefined && new Date(cookie.expires).getTime() <= Date.now())
      if (expired || cookie.value === '') this.cookies.delete(cookie.name)
      else this.cookies.set(cookie.name, cookie.value)
    }
    return response
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return this.keep(
      await this.app.inject({
        method: 'GET',
        url,
        headers: { host: this.host, accept: 'text/html', cookie: this.cookieHeader(), ...headers },
      }),
    )
  }

  /** Posts a form as a browser would; pass `_csrf` yourself, or use `submit` to take it from a page. */
  async post(url: string, fields: FormFields, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const body = new URLSearchParams()
    for (const [name, value] of Object.entries(fields))
      for (const v of Array.isArray(value) ? value : [value]) body.append(name, v)
    return this.keep(
      await this.app.inject({
        method: 'POST',
        url,
        payload: body.toString(),
        headers: {
          host: this.host,
          accept: 'text/html',
          'content-type': 'application/x-www-form-urlencoded',
          cookie: this.cookieHeader(),
          ...headers,
        },
      }),
    )
  }

  /** Opens the page with the form, then posts the fields with that page's CSRF token. */
  async submit(pageUrl: string, fields: FormFields, action = pageUrl): Promise<LightMyRequestResponse> {
    const page = await this.get(pageUrl)
    return this.post(action, { _csrf: csrfTokenIn(page.body), ...fields })
  }

  /** Follows a 3xx answer with a GET, as a browser would. */
  async follow(response: LightMyRequestResponse): Promise<LightMyRequestResponse> {
    const location = response.headers.location
    if (typeof location !== 'string') throw new Error(`expected a redirect, got ${response.statusCode}`)
    return this.get(location)
  }
}

export function csrfTokenIn(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html)
  if (!match?.[1]) throw new Error('the page has no form with a CSRF token')
  return match[1]
}
