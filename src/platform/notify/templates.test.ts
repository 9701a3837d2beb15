import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { EMAIL_TEMPLATES } from './outbox.ts'
import { TemplateError, renderEmail, withoutSecrets } from './templates.ts'

const FIELDS = {
  councilName: 'Harness Borough Council',
  link: 'https://contact.example.gov.uk/account/verify/abc123',
  minutes: '15',
  forgotPasswordUrl: 'https://contact.example.gov.uk/account/forgot-password',
  signInUrl: 'https://contact.example.gov.uk/account/sign-in',
}

describe('email templates', () => {
  test('every template has a subject and a body naming the council', () => {
    for (const template of EMAIL_TEMPLATES) {
      const email = renderEmail(template, FIELDS)
      assert.ok(email.subject.length > 10 && !email.subject.includes('\n'), `${template} has a one-line subject`)
      assert.match(email.body, /Harness Borough Council/, `${template} names the council`)
      assert.doesNotMatch(email.body + email.subject, /undefined|\$\{/, `${template} has every field filled in`)
    }
  })

  test('links that open an account are in the message on a line of their own', () => {
    for (const template of ['verify-email', 'reset-password'] as const) {
      const lines = renderEmail(template, FIELDS).body.split('\n')
      assert.ok(lines.includes(FIELDS.link), `${template} puts the link alone on a line`)
    }
    assert.match(renderEmail('verify-email', FIELDS).body, /24 hours/)
    assert.match(renderEmail('reset-password', FIELDS).body, /1 hour/)
  })

  test('a locked resident is offered a password reset; locked staff, who cannot reset their own, are told who can help', () => {
    const resident = renderEmail('account-locked', FIELDS)
    assert.match(
      resident.body,
      /wait 15 minutes and try again, or reset your password:\nhttps:\/\/contact\.example\.gov\.uk\/account\/forgot-password\n/,
    )

    const staff = renderEmail('staff-account-locked', {
      councilName: FIELDS.councilName,
      minutes: '15',
      signInUrl: 'https://contact.example.gov.uk/staff/sign-in',
    })
    assert.equal(staff.subject, 'Your Harness Borough Council staff account is locked for 15 minutes')
    assert.match(
      staff.body,
      /wait 15 minutes and sign in again:\nhttps:\/\/contact\.example\.gov\.uk\/staff\/sign-in\n/,
    )
    assert.match(staff.body, /ask your system administrator to reset your account/)
    assert.match(staff.body, /If this was not you, tell your IT security team straight away/)
    assert.doesNotMatch(staff.body, /reset your password|forgot-password/)
    assert.throws(() => renderEmail('staff-account-locked', { councilName: 'X', minutes: '15' }), /missing signInUrl/)
  })

  test('a council phone number, when given, tells people how to reach it', () => {
    const body = renderEmail('email-changed', { ...FIELDS, councilPhone: '01632 960 000' }).body
    assert.match(body, /phone Harness Borough Council on 01632 960 000/)
    assert.match(renderEmail('email-changed', FIELDS).body, /contact Harness Borough Council straight away/)
  })

  test('the email to an address that already has an account is true whether someone tried to create an account or move one to it', () => {
    const body = renderEmail('account-exists', FIELDS).body
    assert.match(body, /creating a new account or by changing another account's email address to this one/)
    assert.match(body, /we have not made another or moved one to it/)
    assert.match(body, /If this was not you, you do not need to do anything/)
  })

  test('a missing field or an unknown template is refused, naming the field but no value', () => {
    assert.throws(
      () => renderEmail('verify-email', { councilName: 'X' }),
      (error: unknown) => error instanceof TemplateError && /missing link/.test(error.message),
    )
    assert.throws(() => renderEmail('newsletter', FIELDS), TemplateError)
  })

  test('once sent, only the single-use link is removed from what is kept', () => {
    assert.deepEqual(withoutSecrets({ councilName: 'X', link: 'https://x/secret', signInUrl: 'https://x/s' }), {
      councilName: 'X',
      signInUrl: 'https://x/s',
    })
  })

  test("a resident's sign-in emails are written in the language in their personalisation, every word of them", () => {
    const residentTemplates = EMAIL_TEMPLATES.filter((template) => template !== 'staff-account-locked')
    for (const template of residentTemplates) {
      const english = renderEmail(template, { ...FIELDS, councilPhone: '01632 960 001' })
      const welsh = renderEmail(template, { ...FIELDS, councilPhone: '01632 960 001', language: 'cy' })
      const englishLines = new Set(english.body.split('\n').filter((line) => !/^https:|^Harness/.test(line)))
      const same = welsh.body.split('\n').filter((line) => line !== '' && englishLines.has(line))
      assert.notEqual(welsh.subject, english.subject, `${template} has a Welsh subject`)
      assert.match(welsh.subject, /Harness Borough Council/, `${template} keeps the council's name in Welsh`)
      assert.deepEqual(same, [], `${template} has no English sentence left in Welsh`)
    }
    assert.match(renderEmail('account-closed', { ...FIELDS, language: 'cy' }).subject, /wedi'i gau/)
  })
})
