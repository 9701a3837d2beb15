// Finding a service by plain words and misspellings.
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { editDistance, rankServices, wordScore } from './search.ts'

const services = [
  {
    name: 'Report a missed bin collection',
    names: ['Report a missed bin collection'],
    keywords: ['bin', 'rubbish', 'not emptied', 'Waste'],
  },
  {
    name: 'Apply for a council tax single person discount',
    names: ['Apply for a council tax single person discount'],
    keywords: ['single person discount', 'living alone', 'Council tax'],
  },
  {
    name: 'Pay your council tax',
    names: ['Pay your council tax'],
    keywords: ['pay', 'bill', 'direct debit', 'Council tax'],
  },
  { name: 'Report a pothole', names: ['Report a pothole'], keywords: ['road', 'highways'] },
]
const top = (query: string) => rankServices(query, services).map((s) => s.name)

describe('service search', () => {
  it('finds a service from plain words that are not in its name', () => {
    assert.equal(top('bin not emptied')[0], 'Report a missed bin collection')
  })

  it('ranks the service matching more of the words first', () => {
    const found = top('council tax single person')
    assert.equal(found[0], 'Apply for a council tax single person discount')
    assert.ok(found.includes('Pay your council tax'), 'a service matching some words still shows, lower down')
  })

  it('tolerates misspellings and swapped letters', () => {
    assert.equal(top('councel tax singel persn')[0], 'Apply for a council tax single person discount')
    assert.equal(top('pothoel')[0], 'Report a pothole')
    assert.equal(top('rubish')[0], 'Report a missed bin collection')
  })

  it('finds nothing for words that match no service, and ignores words that carry no meaning', () => {
    assert.deepEqual(top('passport'), [])
    assert.deepEqual(top('the and of'), [])
  })

  it('does not count a short word a letter away as a match', () => {
    assert.equal(wordScore('bag', 'bin'), 0)
    assert.equal(wordScore('tax', 'tap'), 0)
  })

  it('counts a swap of neighbouring letters as one edit', () => {
    assert.equal(editDistance('single', 'singel'), 1)
    assert.equal(editDistance('council', 'councel'), 1)
    assert.equal(editDistance('pothole', 'road'), 3)
  })
})
