// Every resident message on every channel has its Welsh; a template missing a field is refused
// naming the field; a text is one line.
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { RESIDENT_TEMPLATES, renderResidentMessage } from './resident-templates.ts'
import { TemplateError } from './templates.ts'

const FIELDS = {
  councilName: 'Test District Council',
  councilPhone: '01632 960 000',
  reference: 'FD-2026-000001',
  serviceName: 'Report a missed bin',
  status: 'resolved',
  resolution: 'Emptied',
  note: 'The crew comes Friday.',
}
const OURS = new Set([FIELDS.councilName, FIELDS.note])

describe('resident messages', () => {
  for (const template of RESIDENT_TEMPLATES) {
    for (const channel of ['email', 'sms', 'letter'] as const) {
      test(`${template} by ${channel} is wholly in Welsh for a Welsh speaker`, () => {
        const english = renderResidentMessage(template, channel, { ...FIELDS, language: 'en' }, 'https://x.gov.uk')
        const welsh = renderResidentMessage(template, channel, { ...FIELDS, language: 'cy' }, 'https://x.gov.uk')
        assert.notEqual(welsh.subject, english.subject)
        english.paragraphs.forEach((paragraph, index) => {
          if (!OURS.has(paragraph)) assert.notEqual(welsh.paragraphs[index], paragraph, `untranslated: ${paragraph}`)
        })
        if (channel === 'sms') assert.equal(welsh.paragraphs.length, 1)
      })
    }
  }

  test('every status is told in Welsh', () => {
    for (const status of ['open', 'in_progress', 'waiting', 'resolved', 'closed', 'cancelled']) {
      const fields = { ...FIELDS, status, resolution: '' }
      const english = renderResidentMessage('case-status-changed', 'sms', { ...fields, language: 'en' }, '')
      const welsh = renderResidentMessage('case-status-changed', 'sms', { ...fields, language: 'cy' }, '')
      const word = /is now (.+?)\./.exec(english.paragraphs[0]!)![1]!
      assert.doesNotMatch(welsh.paragraphs[0]!, new RegExp(word), `${status} in Welsh`)
    }
  })

  test('a missing field is refused by name, never by value', () => {
    assert.throws(
      () => renderResidentMessage('case-note', 'email', { ...FIELDS, note: '' }, ''),
      (error: Error) => error instanceof TemplateError && error.message === 'template case-note is missing note',
    )
    assert.throws(() => renderResidentMessage('newsletter', 'email', FIELDS, ''), /unknown template newsletter/)
  })
})
