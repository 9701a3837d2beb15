// RFC 9457 problem details: the one shape of every API error. Routes and services throw a
// Problem; the error handler turns it (and Fastify's own errors) into application/problem+json.

export type FieldError = { name: string; message: string }

export type ProblemBody = {
  type: string
  title: string
  status: number
  detail?: string
  instance?: string
  errors?: FieldError[]
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorised',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Request body too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
}

export function problemType(status: number): string {
  return `https://frontdoor.invalid/problems/${status}`
}

export function titleFor(status: number): string {
  return TITLES[status] ?? 'Error'
}

export class Problem extends Error {
  readonly status: number
  readonly detail: string | undefined
  readonly errors: FieldError[] | undefined

  constructor(status: number, detail?: string, errors?: FieldError[]) {
    super(detail ?? titleFor(status))
    this.name = 'Problem'
    this.status = status
    this.detail = detail
    this.errors = errors
  }

  body(instance?: string): ProblemBody {
    return {
      type: problemType(this.status),
      title: titleFor(this.status),
      status: this.status,
      ...(this.detail === undefined ? {} : { detail: this.detail }),
      ...(instance === undefined ? {} : { instance }),
      ...(this.errors === undefined ? {} : { errors: this.errors }),
    }
  }
}

export const notFound = (what: string) => new Problem(404, `${what} was not found`)
export const conflict = (detail: string) => new Problem(409, detail)
export const invalid = (errors: FieldError[], detail = 'Some answers need correcting') =>
  new Problem(422, detail, errors)
export const badRequest = (detail: string, errors?: FieldError[]) => new Problem(400, detail, errors)
