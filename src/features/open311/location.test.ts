// Which residents' own addresses an answer must read: only those whose place the property alone
// cannot settle. Reading fewer must never publish more than a postcode sector for a home.
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { homesByResident, needsOwnHomes, publicLocation } from './location.ts'

const place = (over: Partial<Parameters<typeof needsOwnHomes>[0]>) => ({
  resident_id: 7,
  location_uprn: null,
  location_address: '4 Mill Lane, Exampleton EX1 2AB',
  latitude: null,
  longitude: null,
  ...over,
})

describe('Open311 places: which residents are looked up', () => {
  const homeUprns = new Set(['100'])
  const postcodes = new Map([['100', 'EX1 2AB']])

  it('needs no resident for an anonymous report or one without an address', () => {
    assert.equal(needsOwnHomes(place({ resident_id: null }), homeUprns, postcodes), false)
    assert.equal(needsOwnHomes(place({ location_address: null }), homeUprns, postcodes), false)
  })

  it('needs no resident when the property is a home and its postcode is known', () => {
    assert.equal(needsOwnHomes(place({ location_uprn: '100' }), homeUprns, postcodes), false)
    assert.equal(needsOwnHomes(place({ location_uprn: '100' }), homeUprns, new Map()), false, 'postcode in the address')
  })

  it("needs the resident's addresses when the property is not known as a home, or nothing else gives its postcode", () => {
    assert.equal(needsOwnHomes(place({}), homeUprns, postcodes), true)
    assert.equal(needsOwnHomes(place({ location_uprn: '200' }), homeUprns, postcodes), true)
    assert.equal(
      needsOwnHomes(place({ location_uprn: '100', location_address: '4 Mill Lane' }), homeUprns, new Map()),
      true,
    )
  })

  it("shows such a home as the sector of the resident's own postcode, and nothing finer", () => {
    const row = place({ location_uprn: '100', location_address: '4 Mill Lane', latitude: 51.5, longitude: -0.1 })
    const homes = homesByResident([{ resident_id: 7, address_line_1: '4 Mill Lane', postcode: 'EX1 2AB' }])
    assert.deepEqual(publicLocation(row, { homeUprns, homes, postcodes: new Map() }), { address: 'EX1 2' })
  })

  it("shows a street point that is the resident's own address as a sector, found through their addresses", () => {
    const row = place({ location_address: '4 Mill Lane', latitude: 51.5, longitude: -0.1 })
    assert.equal(needsOwnHomes(row, homeUprns, postcodes), true)
    const homes = homesByResident([{ resident_id: 7, address_line_1: '4 Mill Lane', postcode: 'EX1 2AB' }])
    assert.deepEqual(publicLocation(row, { homeUprns: new Set(), homes, postcodes: new Map() }), { address: 'EX1 2' })
  })
})
