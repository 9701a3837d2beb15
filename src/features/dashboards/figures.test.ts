// What a period before any records is compared as: nothing, for every figure, as the rates already
// were; a nought in a period that has records stays a real nought. Periods are made from tallies
// written here, as the metrics service would make them.
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { emptyTally, figures } from '../metrics/figures.ts'
import type { Tally } from '../metrics/figures.ts'
import { FIGURES, anythingRecorded, changeOf, earlierFigure } from './figures.ts'
import { sentencesAgainst } from './sentences.ts'

function period(fill: (tally: Tally) => void) {
  const tally = emptyTally(true, true)
  // The same 280 residents are offline today whichever period is asked about.
  tally.residents.digitallyExcluded = 280
  fill(tally)
  return figures(tally, {})
}

const beforeRecords = period(() => {})
// 500 contacts online and 2,753 by phone: 3,253, of which 500 / 3,253 = 15.4% online.
const firstYear = period((t) => {
  t.contacts.web = 500
  t.contacts.phone = 2753
})
const headlineWords = (earlier: typeof firstYear) =>
  FIGURES.map((spec) => [spec.name, changeOf(spec, earlierFigure(spec, earlier), spec.read(firstYear)).words])

describe('a comparison with a period before any records', () => {
  it('knows a period with nothing recorded from one with a real nought', () => {
    assert.equal(anythingRecorded(beforeRecords), false)
    assert.equal(anythingRecorded(firstYear), true)
    assert.equal(anythingRecorded(period((t) => (t.survey.responses = 1))), true)
    assert.equal(anythingRecorded(period((t) => (t.forms = { started: 1, submitted: 0 }))), true)
  })

  it('gives every figure no earlier figure to compare, counts as well as rates', () => {
    const sentences = sentencesAgainst(beforeRecords, firstYear)
    assert.ok(sentences.includes('Contacts: 3,253, with no earlier figure to compare.'))
    assert.ok(sentences.includes('Phone calls: 0, with no earlier figure to compare.'))
    assert.ok(sentences.includes('Contacts made online: 15.4% of all contacts, with no earlier figure to compare.'))
    assert.deepEqual(
      sentences.filter((s) => /rose|fell|stayed/.test(s)),
      [],
    )
    assert.deepEqual(headlineWords(beforeRecords).slice(0, 2), [
      ['Contacts', 'No data to compare'],
      ['Requests (cases)', 'No data to compare'],
    ])
    assert.deepEqual(
      headlineWords(beforeRecords).filter(([, words]) => words !== 'No data to compare'),
      [['Digitally excluded residents (today)', 'Not compared (a count of residents today)']],
    )
  })

  it('keeps a nought as a nought where the period has records: one call, no contacts', () => {
    const oneCall = period((t) => {
      t.calls = { offered: 1, answered: 0, abandoned: 1, answerMs: 0, withinThreshold: 0 }
    })
    assert.ok(sentencesAgainst(oneCall, firstYear).includes('Contacts rose from 0 to 3,253, a rise of 3,253.'))
    assert.deepEqual(headlineWords(oneCall)[0], ['Contacts', 'Up 3,253 from 0'])
  })

  it('writes no sentence about residents counted today', () => {
    const sentences = sentencesAgainst(firstYear, firstYear)
    // Every figure but the one counted today.
    assert.equal(sentences.length, FIGURES.length - 1)
    assert.deepEqual(
      sentences.filter((s) => /digitally excluded/i.test(s)),
      [],
    )
  })
})
