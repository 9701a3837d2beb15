// An address question on the public pages: find the address by postcode in the council's own
// gazetteer and pick it (its UPRN goes with the answer), or type it in. Typing it in is always
// there, found or not, so the gazetteer is a help and never a gate.
import type { FastifyRequest } from 'fastify'
import type { Database } from '../../platform/db/database.ts'
import { councilOf } from '../../platform/council/plugin.ts'
import { translate } from '../../platform/i18n/translate.ts'
import type { Question } from '../catalogue/service.ts'
import { UK_POSTCODE_PATTERN } from '../catalogue/service.ts'
import { findAddresses, propertyByUprn, propertyLine } from '../addresses/service.ts'

const POSTCODE = new RegExp(UK_POSTCODE_PATTERN)

export type AddressFinder = {
  postcode: string
  searched: boolean
  postcodeError?: string
  found: { value: string; text: string; checked: boolean }[]
}

type FinderInput = { questions: Question[]; answer: unknown; chosenUprn: string }

/** The finder's state for this page: the postcode looked up and the addresses found there. */
export async function addressFinder(
  database: Database,
  request: FastifyRequest,
  { questions, answer, chosenUprn }: FinderInput,
): Promise<AddressFinder> {
  const language = request.language
  // Looked up just now (the finder's GET), or earlier and carried by the form that came back with errors.
  const query = request.query as { postcode?: unknown }
  const body = (request.body ?? {}) as { postcode_searched?: unknown }
  const sent = typeof query.postcode === 'string' ? query.postcode : body.postcode_searched
  const given = (answer ?? {}) as { postcode?: string; uprn?: string }
  const asked = typeof sent === 'string' ? sent.trim().slice(0, 20) : undefined
  const postcode = asked ?? (given.uprn ? (given.postcode ?? '') : '')
  // The page's heading is the question; the typed-in address is the second way, beneath the finder.
  for (const question of questions) {
    question.params.legend = {
      text: translate(language, 'Or enter the address manually'),
      classes: 'govuk-fieldset__legend--m',
    }
  }
  if (postcode === '') return { postcode, searched: false, found: [] }
  if (!POSTCODE.test(postcode))
    return {
      postcode,
      searched: true,
      found: [],
      postcodeError: translate(language, 'Enter a real postcode, like SW1A 1AA'),
    }
  const chosen = chosenUprn || given.uprn || ''
  const found = await findAddresses(database, councilOf(request).id, postcode)
  return {
    postcode,
    searched: true,
    found: found.map((property) => ({
      value: property.uprn,
      text: propertyLine(property),
      checked: property.uprn === chosen,
    })),
  }
}

/** The answer a picked address gives, when one was picked and nothing was typed in by hand. */
export async function addressFromPick(
  database: Database,
  councilId: number,
  body: Record<string, unknown>,
  typed: unknown,
): Promise<Record<string, string> | undefined> {
  const uprn = typeof body.uprn === 'string' ? body.uprn : ''
  if (uprn === '' || typed !== undefined) return undefined
  const property = await propertyByUprn(database, councilId, uprn)
  if (!property) return undefined
  return {
    address_line_1: property.address_line_1,
    ...(property.address_line_2 ? { address_line_2: property.address_line_2 } : {}),
    ...(property.town ? { town: property.town } : {}),
    ...(property.postcode ? { postcode: property.postcode } : {}),
    uprn: property.uprn,
  }
}
