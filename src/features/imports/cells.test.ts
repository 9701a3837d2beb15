import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import {
  dateOfBirth,
  optionalEmail,
  optionalFlag,
  optionalPhone,
  optionalPostcode,
  optionalTime,
  optionalUprn,
  optionalWholeNumber,
  requiredChoice,
} from './cells.ts'
import { ImportFileError, readHeader } from './header.ts'
import { csvRows } from './records.ts'
import { csv } from './test-fixtures.ts'

describe('import cells', () => {
  it('reads times with an offset as UTC and refuses those without one', () => {
    assert.equal(optionalTime('t', '2024-07-01T10:00:00+01:00'), '2024-07-01T09:00:00.000Z')
    assert.equal(optionalTime('t', '2024-07-01T10:00+0100'), '2024-07-01T09:00:00.000Z')
    assert.equal(optionalTime('t', '2024-01-01 23:30:00.25-05:00'), '2024-01-02T04:30:00.250Z')
    assert.equal(optionalTime('t', '2024-01-01T00:00:00z'), '2024-01-01T00:00:00.000Z')
    assert.equal(optionalTime('t', ' '), null)
    assert.deepEqual(optionalTime('t', '2024-01-01T00:00:00'), {
      problem: 't has no time zone offset: add Z or +01:00',
    })
    assert.deepEqual(optionalTime('t', '01/02/2024 10:00'), {
      problem: 't must be an ISO 8601 time with an offset, like 2024-05-01T09:30:00+01:00',
    })
    assert.deepEqual(optionalTime('t', '2023-02-29T10:00:00Z'), { problem: 't is not a real time' })
    assert.deepEqual(optionalTime('t', '2024-01-01T24:00:00Z'), { problem: 't is not a real time' })
  })

  it('takes a date of birth only when it is real and past', () => {
    assert.equal(dateOfBirth('date_of_birth', '2000-02-29', '2024-06-01'), '2000-02-29')
    assert.deepEqual(dateOfBirth('date_of_birth', '2001-02-29', '2024-06-01'), {
      problem: 'date_of_birth is not a real date',
    })
    assert.deepEqual(dateOfBirth('date_of_birth', '2024-06-01', '2024-06-01'), {
      problem: 'date_of_birth must be in the past',
    })
    assert.deepEqual(dateOfBirth('date_of_birth', '1066-10-14', '2024-06-01'), {
      problem: 'date_of_birth must be on or after 1890-01-01',
    })
    assert.deepEqual(dateOfBirth('date_of_birth', '01/02/1980', '2024-06-01'), {
      problem: 'date_of_birth must be a date written YYYY-MM-DD',
    })
  })

  it('normalises postcodes and emails and checks phones and UPRNs', () => {
    assert.equal(optionalPostcode('postcode', ' sw1a1aa '), 'SW1A 1AA')
    assert.equal(optionalPostcode('postcode', 'm1 1ae'), 'M1 1AE')
    assert.deepEqual(optionalPostcode('postcode', '12345'), { problem: 'postcode is not a valid UK postcode' })
    assert.equal(optionalEmail('email', 'Someone@Example.ORG'), 'someone@example.org')
    for (const bad of ['someone', 'a@b', 'a b@example.org', 'a@@example.org', 'a@example..org'])
      assert.deepEqual(optionalEmail('email', bad), { problem: 'email is not a valid email address' }, bad)
    assert.equal(optionalPhone('phone', '+44 (0)1632 960001'), '+44 (0)1632 960001')
    assert.deepEqual(optionalPhone('phone', 'call me'), { problem: 'phone is not a valid phone number' })
    assert.equal(optionalUprn('uprn', '100023336956'), '100023336956')
    assert.deepEqual(optionalUprn('uprn', '12a'), { problem: 'uprn must be 1 to 12 digits' })
  })

  it('reads flags, whole numbers and closed sets of values in any case', () => {
    assert.deepEqual(
      ['TRUE', 'yes', '1', 'False', 'NO', '0', ''].map((v) => optionalFlag('avoidable', v)),
      [1, 1, 1, 0, 0, 0, null],
    )
    assert.deepEqual(optionalFlag('avoidable', 'perhaps'), {
      problem: 'avoidable must be true or false (or yes/no, 1/0)',
    })
    assert.equal(optionalWholeNumber('handle_seconds', '0'), 0)
    for (const bad of ['-1', '1.5', 'ten', '99999999999'])
      assert.ok('problem' in (optionalWholeNumber('handle_seconds', bad) as object), bad)
    assert.equal(requiredChoice('channel', ' Phone ', ['phone', 'web']), 'phone')
    assert.deepEqual(requiredChoice('channel', '', ['phone', 'web']), { problem: 'channel is required' })
  })
})

describe('import header', () => {
  it('matches names in any case, refuses unknown, repeated and missing ones by name', () => {
    const header = readHeader('contacts', [' Channel', 'DIRECTION', 'started_at', 'outcome'])
    assert.equal(header.positions.get('channel'), 0)
    assert.throws(
      () => readHeader('contacts', ['channel', 'direction', 'started_at', 'outcome', 'colour', '']),
      (error: unknown) =>
        error instanceof ImportFileError && /unknown columns colour, \(unnamed column 6\)/.test(error.message),
    )
    assert.throws(
      () => readHeader('contacts', ['channel', 'channel', 'direction', 'started_at', 'outcome']),
      /column channel appears more than once/,
    )
    assert.throws(
      () => readHeader('cases', ['channel']),
      /missing required columns service_code, created_by, created_at, status/,
    )
  })
})

describe('import CSV rows', () => {
  async function rowsOf(text: string) {
    const rows = []
    for await (const row of csvRows(csv(text, 3)))
      rows.push(row.kind === 'row' ? [row.line, row.fields.length] : [row.line, row.reason])
    return rows
  }

  it('gives each row the line it starts on, through blank lines, quoted line breaks and Windows line endings', async () => {
    assert.deepEqual(await rowsOf('a,b\n1,2\n\n"x\ny",3\n4,5\n'), [
      [1, 2],
      [2, 2],
      [4, 2],
      [6, 2],
    ])
    assert.deepEqual(await rowsOf('\uFEFFa,b\r\n"x\r\n\r\ny",3\r\n\r\n4,5\r\n6,"7\r\n'), [
      [1, 2],
      [2, 2],
      [6, 2],
      [7, 'a quoted field is never closed, so the rest of the file could not be read'],
    ])
  })

  it('keeps a field with a stray quote as written instead of losing the rows after it', async () => {
    const rows = []
    for await (const row of csvRows(csv('a,b\n5\'10",tall\n"x"y,z\n1,2\n'))) rows.push(row)
    assert.deepEqual(
      rows.map((row) => (row.kind === 'row' ? row.fields : row.reason)),
      [
        ['a', 'b'],
        ['5\'10"', 'tall'],
        ['"x"y', 'z'],
        ['1', '2'],
      ],
    )
  })
})
