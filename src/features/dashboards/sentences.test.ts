// The briefing's sentences and the headlines' change words, worked out by hand for each case:
// a rise, a fall, no change, figures with no data, shares (percentage points) against counts (a
// number and a percentage), changes too small to show, and the rounding trap where whole
// percentages would misstate a change (6.50% to 5.38% is 1.1 points, not 7% - 5% = 2). Every
// change is checked against the figures printed beside it: their difference, as a reader works it.
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { sentence } from './sentences.ts'
import { changeOf } from './figures.ts'

const online = { name: 'Online requests', kind: 'share' as const, of: 'of all requests' }
const abandonedCalls = { name: 'Calls abandoned', kind: 'share' as const, of: 'of calls' }
const satisfied = { name: 'Satisfied residents', kind: 'share' as const, of: 'of survey responses' }
const contacts = { name: 'Contacts', kind: 'count' as const }
const calls = { name: 'Phone calls', kind: 'count' as const }
const answer = { name: 'Average time to answer a phone call', kind: 'seconds' as const }
const cost = { name: 'Cost per request', kind: 'pounds' as const }

describe('briefing sentences', () => {
  it('says a share rose, to a tenth of a percentage point however far it moved', () => {
    assert.equal(sentence(online, 0.41, 0.58), 'Online requests rose from 41.0% to 58.0% of all requests.')
  })

  it('says a share fell', () => {
    assert.equal(sentence(online, 0.58, 0.414), 'Online requests fell from 58.0% to 41.4% of all requests.')
  })

  it('writes shares to a tenth, so 41.2% to 41.4% is a rise, not "stayed at 41%"', () => {
    assert.equal(sentence(online, 0.412, 0.414), 'Online requests rose from 41.2% to 41.4% of all requests.')
  })

  it('writes 6.50% to 5.38% as the fall it is, not 7% to 5%', () => {
    // 13 of 200 calls abandoned, then 7 of 130: 6.50% and 5.3846…%, to a tenth 6.5% and 5.4%.
    assert.equal(sentence(abandonedCalls, 13 / 200, 7 / 130), 'Calls abandoned fell from 6.5% to 5.4% of calls.')
  })

  it('says how small a change is when it does not show in the figures as written', () => {
    // 1,250 then 1,251 satisfied of 2,500: 50% and 50.04%, up 0.04 points.
    assert.equal(
      sentence(satisfied, 1250 / 2500, 1251 / 2500),
      'Satisfied residents rose by less than 0.1 percentage points, to 50.0% of survey responses.',
    )
    // Seconds are whole: 55.4 and 55.42 both print 55.
    assert.equal(
      sentence(answer, 55.4, 55.42),
      'Average time to answer a phone call rose by less than 1 second, to 55 seconds.',
    )
    assert.equal(sentence(cost, 2.403, 2.401), 'Cost per request fell by less than 1p, to £2.40.')
  })

  it('says a share stayed the same only when it did', () => {
    assert.equal(sentence(online, 0.5, 0.5), 'Online requests stayed at 50.0% of all requests.')
  })

  it('gives a count’s rise as a number and a percentage of the earlier count', () => {
    assert.equal(sentence(contacts, 1200, 1500), 'Contacts rose from 1,200 to 1,500, a rise of 300 (25%).')
    assert.equal(sentence(contacts, 1500, 1200), 'Contacts fell from 1,500 to 1,200, a fall of 300 (20%).')
    // 3,253 more on 1 is 325,300%.
    assert.equal(sentence(contacts, 1, 3254), 'Contacts rose from 1 to 3,254, a rise of 3,253 (325,300%).')
  })

  it('never calls a real change of a count 0%', () => {
    // 5 of 1,500 is a third of 1%.
    assert.equal(sentence(calls, 1500, 1495), 'Phone calls fell from 1,500 to 1,495, a fall of 5 (less than 1%).')
  })

  it('gives a rise from a real nought without a percentage', () => {
    assert.equal(sentence(contacts, 0, 4), 'Contacts rose from 0 to 4, a rise of 4.')
  })

  it('says a count stayed the same', () => {
    assert.equal(sentence(contacts, 7, 7), 'Contacts stayed at 7.')
  })

  it('writes seconds and pounds as such, one second singular', () => {
    assert.equal(sentence(answer, 70, 55.4), 'Average time to answer a phone call fell from 70 seconds to 55 seconds.')
    assert.equal(sentence(answer, 20, 1), 'Average time to answer a phone call fell from 20 seconds to 1 second.')
    // 60.2 and 59.4 print as 60 and 59 seconds: one second faster, as printed.
    assert.equal(
      sentence(answer, 60.2, 59.4),
      'Average time to answer a phone call fell from 60 seconds to 59 seconds.',
    )
    assert.equal(sentence(cost, 2.5, 2.1), 'Cost per request fell from £2.50 to £2.10.')
  })

  it('says where there is no data, never calling it zero', () => {
    assert.equal(sentence(online, null, null), 'There is no data on online requests for either period.')
    assert.equal(
      sentence(online, 0.41, null),
      'There is no data on online requests for this period; it was 41.0% of all requests before.',
    )
    assert.equal(
      sentence(online, null, 0.58),
      'Online requests: 58.0% of all requests, with no earlier figure to compare.',
    )
    assert.equal(sentence(contacts, null, 3253), 'Contacts: 3,253, with no earlier figure to compare.')
  })
})

describe('headline changes', () => {
  const share = { kind: 'share' as const, better: 'higher' as const }
  const abandoned = { kind: 'share' as const, better: 'lower' as const }
  const count = { kind: 'count' as const, better: null }

  it('names the direction and the amount in words, and whether it is better', () => {
    assert.deepEqual(changeOf(share, 0.41, 0.58), {
      direction: 'up',
      words: 'Up 17.0 percentage points from 41.0%',
      judgement: 'better',
    })
    assert.deepEqual(changeOf(abandoned, 0.1, 0.11), {
      direction: 'up',
      words: 'Up 1.0 percentage points from 10.0%',
      judgement: 'worse',
    })
    assert.deepEqual(changeOf(count, 10, 5), { direction: 'down', words: 'Down 5 (50%) from 10', judgement: null })
  })

  it('works a change out from the figures, not from them rounded: 6.50% to 5.38% is down 1.1 points', () => {
    // 6.50 - 5.3846… = 1.115 points; whole percentages (7% and 5%) would say 2.
    assert.deepEqual(changeOf(abandoned, 13 / 200, 7 / 130), {
      direction: 'down',
      words: 'Down 1.1 percentage points from 6.5%',
      judgement: 'better',
    })
  })

  it('never says a real change was nought', () => {
    assert.equal(changeOf(share, 1250 / 2500, 1251 / 2500).words, 'Up less than 0.1 percentage points from 50.0%')
    assert.equal(changeOf(count, 1500, 1495).words, 'Down 5 (less than 1%) from 1,500')
    assert.equal(
      changeOf({ kind: 'seconds', better: 'lower' }, 60.2, 60.4).words,
      'Up less than 1 second from 60 seconds',
    )
    assert.deepEqual(changeOf({ kind: 'pounds', better: 'lower' }, 2.401, 2.403), {
      direction: 'up',
      words: 'Up less than 1p from £2.40',
      judgement: 'worse',
    })
  })

  it('gives a change that is the difference of the figures printed beside it', () => {
    // 32.549% prints 32.5% and 32.86% prints 32.9%: up 0.4 as printed (0.311 before rounding).
    assert.equal(changeOf(share, 0.32549, 0.3286).words, 'Up 0.4 percentage points from 32.5%')
    assert.equal(sentence(online, 0.32549, 0.3286), 'Online requests rose from 32.5% to 32.9% of all requests.')
    // 56.24% prints 56.2% and 55.56% prints 55.6%: down 0.6 (0.68 before rounding).
    assert.equal(changeOf(share, 0.5624, 0.5556).words, 'Down 0.6 percentage points from 56.2%')
    // £9.784 prints £9.78 and £8.676 prints £8.68: down £1.10 (£1.108 before rounding).
    assert.equal(changeOf({ kind: 'pounds', better: 'lower' }, 9.784, 8.676).words, 'Down £1.10 from £9.78')
    assert.equal(sentence(cost, 9.784, 8.676), 'Cost per request fell from £9.78 to £8.68.')
    // 59.4 seconds prints 59 and 55.6 prints 56: down 3 (3.8 before rounding).
    assert.equal(changeOf({ kind: 'seconds', better: 'lower' }, 59.4, 55.6).words, 'Down 3 seconds from 59 seconds')
    assert.equal(
      sentence(answer, 59.4, 55.6),
      'Average time to answer a phone call fell from 59 seconds to 56 seconds.',
    )
  })

  it('agrees with a reader’s subtraction for every pair of shares of a thousand', () => {
    for (let before = 0; before <= 1000; before += 7)
      for (let after = 0; after <= 1000; after += 13) {
        const words = sentence(online, before / 1000, after / 1000)
        const figures = /from ([\d.]+)% to ([\d.]+)%/.exec(words)
        if (!figures) continue
        const change = changeOf(share, before / 1000, after / 1000).words
        const points = /^(?:Up|Down) ([\d.]+) percentage points from ([\d.]+)%$/.exec(change)
        assert.ok(points, change)
        assert.equal(points[2], figures[1])
        const printed = Math.abs(Number(figures[2]) - Number(figures[1])).toFixed(1)
        assert.equal(points[1], printed, `${words} / ${change}`)
      }
  })

  it('says no change, and no data to compare', () => {
    assert.equal(changeOf(share, 0.5, 0.5).words, 'No change from 50.0%')
    assert.equal(changeOf(share, null, 0.5).words, 'No data to compare')
    assert.equal(changeOf(share, 0.5, null).direction, 'no data')
  })

  it('does not compare a count of today with any period', () => {
    const today = { kind: 'count' as const, better: null, today: true as const }
    const notCompared = {
      direction: 'not compared',
      words: 'Not compared (a count of residents today)',
      judgement: null,
    }
    assert.deepEqual(changeOf(today, 280, 280), notCompared)
    assert.deepEqual(changeOf(today, 250, 280), notCompared)
  })
})
