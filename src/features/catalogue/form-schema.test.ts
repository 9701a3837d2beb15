import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import type { FormField } from './form-fields.ts'
import { checkAnswers, checkFormDefinition, compileFormSchema } from './form-schema.ts'

const field = (name: string, type: FormField['type'], extra: Partial<FormField> = {}): FormField => ({
  name,
  label: name,
  type,
  required: true,
  ...extra,
})

const everyType: FormField[] = [
  field('summary', 'text'),
  field('details', 'textarea', { required: false }),
  field('bags', 'number', { min: 1, max: 10 }),
  field('seen_on', 'date'),
  field('bin', 'select', { options: ['black', 'blue', 'green'] }),
  field('side', 'radios', { options: ['front', 'back'] }),
  field('hazards', 'checkboxes', { options: ['glass', 'needles', 'asbestos'] }),
  field('blocking', 'yes_no'),
  field('email', 'email'),
  field('phone', 'phone'),
  field('postcode', 'postcode'),
  field('where', 'address'),
]

const goodAnswers = {
  summary: 'Fly-tipped mattress',
  bags: 3,
  seen_on: '2026-03-27',
  bin: 'blue',
  side: 'front',
  hazards: ['glass'],
  blocking: false,
  email: 'someone@example.com',
  phone: '07700 900 982',
  postcode: 'sw1a 1aa',
  where: { address_line_1: '1 High Street', town: 'Anytown', postcode: 'AB1 2CD', uprn: '100023336956' },
}

function messageFor(answers: Record<string, unknown>, name: string): string | undefined {
  return checkAnswers(everyType, answers).find((error) => error.name === `answers.${name}`)?.message
}

describe('compileFormSchema', () => {
  it('makes an object schema that refuses unknown answers and lists the required questions', () => {
    const schema = compileFormSchema(everyType)
    assert.equal(schema.type, 'object')
    assert.equal(schema.additionalProperties, false)
    assert.deepEqual(
      schema.required,
      everyType.filter((f) => f.required).map((f) => f.name),
    )
  })

  it('gives each type its JSON Schema shape', () => {
    const properties = compileFormSchema([...everyType, field('note', 'text', { required: false, maxLength: 40 })])
      .properties as Record<string, Record<string, unknown>>
    assert.equal(properties.summary?.maxLength, 500)
    assert.equal(properties.details?.maxLength, 5000)
    assert.equal(properties.note?.maxLength, 40)
    assert.deepEqual([properties.bags?.type, properties.bags?.minimum, properties.bags?.maximum], ['number', 1, 10])
    assert.equal(properties.seen_on?.format, 'date')
    assert.deepEqual(properties.bin?.enum, ['black', 'blue', 'green'])
    assert.deepEqual(properties.side?.enum, ['front', 'back'])
    assert.deepEqual([properties.hazards?.type, properties.hazards?.uniqueItems], ['array', true])
    assert.deepEqual((properties.hazards?.items as Record<string, unknown>).enum, ['glass', 'needles', 'asbestos'])
    assert.equal(properties.blocking?.type, 'boolean')
    assert.equal(properties.email?.format, 'email')
    assert.equal(typeof properties.phone?.pattern, 'string')
    assert.equal(typeof properties.postcode?.pattern, 'string')
    assert.deepEqual(properties.where?.required, ['address_line_1'])
    assert.deepEqual(Object.keys(properties.where?.properties as object), [
      'address_line_1',
      'address_line_2',
      'town',
      'postcode',
      'uprn',
    ])
    assert.equal(properties.summary?.title, 'summary')
  })
})

describe('checkAnswers', () => {
  it('accepts a complete set of good answers', () => {
    assert.deepEqual(checkAnswers(everyType, goodAnswers), [])
  })

  it('names every missing required question with a plain message, in form order', () => {
    const errors = checkAnswers(everyType, {})
    assert.deepEqual(
      errors.map((e) => e.name),
      everyType.filter((f) => f.required).map((f) => `answers.${f.name}`),
    )
    const messages = Object.fromEntries(errors.map((e) => [e.name, e.message]))
    assert.equal(messages['answers.summary'], 'Enter an answer')
    assert.equal(messages['answers.bags'], 'Enter a number')
    assert.equal(messages['answers.seen_on'], 'Enter a date')
    assert.equal(messages['answers.bin'], 'Select an option from the list')
    assert.equal(messages['answers.side'], 'Select an option from the list')
    assert.equal(messages['answers.hazards'], 'Select at least one option')
    assert.equal(messages['answers.blocking'], 'Select yes or no')
    assert.equal(messages['answers.email'], 'Enter your email address')
    assert.equal(messages['answers.phone'], 'Enter your phone number')
    assert.equal(messages['answers.postcode'], 'Enter your postcode')
    assert.equal(messages['answers.where'], 'Enter the address')
  })

  it('treats a blank or spaces-only required text answer as missing', () => {
    assert.equal(messageFor({ ...goodAnswers, summary: '' }, 'summary'), 'Enter an answer')
    assert.equal(messageFor({ ...goodAnswers, summary: '   ' }, 'summary'), 'Enter an answer')
  })

  it('explains wrong values for each type', () => {
    assert.equal(
      messageFor({ ...goodAnswers, summary: 'x'.repeat(501) }, 'summary'),
      'Your answer must be 500 characters or fewer',
    )
    assert.equal(
      messageFor({ ...goodAnswers, details: 'x'.repeat(5001) }, 'details'),
      'Your answer must be 5000 characters or fewer',
    )
    assert.equal(messageFor({ ...goodAnswers, bags: 'three' }, 'bags'), 'Enter a number, like 3')
    assert.equal(messageFor({ ...goodAnswers, bags: 0 }, 'bags'), 'Enter a number that is 1 or more')
    assert.equal(messageFor({ ...goodAnswers, bags: 11 }, 'bags'), 'Enter a number that is 10 or less')
    assert.equal(messageFor({ ...goodAnswers, seen_on: '2026-02-30' }, 'seen_on'), 'Enter a real date, like 2026-03-27')
    assert.equal(messageFor({ ...goodAnswers, bin: 'purple' }, 'bin'), 'Select an option from the list')
    assert.equal(messageFor({ ...goodAnswers, side: 'left' }, 'side'), 'Select an option from the list')
    assert.equal(messageFor({ ...goodAnswers, hazards: ['glass', 'cats'] }, 'hazards'), 'Select options from the list')
    assert.equal(messageFor({ ...goodAnswers, hazards: ['glass', 'glass'] }, 'hazards'), 'Select each option only once')
    assert.equal(messageFor({ ...goodAnswers, hazards: [] }, 'hazards'), 'Select at least one option')
    assert.equal(messageFor({ ...goodAnswers, blocking: 'yes' }, 'blocking'), 'Select yes or no')
    assert.equal(
      messageFor({ ...goodAnswers, email: 'not an email' }, 'email'),
      'Enter an email address in the correct format, like name@example.com',
    )
    assert.equal(
      messageFor({ ...goodAnswers, phone: '12345' }, 'phone'),
      'Enter a UK phone number, like 01632 960 001 or 07700 900 982',
    )
    assert.equal(messageFor({ ...goodAnswers, postcode: 'ABC' }, 'postcode'), 'Enter a real postcode, like SW1A 1AA')
    assert.equal(
      messageFor({ ...goodAnswers, where: { town: 'Anytown' } }, 'where'),
      'Enter the first line of the address',
    )
    assert.equal(
      messageFor({ ...goodAnswers, where: { address_line_1: '1 High St', postcode: 'nope' } }, 'where'),
      'Enter a real postcode for the address, like SW1A 1AA',
    )
    assert.equal(
      messageFor({ ...goodAnswers, where: { address_line_1: '1 High St', uprn: 'abc' } }, 'where'),
      'The property reference (UPRN) must be up to 12 digits',
    )
    assert.equal(messageFor({ ...goodAnswers, where: '1 High Street' }, 'where'), 'Enter the address')
  })

  it('accepts the usual ways of writing UK phone numbers and postcodes', () => {
    for (const phone of [
      '01632 960 001',
      '(01632) 960001',
      '+44 808 157 0192',
      '+44 (0)20 7946 0000',
      '0800 123 456',
      '07700-900-982',
    ]) {
      assert.equal(messageFor({ ...goodAnswers, phone }, 'phone'), undefined, phone)
    }
    for (const postcode of ['SW1A 1AA', 'm1 1ae', 'B338TH', 'CR2 6XH', 'DN55 1PT']) {
      assert.equal(messageFor({ ...goodAnswers, postcode }, 'postcode'), undefined, postcode)
    }
  })

  it('gives one message per question even when several rules fail', () => {
    const errors = checkAnswers(everyType, { ...goodAnswers, hazards: ['cats', 'cats'] })
    assert.equal(errors.filter((e) => e.name === 'answers.hazards').length, 1)
  })

  it('refuses answers to questions the form does not ask, and answers that are not an object', () => {
    assert.deepEqual(checkAnswers(everyType, { ...goodAnswers, favourite_colour: 'red' }), [
      { name: 'answers.favourite_colour', message: 'This question is not part of the form' },
    ])
    assert.deepEqual(checkAnswers(everyType, ['a']), [{ name: 'answers', message: 'Answer the questions on the form' }])
  })

  it('lets optional questions be left out', () => {
    const optional = everyType.map((f) => ({ ...f, required: false }))
    assert.deepEqual(checkAnswers(optional, {}), [])
  })
})

describe('checkFormDefinition', () => {
  it('accepts a well-formed form', () => {
    assert.deepEqual(checkFormDefinition(everyType), [])
  })

  it('refuses names that are not lower_snake, and repeated names', () => {
    const errors = checkFormDefinition([field('Bad Name', 'text'), field('ok', 'text'), field('ok', 'number')])
    assert.deepEqual(
      errors.map((e) => e.name),
      ['body.form.0.name', 'body.form.2.name'],
    )
  })

  it('needs options on choice questions, and only on them, without repeats', () => {
    const errors = checkFormDefinition([
      field('a', 'select'),
      field('b', 'radios', { options: [] }),
      field('c', 'checkboxes', { options: ['x', 'x'] }),
      field('d', 'text', { options: ['x'] }),
    ])
    assert.deepEqual(
      errors.map((e) => e.name),
      ['body.form.0.options', 'body.form.1.options', 'body.form.2.options', 'body.form.3.options'],
    )
  })

  it('refuses a minimum above the maximum, and ranges or lengths on the wrong type', () => {
    const errors = checkFormDefinition([
      field('a', 'number', { min: 5, max: 1 }),
      field('b', 'date', { max: 3 }),
      field('c', 'number', { maxLength: 3 }),
    ])
    assert.deepEqual(errors, [
      { name: 'body.form.0.min', message: 'The minimum must not be more than the maximum' },
      { name: 'body.form.1.max', message: 'Only number questions have a minimum or maximum' },
      { name: 'body.form.2.maxLength', message: 'Only text and textarea questions have a maximum length' },
    ])
  })
})
