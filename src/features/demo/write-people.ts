// Writes demo residents: the gazetteer of homes, then each resident with their address, emails,
// phones and the few vulnerability flags, through the residents feature (which owns those tables).
import type { Queryable } from '../../platform/db/schema.ts'
import { addResidentsInBulk } from '../residents/service.ts'
import { addPropertyBatch } from '../addresses/service.ts'
import { insertJoinedAccounts } from '../account/service.ts'
import type { AccountPlan } from './accounts.ts'
import type { CallBackPlan } from './call-backs.ts'
import { addRequestedCallBacks } from '../telephony/service.ts'
import { inBatches } from './batches.ts'
import type { Population, PropertyPlan, ResidentPlan } from './people.ts'

function homeOf(population: Population, resident: ResidentPlan): PropertyPlan {
  const home = population.properties[resident.property]
  if (!home) throw new Error('resident without a home in the demo plan')
  return home
}

/** Writes the population and returns resident ids in the order of `population.residents`. */
export async function writePopulation(
  trx: Queryable,
  councilId: number,
  population: Population,
  createdAt: string,
): Promise<number[]> {
  // The gazetteer belongs to the addresses feature: the same batch write the address import uses.
  await inBatches(population.properties, 9, (batch) =>
    addPropertyBatch(
      trx,
      councilId,
      batch.map((p) => ({
        uprn: p.uprn,
        address_line_1: p.line1,
        address_line_2: p.line2,
        town: p.town,
        postcode: p.postcode,
        latitude: p.latitude,
        longitude: p.longitude,
      })),
    ),
  )

  return addResidentsInBulk(
    trx,
    councilId,
    population.residents.map((r) => {
      const home = homeOf(population, r)
      return {
        external_id: null,
        given_name: r.givenName,
        family_name: r.familyName,
        date_of_birth: r.dateOfBirth,
        preferred_channel: r.preferredChannel,
        language: r.language,
        accessibility_needs: r.accessibilityNeeds,
        digital_status: r.digitalStatus,
        addresses: [
          {
            address_line_1: home.line1,
            address_line_2: home.line2,
            town: home.town,
            postcode: home.postcode,
            uprn: home.uprn,
          },
        ],
        emails: r.email ? [r.email] : [],
        phones: [r.mobile, r.landline].filter((phone): phone is string => Boolean(phone)),
        flags: r.vulnerability ? [{ reason: r.vulnerability.reason, review_on: r.vulnerability.reviewOn }] : [],
      }
    }),
    createdAt,
  )
}

/** A resident of the plan and the id it was stored under; `what` names the record that refers to it. */
function plannedResident(population: Population, residentIds: readonly number[], index: number, what: string) {
  const resident = population.residents[index]
  const residentId = residentIds[index]
  if (!resident || residentId === undefined) throw new Error(`${what} for a resident not in the demo plan`)
  return { resident, residentId }
}

/** Each planned account, joined to its resident (`residentIds` in the order of the population). */
export async function writeAccounts(
  trx: Queryable,
  councilId: number,
  accounts: readonly AccountPlan[],
  population: Population,
  residentIds: readonly number[],
): Promise<void> {
  await insertJoinedAccounts(
    trx,
    accounts.map((account) => {
      const { resident, residentId } = plannedResident(population, residentIds, account.resident, 'an account')
      return {
        councilId,
        residentId,
        email: account.email,
        givenName: resident.givenName,
        familyName: resident.familyName,
        createdAt: account.openedAt,
        verifiedAt: account.verifiedAt,
      }
    }),
  )
}

/** The call backs residents asked for in the hours before the history ends, waiting on the list. */
export async function writeCallBacks(
  trx: Queryable,
  councilId: number,
  callBacks: readonly CallBackPlan[],
  population: Population,
  residentIds: readonly number[],
): Promise<void> {
  await addRequestedCallBacks(
    trx,
    callBacks.map((plan) => {
      const { resident, residentId } = plannedResident(population, residentIds, plan.resident, 'a call back')
      return {
        councilId,
        residentId,
        name: `${resident.givenName} ${resident.familyName}`,
        phone: plan.phone,
        window: plan.window,
        reason: plan.reason,
        createdAt: plan.createdAt,
      }
    }),
  )
}
