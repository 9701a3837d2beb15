// The one form renderer: every kind of question becomes the GOV.UK component that fits it, a posted
// form comes back as answers of the types the form's schema wants, and validateAnswers' messages
// land on their questions and in the error summary with what was typed still there.
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import nunjucks from 'nunjucks'
import { templateDirectories } from '../../platform/views/views.ts'
import type { FormField } from './form-fields.ts'
import {
  addressLine,
  answersFromForm,
  errorSummaryItems,
  questionsFor,
  typedFromAnswers,
  typedValues,
  validateAnswers,
} from './service.ts'
import type { Audience } from './service.ts'

const FORM: FormField[] = [
  { name: 'what', label: 'What happened?', type: 'text', required: true, maxLength: 20 },
  { name: 'details', label: 'Tell us more', type: 'textarea', required: false, hint: 'Anything that helps us find it' },
  { name: 'bags', label: 'How many bags?', type: 'number', required: false, min: 1, max: 50 },
  { name: 'seen_on', label: 'When did you see it?', type: 'date', required: true },
  { name: 'size', label: 'How big is it?', type: 'select', required: true, options: ['Small', 'Large'] },
  { name: 'bin', label: 'Which bin?', type: 'radios', required: true, options: ['Black', 'Blue'] },
  { name: 'kinds', label: 'What is in it?', type: 'checkboxes', required: true, options: ['Sofa', 'Tyres', 'Rubble'] },
  { name: 'blocking', label: 'Is it blocking the path?', type: 'yes_no', required: true },
  { name: 'email', label: 'Email', type: 'email', required: false },
  { name: 'phone', label: 'Phone', type: 'phone', required: false },
  { name: 'postcode', label: 'Postcode', type: 'postcode', required: false },
  { name: 'where', label: 'Where is it?', type: 'address', required: true },
]

const GOOD = {
  'answers.what': ' Fly-tipping ',
  'answers.details': 'Behind the shops',
  'answers.bags': '1,2',
  'answers.seen_on-day': '3',
  'answers.seen_on-month': '2',
  'answers.seen_on-year': '2026',
  'answers.size': 'Large',
  'answers.bin': 'Blue',
  'answers.kinds': ['Sofa', 'Tyres'],
  'answers.blocking': 'no',
  'answers.email': 'ann@example.com',
  'answers.phone': '01632 960 001',
  'answers.postcode': 'ab1 2cd',
  'answers.where.address_line_1': '1 High Street',
  'answers.where.address_line_2': '',
  'answers.where.town': 'Harness',
  'answers.where.postcode': 'AB1 2CD',
}

const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(templateDirectories), { autoescape: true })
function render(fields: FormField[], body: Record<string, unknown>, audience: Audience = 'resident'): string {
  const errors = validateAnswers({ form: fields }, answersFromForm(fields, body))
  const questions = questionsFor(fields, typedValues(fields, body), errors, audience)
  const html = env.renderString(
    '{% from "catalogue/_fields.njk" import catalogueQuestions %}{{ catalogueQuestions(q) }}',
    {
      q: questions,
    },
  )
  // The GOV.UK macros spread attributes over lines; one space apiece keeps the assertions readable.
  return html.replace(/\s+/g, ' ').replace(/ >/g, '>')
}

describe('the catalogue form renderer', () => {
  it('reads a posted form back into answers of the right types that pass validation', () => {
    const answers = answersFromForm(FORM, GOOD)
    assert.deepEqual(answers, {
      what: 'Fly-tipping',
      details: 'Behind the shops',
      bags: 12,
      seen_on: '2026-02-03',
      size: 'Large',
      bin: 'Blue',
      kinds: ['Sofa', 'Tyres'],
      blocking: false,
      email: 'ann@example.com',
      phone: '01632 960 001',
      postcode: 'ab1 2cd',
      where: { address_line_1: '1 High Street', town: 'Harness', postcode: 'AB1 2CD' },
    })
    assert.deepEqual(validateAnswers({ form: FORM }, answers), [])
    assert.equal(answersFromForm(FORM, { 'answers.blocking': 'yes' }).blocking, true)
    assert.equal(answersFromForm(FORM, { 'answers.kinds': 'Rubble' }).kinds?.toString(), 'Rubble')
    assert.equal(addressLine(answers.where), '1 High Street, Harness, AB1 2CD')
  })

  it('leaves unanswered questions out, so a required one is reported missing', () => {
    assert.deepEqual(answersFromForm(FORM, { 'answers.what': '   ', 'answers.seen_on-day': '' }), {})
    const errors = validateAnswers({ form: FORM }, answersFromForm(FORM, {}))
    assert.deepEqual(
      errors.map((e) => e.name),
      [
        'answers.what',
        'answers.seen_on',
        'answers.size',
        'answers.bin',
        'answers.kinds',
        'answers.blocking',
        'answers.where',
      ],
    )
  })

  it('renders each kind of question as its GOV.UK component, with what was typed', () => {
    const html = render(FORM, GOOD)
    assert.match(
      html,
      /<input class="govuk-input" id="answers-what" name="answers.what" type="text" value=" Fly-tipping "/,
    )
    assert.match(
      html,
      /<textarea class="govuk-textarea" id="answers-details" name="answers.details"[^>]*>Behind the shops<\/textarea>/,
    )
    assert.match(html, /id="answers-details-hint" class="govuk-hint"> Anything that helps us find it/)
    assert.match(
      html,
      /id="answers-bags" name="answers.bags" type="text" spellcheck="false" value="1,2" inputmode="decimal"/,
    )
    assert.match(html, /class="govuk-date-input" id="answers-seen_on"/)
    assert.match(
      html,
      /id="answers-seen_on-month" name="answers.seen_on-month" type="text" value="2" inputmode="numeric"/,
    )
    assert.match(html, /<select class="govuk-select" id="answers-size" name="answers.size"/)
    assert.match(html, /<option value="Large" selected>Large<\/option>/)
    assert.match(html, /id="answers-bin-2" name="answers.bin" type="radio" value="Blue" checked/)
    assert.match(html, /name="answers.kinds" type="checkbox" value="Sofa" checked/)
    assert.match(html, /name="answers.kinds" type="checkbox" value="Rubble">/)
    assert.match(html, /govuk-radios--inline/)
    assert.match(html, /name="answers.blocking" type="radio" value="no" checked/)
    assert.match(
      html,
      /id="answers-email" name="answers.email" type="email" spellcheck="false" value="ann@example.com" autocomplete="email"/,
    )
    assert.match(html, /id="answers-phone" name="answers.phone" type="tel"/)
    assert.match(
      html,
      /id="answers-postcode" name="answers.postcode" type="text"[^>]*value="ab1 2cd" autocomplete="postal-code"/,
    )
    assert.match(html, /<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">\s*Where is it\?/)
    assert.match(
      html,
      /id="answers-where-address_line_1" name="answers.where.address_line_1" type="text" value="1 High Street"/,
    )
    assert.doesNotMatch(html, /govuk-error-message/)
  })

  it('keeps staff browsers from offering their own details for a resident', () => {
    const html = render(FORM, GOOD, 'staff')
    assert.match(html, /id="answers-email"[^>]*autocomplete="off"/)
    assert.doesNotMatch(html, /autocomplete="(email|tel|postal-code|address-line1)"/)
  })

  it('puts GOV.UK error messages on the questions and links the summary to each first box', () => {
    const bad = {
      'answers.what': 'x'.repeat(21),
      'answers.bags': 'lots',
      'answers.seen_on-day': '31',
      'answers.seen_on-month': '2',
      'answers.seen_on-year': '2026',
      'answers.size': 'Huge',
      'answers.kinds': [],
      'answers.email': 'not an email',
      'answers.phone': '12',
      'answers.postcode': 'nowhere',
      'answers.where.postcode': 'XX',
    }
    const errors = validateAnswers({ form: FORM }, answersFromForm(FORM, bad))
    const summary = errorSummaryItems(FORM, errors)
    assert.deepEqual(summary, [
      { text: 'Your answer must be 20 characters or fewer', href: '#answers-what' },
      { text: 'Enter a number, like 3', href: '#answers-bags' },
      { text: 'Enter a real date, like 2026-03-27', href: '#answers-seen_on-day' },
      { text: 'Select an option from the list', href: '#answers-size' },
      { text: 'Select an option from the list', href: '#answers-bin' },
      { text: 'Select at least one option', href: '#answers-kinds' },
      { text: 'Select yes or no', href: '#answers-blocking' },
      { text: 'Enter an email address in the correct format, like name@example.com', href: '#answers-email' },
      { text: 'Enter a UK phone number, like 01632 960 001 or 07700 900 982', href: '#answers-phone' },
      { text: 'Enter a real postcode, like SW1A 1AA', href: '#answers-postcode' },
      { text: 'Enter the first line of the address', href: '#answers-where-address_line_1' },
    ])
    const html = render(FORM, bad)
    for (const { text } of summary)
      assert.ok(html.includes(`<span class="govuk-visually-hidden">Error:</span> ${text}`), text)
    assert.match(html, /value="lots"/, 'what was typed stays')
    assert.match(html, /id="answers-seen_on-day" name="answers.seen_on-day" type="text" value="31"/)
    assert.match(
      html,
      /govuk-input--error" id="answers-where-postcode" name="answers.where.postcode" type="text" value="XX"/,
    )
    assert.match(html, /govuk-form-group--error" id="answers-where"/)
  })

  it('reports a number out of range and an unanswered date part', () => {
    const errors = validateAnswers(
      { form: FORM },
      answersFromForm(FORM, { 'answers.bags': '60', 'answers.seen_on-day': '3', 'answers.seen_on-year': '2026' }),
    )
    const byName = Object.fromEntries(errors.map((e) => [e.name, e.message]))
    assert.equal(byName['answers.bags'], 'Enter a number that is 50 or less')
    assert.equal(byName['answers.seen_on'], 'Enter a real date, like 2026-03-27')
  })
})

describe('the form renderer for a resident reading in another language, one question to a page', () => {
  const report: FormField[] = [
    {
      name: 'bin_type',
      label: 'Which bin was missed?',
      type: 'radios',
      required: true,
      options: ['Rubbish', 'Recycling'],
    },
    { name: 'bin_out', label: 'Was the bin out by 7am?', type: 'yes_no', required: true },
  ]

  it('shows the question as the page heading, in Welsh, keeping the English values it sends', () => {
    const [radios] = questionsFor([report[0]!], {}, [], 'resident', { language: 'cy', pageHeading: true })
    const params = radios!.params as {
      fieldset: { legend: { text: string; isPageHeading: boolean } }
      items: { value: string; text: string }[]
    }
    assert.deepEqual(params.fieldset.legend, {
      text: 'Pa fin a fethwyd?',
      classes: 'govuk-fieldset__legend--l',
      isPageHeading: true,
    })
    assert.deepEqual(
      params.items.map((item) => [item.value, item.text]),
      [
        ['Rubbish', 'Sbwriel'],
        ['Recycling', 'Ailgylchu'],
      ],
    )
  })

  it('gives the error message and the error summary in Welsh', () => {
    const errors = validateAnswers({ form: report }, {})
    const [, yesNo] = questionsFor(report, {}, errors, 'resident', { language: 'cy' })
    assert.deepEqual((yesNo!.params as { errorMessage: unknown }).errorMessage, {
      text: 'Dewiswch ie neu na',
      visuallyHiddenText: 'Gwall',
    })
    assert.deepEqual(
      errorSummaryItems(report, errors, 'cy').map((item) => item.text),
      ['Dewiswch opsiwn o’r rhestr', 'Dewiswch ie neu na'],
    )
  })

  it('shows answers kept from an earlier visit as they were typed', () => {
    const typed = typedFromAnswers(FORM, { seen_on: '2026-03-07', blocking: false, kinds: ['Sofa'], bags: 12 })
    assert.equal(typed['answers.seen_on-day'], '7')
    assert.equal(typed['answers.seen_on-month'], '3')
    assert.equal(typed['answers.seen_on-year'], '2026')
    assert.equal(typed['answers.blocking'], 'no')
    assert.deepEqual(typed['answers.kinds'], ['Sofa'])
    assert.equal(typed['answers.bags'], '12')
  })
})
