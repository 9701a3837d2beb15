// Writes demo residents: the gazetteer of homes, each resident with their address, emails and
// phones, the search text the one search box uses, and the few vulnerability flags.
import type { Insertable } from 'kysely'
import type { ResidentContactDetailTable, Queryable } from '../../platform/db/schema.ts'
import { searchTextFor } from '../residents/service.ts'
import { inBatches, insertReturningIds } from './batches.ts'
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
  await inBatches(population.properties, 9, (batch) =>
    trx
      .insertInto('property')
      .values(
        batch.map((p) => ({
          council_id: councilId,
          uprn: p.uprn,
          address_line_1: p.line1,
          address_line_2: p.line2,
          town: p.town,
          postcode: p.postcode,
          latitude: p.latitude,
          longitude: p.longitude,
        })),
      )
      .execute(),
  )

  const residentIds = await insertReturningIds(population.residents, 14, (batch) =>
    trx
      .insertInto('resident')
      .values(
        batch.map((r) => ({
          council_id: councilId,
          external_id: null,
          given_name: r.givenName,
          family_name: r.familyName,
          date_of_birth: r.dateOfBirth,
          preferred_channel: r.preferredChannel,
          language: r.language,
          accessibility_needs: r.accessibilityNeeds,
          digital_status: r.digitalStatus,
          merged_into: null,
          search_text: searchTextFor({
            given_name: r.givenName,
            family_name: r.familyName,
            postcodes: [homeOf(population, r).postcode],
            phones: [r.mobile, r.landline],
            emails: [r.email],
          }),
          created_at: createdAt,
          updated_at: createdAt,
        })),
      )
      .returning('id')
      .execute(),
  )

  const idOf = (i: number): number => {
    const id = residentIds[i]
    if (id === undefined) throw new Error('resident id missing')
    return id
  }

  const addresses = population.residents.map((r, i) => {
    const home = homeOf(population, r)
    return {
      council_id: councilId,
      resident_id: idOf(i),
      address_line_1: home.line1,
      address_line_2: home.line2,
      town: home.town,
      postcode: home.postcode,
      uprn: home.uprn,
      is_primary: 1 as const,
      created_at: createdAt,
    }
  })
  await inBatches(addresses, 9, (batch) => trx.insertInto('resident_address').values(batch).execute())

  const details = population.residents.flatMap((r, i) => {
    const rows: Insertable<ResidentContactDetailTable>[] = []
    if (r.email)
      rows.push({
        council_id: councilId,
        resident_id: idOf(i),
        kind: 'email',
        value: r.email,
        is_primary: 1,
        created_at: createdAt,
      })
    if (r.mobile)
      rows.push({
        council_id: councilId,
        resident_id: idOf(i),
        kind: 'phone',
        value: r.mobile,
        is_primary: 1,
        created_at: createdAt,
      })
    if (r.landline)
      rows.push({
        council_id: councilId,
        resident_id: idOf(i),
        kind: 'phone',
        value: r.landline,
        is_primary: r.mobile ? 0 : 1,
        created_at: createdAt,
      })
    return rows
  })
  await inBatches(details, 6, (batch) => trx.insertInto('resident_contact_detail').values(batch).execute())

  const flags = population.residents.flatMap((r, i) =>
    r.vulnerability
      ? [
          {
            council_id: councilId,
            resident_id: idOf(i),
            reason: r.vulnerability.reason,
            review_on: r.vulnerability.reviewOn,
            created_by: null,
            created_at: createdAt,
            ended_at: null,
          },
        ]
      : [],
  )
  await inBatches(flags, 7, (batch) => trx.insertInto('vulnerability_flag').values(batch).execute())
  return residentIds
}
