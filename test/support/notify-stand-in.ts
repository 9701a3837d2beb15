// A stand-in for GOV.UK Notify's HTTP API (v2), written from its documentation, so the real client
// is tested end to end: every request must carry a JWT bearer token signed HS256 with the key's
// secret, `iss` the service id and `iat` within 30 seconds; email and text sends need their
// documented fields; a list can be filtered by reference. `failWith` makes the next sends answer
// an error as Notify does ({ status_code, errors: [{ error, message }] }).
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto'
import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export const SERVICE_ID = '2f2a3c4e-8b1d-4c6e-9a0f-1b2c3d4e5f60'
export const SECRET = '7d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6'
export const NOTIFY_KEY = `frontdoor_test-${SERVICE_ID}-${SECRET}`
export const EMAIL_TEMPLATE = '11111111-2222-4333-8444-555555555555'
export const SMS_TEMPLATE = '66666666-7777-4888-8999-aaaaaaaaaaaa'

export type Received = { path: string; body: Record<string, unknown>; issuer: string }
export type StoredNotification = { id: string; reference: string | null; type: 'email' | 'sms' }

const ERROR_NAMES: Record<number, string> = {
  400: 'BadRequestError',
  403: 'AuthError',
  429: 'RateLimitError',
  500: 'Exception',
}

function base64url(text: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Record<string, unknown>
}

/** Null when the token is good, else why not (Notify answers 403 either way). */
function tokenProblem(header: string | undefined): string | null {
  const token = /^Bearer (.+)$/.exec(header ?? '')?.[1]
  if (!token) return 'Unauthorized: authentication token must be provided'
  const [head, payload, signature] = token.split('.')
  if (!head || !payload || !signature) return 'Invalid token: malformed'
  const expected = createHmac('sha256', SECRET).update(`${head}.${payload}`).digest()
  const given = Buffer.from(signature, 'base64url')
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'Invalid token: signature'
  if (base64url(head).alg !== 'HS256') return 'Invalid token: algorithm'
  const claims = base64url(payload)
  if (claims.iss !== SERVICE_ID) return 'Invalid token: service id'
  if (typeof claims.iat !== 'number' || Math.abs(Date.now() / 1000 - claims.iat) > 30)
    return 'Error: Your system clock must be accurate to within 30 seconds'
  return null
}

async function bodyOf(request: IncomingMessage): Promise<Record<string, unknown>> {
  let text = ''
  for await (const chunk of request) text += String(chunk)
  return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>)
}

function answer(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
}

function error(response: ServerResponse, status: number, message: string): void {
  answer(response, status, { status_code: status, errors: [{ error: ERROR_NAMES[status] ?? 'Error', message }] })
}

export async function notifyStandIn() {
  const received: Received[] = []
  const stored: StoredNotification[] = []
  let failures: number[] = []
  const server = createServer((request, response) => {
    void (async () => {
      const problem = tokenProblem(request.headers.authorization)
      if (problem) return error(response, 403, problem)
      const url = new URL(request.url ?? '/', 'http://stand-in')
      if (request.method === 'GET' && url.pathname === '/v2/notifications') {
        const reference = url.searchParams.get('reference')
        const type = url.searchParams.get('template_type')
        const found = stored.filter((n) => (!reference || n.reference === reference) && (!type || n.type === type))
        return answer(response, 200, {
          notifications: found.map((n) => ({ id: n.id, reference: n.reference, type: n.type, status: 'delivered' })),
          links: { current: url.href },
        })
      }
      const type =
        url.pathname === '/v2/notifications/email' ? 'email' : url.pathname === '/v2/notifications/sms' ? 'sms' : null
      if (request.method !== 'POST' || type === null) return error(response, 404, 'Not found')
      const body = await bodyOf(request)
      received.push({ path: url.pathname, body, issuer: SERVICE_ID })
      const failure = failures.shift()
      if (failure !== undefined)
        return error(response, failure, failure === 400 ? `Can't send to this recipient` : 'no')
      const to = type === 'email' ? body.email_address : body.phone_number
      if (typeof to !== 'string' || typeof body.template_id !== 'string')
        return error(response, 400, `${type === 'email' ? 'email_address' : 'phone_number'} is a required property`)
      const id = randomUUID()
      const reference = typeof body.reference === 'string' ? body.reference : null
      stored.push({ id, reference, type })
      const personalisation = (body.personalisation ?? {}) as Record<string, string>
      return answer(response, 201, {
        id,
        reference,
        content: { body: personalisation.body ?? '', subject: personalisation.subject ?? '', from_email: 'x@notify' },
        uri: `${url.origin}/v2/notifications/${id}`,
        template: { id: body.template_id, version: 1, uri: `${url.origin}/v2/template/${String(body.template_id)}` },
      })
    })()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    stored,
    /** The next sends answer these statuses, one each, in order. */
    failWith(...statuses: number[]) {
      failures = statuses
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
