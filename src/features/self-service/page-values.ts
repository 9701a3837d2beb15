// What every public self-service page shares: its route options and the values its layout needs.
import type { FastifyRequest } from 'fastify'
import { councilOf } from '../../platform/council/plugin.ts'
import { publicNavigation } from './words.ts'

export const PUBLIC_PAGE = { config: { permission: 'public' as const }, schema: { hide: true } }

/** What every public page's template needs besides its own values. */
export function publicPage(request: FastifyRequest, title: string, values: Record<string, unknown> = {}) {
  return {
    council: councilOf(request),
    navigation: publicNavigation(request),
    residentSignedIn: request.principal?.kind === 'resident',
    pageTitle: title,
    ...values,
  }
}
