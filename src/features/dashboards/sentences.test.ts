// The briefing's sentences and the headlines' change words, worked out by hand for each case:
// a rise, a fall, no change (as written, so 41.2% to 41.4% is none), figures with no data, and
// shares (percentage points) against counts (a number and a percentage).
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { sentence } from './sentences.ts'
import { changeOf } from './figures.ts'

const online = { name: 'Online requests', kind: 'share' as const, of: 'of all requests' }
const contacts = { name: 'Contacts', kind: 'count' as const }
const answer = { name: 'Average time to answer a phone call', kind: 'seconds' as const }
const cost = { name: 'Cost per request', kind: 'pounds' as const }

describe('briefing sentences', () => {
  it('says a share rose, in whole percentages of what it is a share of', () => {
    assert.equal(sentence(online, 0.41, 0.58), 'Online requests rose from 41% to 58% of all requests.')
  })

  it('says a share fell', () => {
    assert.equal(sentence(online, 0.58, 0.414), 'Online requests fell from 58% to 41% of all requests.')
  })

  it('says a share stayed the same when the written figures are the same', () => {
    assert.equal(sentence(online, 0.412, 0.414), 'Online requests stayed at 41% of all requests.')
  })

  it('gives a count’s rise as a number and a percentage of the earlier count', () => {
    assert.equal(sentence(contacts, 1200, 1500), 'Contacts rose from 1,200 to 1,500, a rise of 300 (25%).')
    assert.equal(sentence(contacts, 1500, 1200), 'Contacts fell from 1,500 to 1,200, a fall of 300 (20%).')
  })

  it('gives a rise from nothing without a percentage', () => {
    assert.equal(sentence(contacts, 0, 4), 'Contacts rose from 0 to 4, a rise of 4.')
  })

  it('says a count stayed the same', () => {
    assert.equal(sentence(contacts, 7, 7), 'Contacts stayed at 7.')
  })

  it('writes seconds and pounds as such', () => {
    assert.equal(sentence(answer, 70, 55.4), 'Average time to answer a phone call fell from 70 seconds to 55 seconds.')
    assert.equal(sentence(cost, 2.5, 2.1), 'Cost per request fell from £2.50 to £2.10.')
  })

  it('says where there is no data, never calling it zero', () => {
    assert.equal(sentence(online, null, null), 'There is no data on online requests for either period.')
    assert.equal(
      sentence(online, 0.41, null),
      'There is no data on online requests for this period; it was 41% of all requests before.',
    )
    assert.equal(
      sentence(online, null, 0.58),
      'Online requests: 58% of all requests, with no earlier figure to compare.',
    )
  })
})

describe('headline changes', () => {
  const share = { kind: 'share' as const, better: 'higher' as const }
  const abandoned = { kind: 'share' as const, better: 'lower' as const }

  it('names the direction and the amount in words, and whether it is better', () => {
    assert.deepEqual(changeOf(share, 0.41, 0.58), {
      direction: 'up',
      words: 'Up 17 percentage points from 41%',
      judgement: 'better',
    })
    assert.deepEqual(changeOf(abandoned, 0.1, 0.11), {
      direction: 'up',
      words: 'Up 1 percentage point from 10%',
      judgement: 'worse',
    })
    assert.deepEqual(changeOf({ kind: 'count', better: null }, 10, 5), {
      direction: 'down',
      words: 'Down 5 (50%) from 10',
      judgement: null,
    })
  })

  it('says no change, and no data to compare', () => {
    assert.equal(changeOf(share, 0.5, 0.501).words, 'No change from 50%')
    assert.equal(changeOf(share, null, 0.5).words, 'No data to compare')
    assert.equal(changeOf(share, 0.5, null).direction, 'no data')
  })
})
