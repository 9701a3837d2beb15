// The numbers a resident may leave for a call back: what an advisor can ring, and nothing else.
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { PHONE_EXAMPLE, nationalNumber, phoneNumberProblem, readableNumber } from './phone-number.ts'
import { callerNumberHash } from './keys.ts'

describe('a number to call back', () => {
  it('takes UK numbers written the ways GOV.UK allows, in their national form', () => {
    const written: Record<string, string> = {
      '01632 960 001': '01632960001',
      '(01632) 960001': '01632960001',
      '07700 900 982': '07700900982',
      '07700-900-982': '07700900982',
      '+44 7700 900982': '07700900982',
      '+44 (0)7700 900982': '07700900982',
      '0044 7700 900982': '07700900982',
      '020 7946 0000': '02079460000',
      '0300 123 4567': '03001234567',
      '0800 123 456': '0800123456',
      '016977 3456': '0169773456',
    }
    for (const [typed, national] of Object.entries(written)) {
      assert.equal(phoneNumberProblem(typed), undefined, typed)
      assert.equal(nationalNumber(typed), national, typed)
    }
  })

  it('refuses numbers that cannot be rung, saying what to enter', () => {
    for (const typed of [
      '7700 900982',
      '1234567890',
      '0000000000',
      '0770090098',
      '07700 900 98',
      '077009009821234',
      '--------0770090098',
      '020 7946 000',
      '04000 000000',
      'call me',
      '0161 496 0000 ext 2',
    ])
      assert.equal(phoneNumberProblem(typed), PHONE_EXAMPLE, typed)
    assert.equal(phoneNumberProblem('  '), 'Enter a telephone number')
    assert.equal(
      phoneNumberProblem('+33 1 23 45 67 89'),
      'Enter a UK telephone number: we cannot call numbers outside the UK',
    )
    assert.equal(phoneNumberProblem('0909 879 0000'), 'Enter a telephone number that does not start with 09')
  })

  it('is the same number the caller’s hash is made from, however it is written', () => {
    const hash = (raw: string) => callerNumberHash('s'.repeat(32), 1, raw)
    for (const written of ['+44 (0)20 7946 0000', '0044 20 7946 0000', '44 20 7946 0000', '(020) 7946 0000'])
      assert.equal(hash(written), hash('020 7946 0000'), written)
    assert.equal(nationalNumber('+44 (0)20 7946 0000'), '02079460000')
  })

  it('reads back in the groups people say a UK number in, however it was typed', () => {
    const read: Record<string, string> = {
      '07700900123': '07700 900123',
      '+44 (0)7700 900 123': '07700 900123',
      '0044-7700-900-123': '07700 900123',
      '02079460000': '020 7946 0000',
      '+44 20 7946 0000': '020 7946 0000',
      '0161 4960000': '0161 496 0000',
      '01134960000': '0113 496 0000',
      '01632 960 001': '01632 960001',
      '016977 3456': '016977 3456',
      '01697731234': '016977 31234',
      '0300 1234567': '0300 123 4567',
      '08001234567': '0800 123 4567',
      '0800 123 456': '0800 123456',
      '05612345678': '056 1234 5678',
    }
    for (const [typed, shown] of Object.entries(read)) assert.equal(readableNumber(typed), shown, typed)
  })

  it('leaves a number it cannot read as a UK one as it was typed', () => {
    for (const typed of ['call me', '+33 1 23 45 67 89', '12345', '']) assert.equal(readableNumber(typed), typed)
  })
})
