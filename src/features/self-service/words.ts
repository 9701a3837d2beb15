// Small things the public pages say in the reader's language: a target time, a status, the header links.
import type { FastifyRequest } from 'fastify'
import { translate } from '../../platform/i18n/translate.ts'
import type { WorkingHours } from '../../platform/council/settings.ts'
import type { CaseStatus } from '../../platform/db/values.ts'
import type { CaseEvent } from '../cases/service.ts'
import { RESIDENT_STATUS_WORDS } from '../cases/service.ts'

function workingDayHours(hours: WorkingHours): number {
  const [openH = 9, openM = 0] = hours.opens.split(':').map(Number)
  const [closeH = 17, closeM = 0] = hours.closes.split(':').map(Number)
  return Math.max(1, (closeH * 60 + closeM - openH * 60 - openM) / 60)
}

/** A target in working hours, as a person says it: "2 working days", "4 working hours". */
export function targetInWords(language: string, targetHours: number, hours: WorkingHours): string {
  const perDay = workingDayHours(hours)
  if (targetHours < perDay) {
    return targetHours === 1
      ? translate(language, '1 working hour')
      : translate(language, '{count} working hours', { count: targetHours })
  }
  const days = Math.round(targetHours / perDay)
  return days === 1
    ? translate(language, '1 working day')
    : translate(language, '{count} working days', { count: days })
}

export function statusText(status: CaseStatus): string {
  return RESIDENT_STATUS_WORDS[status]
}

/** One line of the public timeline in the reader's language. */
export function eventText(language: string, event: CaseEvent): string {
  if (event.kind === 'created') return translate(language, 'We received your request')
  if (event.kind === 'status_changed' && event.to_status)
    return translate(language, 'Status changed to: {status}', {
      status: translate(language, RESIDENT_STATUS_WORDS[event.to_status]),
    })
  return event.body ?? ''
}

export type NavigationItem = { href: string; text: string; active?: boolean }

/** The header's links on public pages: sign in and create an account, or the signed-in resident's account. */
export function publicNavigation(request: FastifyRequest): NavigationItem[] {
  const language = request.language
  if (request.principal?.kind === 'resident') return [{ href: '/account', text: translate(language, 'Your account') }]
  // Back to this page after signing in, unless its address carries a value someone typed (a token, a
  // reference): a page never hands such a value back in its own links.
  const here = request.routeOptions.url?.includes(':') ? undefined : (request.url.split('?')[0] ?? '/')
  return [
    {
      href: here ? `/account/sign-in?returnTo=${encodeURIComponent(here)}` : '/account/sign-in',
      text: translate(language, 'Sign in'),
    },
    { href: '/account/create', text: translate(language, 'Create an account') },
  ]
}
