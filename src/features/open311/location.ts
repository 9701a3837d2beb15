// Where a request is, as the public may see it. A request about someone's home says only the
// postcode sector ("SW1A 1"): no street address, property reference or coordinates, since a
// sector holds thousands of addresses while a point or a house number names one household.
import type { HomeAddress } from './repo.ts'

export type PublicLocation = {
  address?: string
  address_id?: string
  zipcode?: string
  lat?: number
  long?: number
}

const POSTCODE = /\b([A-Z]{1,2}\d[A-Z\d]?)\s*(\d)[A-Z]{2}\b/i

/** The sector of a full postcode: outward code, a space and the first digit of the inward code. */
export function postcodeSector(text: string | null | undefined): string | undefined {
  const match = text ? POSTCODE.exec(text) : null
  return match ? `${match[1]!.toUpperCase()} ${match[2]}` : undefined
}

export function fullPostcode(text: string | null | undefined): string | undefined {
  const match = text ? POSTCODE.exec(text) : null
  return match ? match[0].toUpperCase().replace(/\s+/, ' ') : undefined
}

type Located = {
  resident_id: number | null
  location_uprn: string | null
  location_address: string | null
  latitude: number | null
  longitude: number | null
}

const squash = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '')

/** A resident's addresses, found by resident: an answer of a thousand requests looks each up once. */
export type HomesByResident = ReadonlyMap<number, readonly HomeAddress[]>

export function homesByResident(homes: readonly HomeAddress[]): HomesByResident {
  const byResident = new Map<number, HomeAddress[]>()
  for (const home of homes) byResident.set(home.resident_id, [...(byResident.get(home.resident_id) ?? []), home])
  return byResident
}

/** The case's own resident's address that the place names, if any. */
function ownHome(row: Located, homes: HomesByResident): HomeAddress | undefined {
  if (row.resident_id === null || row.location_address === null) return undefined
  const given = squash(row.location_address)
  return homes.get(row.resident_id)?.find((home) => given.includes(squash(home.address_line_1)))
}

/** Whether the place is a home: a resident lives at its UPRN, or it is the address of the case's own resident. */
export function isHome(row: Located, homeUprns: Set<string>, homes: HomesByResident): boolean {
  if (row.location_uprn !== null && homeUprns.has(row.location_uprn)) return true
  return ownHome(row, homes) !== undefined
}

export type Places = { homeUprns: Set<string>; homes: HomesByResident; postcodes: Map<string, string> }

/** The postcode a place has on record: the property's, else one written in its address. */
function postcodeOf(row: Located, postcodes: Map<string, string>): string | undefined {
  return (
    (row.location_uprn === null ? undefined : postcodes.get(row.location_uprn)) ?? fullPostcode(row.location_address)
  )
}

/**
 * Whether the answer for this place depends on its resident's own addresses: when its property is
 * not known to be a home, or it is and nothing else gives its postcode. Only those residents'
 * addresses are read, which in a typical answer is well under half of them.
 */
export function needsOwnHomes(row: Located, homeUprns: Set<string>, postcodes: Map<string, string>): boolean {
  if (row.resident_id === null || row.location_address === null) return false
  if (row.location_uprn === null || !homeUprns.has(row.location_uprn)) return true
  return postcodeOf(row, postcodes) === undefined
}

export function publicLocation(row: Located, places: Places): PublicLocation {
  const postcode = postcodeOf(row, places.postcodes)
  if (isHome(row, places.homeUprns, places.homes)) {
    return { address: postcodeSector(postcode ?? ownHome(row, places.homes)?.postcode) }
  }
  return {
    address: row.location_address ?? undefined,
    address_id: row.location_uprn ?? undefined,
    zipcode: fullPostcode(postcode),
    lat: row.latitude ?? undefined,
    long: row.longitude ?? undefined,
  }
}
