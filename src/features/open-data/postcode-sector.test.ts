import { test } from 'node:test'
import assert from 'node:assert/strict'
import { postcodeSector } from './postcode-sector.ts'

test('a postcode becomes its sector, with or without the space, in any case', () => {
  assert.equal(postcodeSector('SW1A 1AA'), 'SW1A 1')
  assert.equal(postcodeSector('m11ae'), 'M1 1')
  assert.equal(postcodeSector('EC1V 9HX'), 'EC1V 9')
})

test('an address line gives the sector of the postcode inside it and nothing else of it', () => {
  assert.equal(postcodeSector('12 Acacia Avenue, Testville AB1 2CD'), 'AB1 2')
})

test('no postcode, no place', () => {
  assert.equal(postcodeSector('Outside the library'), null)
  assert.equal(postcodeSector(null), null)
  assert.equal(postcodeSector(''), null)
})
