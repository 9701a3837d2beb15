import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { criteriaKinds, nextDay, parseSearch, startOfDay } from './criteria.ts'

const date = (which: string, day: string, month: string, year: string) => ({
  [`${which}-day`]: day,
  [`${which}-month`]: month,
  [`${which}-year`]: year,
})

describe('audit search criteria', () => {
  it('reads a resident number, or words to find a person by name', () => {
    assert.deepEqual(parseSearch({ person: ' 42 ' }).criteria, { person: { residentId: 42 } })
    assert.deepEqual(parseSearch({ person: 'Jane Smith' }).criteria, { person: { words: 'Jane Smith' } })
    assert.deepEqual(
      parseSearch({ person: 'J' }).errors.map((e) => e.name),
      ['person'],
    )
    for (const number of ['0', '2147483648', '999999999999999']) {
      assert.deepEqual(
        parseSearch({ person: number }).errors,
        [{ name: 'person', message: 'There is no resident with this number: check it, or give their name' }],
        number,
      )
    }
  })

  it('takes a kind of record, with or without its number, but not a number without its kind', () => {
    assert.deepEqual(parseSearch({ recordType: 'case', recordId: 'FD-2026-000001' }).criteria, {
      record: { type: 'case', id: 'FD-2026-000001' },
    })
    assert.deepEqual(parseSearch({ recordType: 'audit_event', recordId: '' }).criteria, {
      record: { type: 'audit_event' },
    })
    assert.deepEqual(parseSearch({ recordType: '', recordId: '12' }).errors, [
      { name: 'recordType', message: 'Select the kind of record' },
    ])
    assert.deepEqual(
      parseSearch({ recordType: 'password', recordId: '12' }).errors.map((e) => e.name),
      ['recordType'],
    )
  })

  it('takes an actor’s label as typed and a kind of actor from the list only', () => {
    assert.deepEqual(parseSearch({ actor: 'staff:12', actorKind: 'staff' }).criteria, {
      actorLabel: 'staff:12',
      actorKind: 'staff',
    })
    assert.deepEqual(
      parseSearch({ actorKind: 'robot' }).errors.map((e) => e.name),
      ['actorKind'],
    )
  })

  it('reads whole dates, and says what is wrong with one that is not', () => {
    assert.deepEqual(parseSearch(date('from', '3', '2', '2026')).criteria, { from: { year: 2026, month: 2, day: 3 } })
    assert.deepEqual(parseSearch(date('from', '', '2', '2026')).errors, [
      { name: 'from', message: 'Date from must include a day' },
    ])
    assert.deepEqual(parseSearch(date('to', '3', '', '')).errors, [
      { name: 'to', message: 'Date to must include a month and year' },
    ])
    assert.deepEqual(parseSearch(date('from', '31', '2', '2026')).errors, [
      { name: 'from', message: 'Date from must be a real date' },
    ])
    assert.deepEqual(parseSearch(date('from', 'x', '2', '2026')).errors, [
      { name: 'from', message: 'Date from must be a real date' },
    ])
    assert.deepEqual(parseSearch(date('from', '3', '2', '26')).errors, [
      { name: 'from', message: 'Date from must include a year with 4 numbers, like 2026' },
    ])
  })

  it('refuses a range that ends before it starts, but takes a single day', () => {
    assert.deepEqual(parseSearch({ ...date('from', '3', '2', '2026'), ...date('to', '2', '2', '2026') }).errors, [
      { name: 'to', message: 'Date to must be the same as or after date from' },
    ])
    assert.deepEqual(parseSearch({ ...date('from', '3', '2', '2026'), ...date('to', '3', '2', '2026') }).errors, [])
  })

  it('keeps the form as typed, to show it again', () => {
    assert.equal(parseSearch({ person: '  Jane ', 'from-day': '31' }).values.person, 'Jane')
    assert.equal(parseSearch({ 'from-day': '31' }).values.from.day, '31')
    assert.equal(parseSearch({ person: ['a', 'b'] }).values.person, '', 'a repeated field is not a string')
  })

  it('names which kinds of criteria a search used, never their values', () => {
    const { criteria } = parseSearch({
      person: 'Jane Smith',
      recordType: 'case',
      recordId: '3',
      actor: 'staff:1',
      ...date('to', '3', '2', '2026'),
    })
    assert.deepEqual(criteriaKinds(criteria), ['person_name', 'record', 'actor', 'to'])
    assert.deepEqual(criteriaKinds(parseSearch({ person: '12' }).criteria), ['person_number'])
  })

  it('begins a day at local midnight, in summer time and out of it', () => {
    assert.equal(startOfDay({ year: 2026, month: 1, day: 15 }, 'Europe/London'), '2026-01-15T00:00:00.000Z')
    assert.equal(startOfDay({ year: 2026, month: 7, day: 15 }, 'Europe/London'), '2026-07-14T23:00:00.000Z')
    // The clocks go forward at 1am on 29 March 2026: that day still begins at midnight GMT.
    assert.equal(startOfDay({ year: 2026, month: 3, day: 29 }, 'Europe/London'), '2026-03-29T00:00:00.000Z')
    assert.equal(startOfDay({ year: 2026, month: 3, day: 30 }, 'Europe/London'), '2026-03-29T23:00:00.000Z')
    assert.deepEqual(nextDay({ year: 2026, month: 12, day: 31 }), { year: 2027, month: 1, day: 1 })
  })
})
