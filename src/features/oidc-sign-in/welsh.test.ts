// Every text a resident can meet when signing in through a provider has Welsh: the refusal pages'
// headings and paragraphs (found by asking problemText for each outcome, so a new one without
// Welsh fails here) and the page's own template, which shows only what the route translated.
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { translate, untranslated } from '../../platform/i18n/translate.ts'
import type { TranslationParams } from '../../platform/i18n/translate.ts'
import { RESIDENT_OUTCOMES, problemText } from './messages.ts'

const PROVIDER = 'GOV.UK One Login'
const inWelsh = (text: string, params?: TranslationParams) => translate('cy', text, params)

describe('Welsh for the single sign-on pages a resident meets', () => {
  it('has a translation for every heading, paragraph and link of every refusal', () => {
    const keys: string[] = []
    const recording = (text: string) => {
      keys.push(text)
      return text
    }
    for (const outcome of RESIDENT_OUTCOMES) problemText(outcome, 'resident', PROVIDER, recording)
    assert.ok(keys.includes('Go back to sign in') && keys.length > 2 * RESIDENT_OUTCOMES.length, `${keys.length}`)
    assert.deepEqual(untranslated('cy', keys), [])
  })

  it('reads each refusal in Welsh with the provider named, and staff’s in English', () => {
    for (const outcome of RESIDENT_OUTCOMES) {
      const english = problemText(outcome, 'resident', PROVIDER)
      const welsh = problemText(outcome, 'resident', PROVIDER, inWelsh)
      assert.equal(welsh.status, english.status)
      assert.notEqual(welsh.heading, english.heading, outcome)
      for (const [i, paragraph] of welsh.paragraphs.entries()) {
        assert.notEqual(paragraph, english.paragraphs[i], outcome)
        assert.equal(paragraph.includes(PROVIDER), english.paragraphs[i]!.includes(PROVIDER), outcome)
        assert.doesNotMatch(paragraph, /\{\w+\}/, outcome)
      }
    }
    const staff = problemText('cancelled', 'staff', PROVIDER, inWelsh)
    assert.deepEqual(staff, problemText('cancelled', 'staff', PROVIDER))
    assert.equal(staff.back, 'Go back to sign in')
  })

  it('has no English written into the refusal page’s template', () => {
    const template = readFileSync(join(import.meta.dirname, 'views', 'oidc-sign-in', 'problem.njk'), 'utf8')
    const words = template
      .replace(/\{#[\s\S]*?#\}/g, '')
      .replace(/\{[{%][\s\S]*?[%}]\}/g, '')
      .replace(/<[^>]*>/g, '')
      .trim()
    assert.equal(words, '')
  })
})
