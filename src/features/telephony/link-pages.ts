// /staff/call-backs/:id/resident: the advisor who claimed a call back finds the resident it is for
// among those whose recorded number matches, so each try is recorded on that resident's history.
// The search is the desk's own, audited as the desk's is.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Database } from '../../platform/db/database.ts'
import { actorOf, principalOf } from '../../platform/auth/guard.ts'
import { field } from '../../platform/http/forms.ts'
import { flashNotice } from '../../platform/http/notice.ts'
import { findResidentsAtDesk } from '../residents/service.ts'
import type { ResidentCard } from '../residents/service.ts'
import { callBackHolder, claimedCallBack, linkCallBackToResident } from './callbacks.ts'
import { nationalNumber, readableNumber } from './phone-number.ts'
import { formatDate } from '../../platform/i18n/translate.ts'
import { WORK, callBackId, heldBy, listHref, listViewOf, postedView } from './list-pages.ts'
import type { ListView } from './list-pages.ts'

/**
 * The title names nobody: it is kept in the browser's history, and the desk's PCs are shared. The
 * page's own caption and heading name the caller for the advisor working the call back.
 */
const PAGE_TITLE = 'Find the resident for a call back'

/** More matches than this for one number is a shared line (a care home, a switchboard): too many to tell apart here. */
const MOST_MATCHES = 10

const residentHint = (card: ResidentCard) =>
  [
    card.date_of_birth ? `Born ${formatDate('en', card.date_of_birth)}` : undefined,
    card.address ? [card.address.address_line_1, card.address.postcode].filter(Boolean).join(', ') : undefined,
  ]
    .filter(Boolean)
    .join('. ')

export async function linkResidentPages(app: FastifyInstance, database: Database): Promise<void> {
  async function matchesFor(request: FastifyRequest, phone: string | null) {
    const national = nationalNumber(phone ?? '')
    if (!national) return []
    const principal = principalOf(request)
    const found = await findResidentsAtDesk(database, actorOf(request), principal.councilId, {
      q: national,
      lookedFor: 'phone',
      page: 1,
      pageSize: MOST_MATCHES,
    })
    return found.items
  }

  async function linkPage(request: FastifyRequest) {
    const principal = principalOf(request)
    const callBack = await claimedCallBack(
      database,
      actorOf(request),
      principal.councilId,
      callBackId(request),
      principal.id,
    )
    if (!callBack) return undefined
    return { callBack, matches: await matchesFor(request, callBack.phone) }
  }

  // The list's page and order come in the link's query and go back in the form's hidden fields, so
  // the advisor returns to the list as they left it, as from every other form on it.
  app.get('/staff/call-backs/:id/resident', WORK, async (request, reply) => {
    const list = listViewOf(request.query as Record<string, unknown>)
    const found = await linkPage(request)
    if (!found) return notClaimed(database, request, reply, list)
    return reply.view('telephony/link.njk', {
      council: request.council,
      pageTitle: PAGE_TITLE,
      ...view(found, list),
    })
  })

  app.post('/staff/call-backs/:id/resident', WORK, async (request, reply) => {
    const list = postedView(request)
    const found = await linkPage(request)
    if (!found) return notClaimed(database, request, reply, list)
    const chosen = field(request, 'resident')
    if (chosen === 'none') return reply.redirect(listHref(list), 303)
    const resident = found.matches.find((card) => String(card.id) === chosen)
    if (!resident)
      return reply.status(400).view('telephony/link.njk', {
        council: request.council,
        pageTitle: `Error: ${PAGE_TITLE}`,
        ...view(found, list),
        errorList: [{ text: 'Select the resident, or none of these', href: '#resident' }],
        error: 'Select the resident, or none of these',
      })
    const principal = principalOf(request)
    const linked = await linkCallBackToResident(database, actorOf(request), principal.councilId, {
      id: found.callBack.id,
      staffId: principal.id,
      residentId: resident.id,
    })
    if (!linked) return notClaimed(database, request, reply, list)
    // The notice rides in a signed, not sealed, cookie: it names nobody.
    return flashNotice(reply, 'Call back linked to the resident’s record').redirect(listHref(list), 303)
  })
}

function view(
  found: { callBack: { name: string | null; phone: string | null }; matches: ResidentCard[] },
  list: ListView,
) {
  return {
    callBack: { ...found.callBack, phone: readableNumber(found.callBack.phone ?? '') },
    list: { page: list.page, sort: list.sort, order: list.descending ? 'desc' : 'asc' },
    backHref: listHref(list),
    residents: found.matches.map((card) => ({
      value: String(card.id),
      text: `${card.given_name} ${card.family_name}`,
      hint: { text: residentHint(card) },
    })),
  }
}

/**
 * The call back is not this advisor's to link: a colleague's (this page says whose, and nothing of
 * the caller), finished, or waiting to be claimed (the list says so).
 */
async function notClaimed(database: Database, request: FastifyRequest, reply: FastifyReply, list: ListView) {
  const principal = principalOf(request)
  const holder = await callBackHolder(database, principal.councilId, callBackId(request))
  if (holder?.staffId != null && holder.staffId !== principal.id)
    return reply.status(409).view('telephony/link.njk', {
      council: request.council,
      pageTitle: 'Call back claimed by someone else',
      heldBy: heldBy(holder.staffName),
      backHref: listHref(list),
    })
  const text =
    holder && !holder.open
      ? 'That call back is finished'
      : 'That call back is no longer claimed by you: claim it again to find the resident'
  return flashNotice(reply, text, 'warning').redirect(listHref(list), 303)
}
