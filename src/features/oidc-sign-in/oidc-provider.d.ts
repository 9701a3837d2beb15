// The little of oidc-provider the tests use (the package ships no types of its own).
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http'

  export type AccountClaims = { sub: string } & Record<string, unknown>
  export type Account = {
    accountId: string
    claims(use: string, scope: string): Promise<AccountClaims> | AccountClaims
  }

  export type Configuration = {
    clients?: Record<string, unknown>[]
    jwks?: { keys: Record<string, unknown>[] }
    cookies?: { keys?: string[] }
    claims?: Record<string, string[] | null>
    conformIdTokenClaims?: boolean
    findAccount?: (ctx: unknown, sub: string) => Promise<Account | undefined>
    pkce?: { required?: () => boolean }
    features?: Record<string, { enabled: boolean }>
    ttl?: Record<string, number>
  }

  export type InteractionDetails = {
    uid: string
    prompt: { name: string; details: { missingOIDCScope?: string[]; missingOIDCClaims?: string[] } }
    params: Record<string, unknown> & { client_id: string }
    session?: { accountId: string }
    grantId?: string
  }

  export type InteractionResult = {
    login?: { accountId: string; amr?: string[] }
    consent?: { grantId: string }
  }

  export class Grant {
    constructor(properties: { accountId: string; clientId: string })
    static find(id: string): Promise<Grant | undefined>
    addOIDCScope(scope: string): void
    addOIDCClaims(claims: string[]): void
    save(): Promise<string>
  }

  export default class Provider {
    constructor(issuer: string, configuration?: Configuration)
    readonly Grant: typeof Grant
    callback(): (request: IncomingMessage, response: ServerResponse) => void
    on(event: string, listener: (...args: unknown[]) => void): this
    interactionDetails(request: IncomingMessage, response: ServerResponse): Promise<InteractionDetails>
    interactionFinished(
      request: IncomingMessage,
      response: ServerResponse,
      result: InteractionResult,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>
  }
}
