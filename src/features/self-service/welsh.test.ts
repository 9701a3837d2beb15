// Every text a resident can read on the self-service journey has Welsh: the templates' t("…"),
// the code's translate(language, '…'), and the messages the pages pass through translate() by
// value (validation, statuses, the satisfaction scale). A new English string without Welsh fails here.
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { untranslated } from '../../platform/i18n/translate.ts'
import { filesIn, keysIn } from '../../../test/support/translations.ts'

const here = import.meta.dirname
const catalogue = join(here, '..', 'catalogue')

/** Texts kept in tables and passed to translate() by value. */
function tableTexts(source: string): string[] {
  const named = [...source.matchAll(/^\s+(?:\w+|\d+|'[\w-]+'):\s*'([A-Z][^'{}]+)',?$/gm)].map((m) => m[1]!)
  const listed = [...source.matchAll(/^\s+'([A-Z][^'{}]+)',?$/gm)].map((m) => m[1]!)
  return [...named, ...listed]
}

describe('Welsh for the self-service journey', () => {
  it('has a translation for every text the pages show', () => {
    const sources = [...filesIn(here, '.njk'), ...filesIn(here, '.ts'), join(catalogue, 'form-pages.ts')]
    const keys = sources.flatMap((file) => keysIn(readFileSync(file, 'utf8')))
    assert.ok(keys.length > 100, `found ${keys.length} texts`)
    assert.deepEqual(untranslated('cy', keys), [])
  })

  it('has a translation for every status, score, question message and answer-check message', () => {
    const tables = [
      ...['words.ts', 'feedback-pages.ts', 'requester.ts', 'track-pages.ts', 'rate-pages.ts'].map((f) => join(here, f)),
      // The statuses' words are the cases feature's, shared with the account's requests.
      join(here, '..', 'cases', 'resident-status.ts'),
    ].flatMap((file) => tableTexts(readFileSync(file, 'utf8')))
    // The messages a resident's answers can get: from the tables of them to the first rule that uses them.
    const whole = readFileSync(join(catalogue, 'form-schema.ts'), 'utf8')
    const schema = whole.slice(whole.indexOf('const MISSING'), whole.indexOf('function isBlankText'))
    const missingAndWrong = [...schema.matchAll(/^\s+\w+: '([^']+)',$/gm)].map((m) => m[1]!)
    const requesterMessages = [...readFileSync(join(here, 'requester.ts'), 'utf8').matchAll(/message: '([^']+)'/g)].map(
      (m) => m[1]!,
    )
    const texts = [...tables, ...missingAndWrong, ...requesterMessages]
    assert.ok(texts.includes('Waiting for information') && texts.includes('Very dissatisfied'), 'the tables were read')
    assert.ok(texts.includes('If you need to tell us more about your request, contact us.'), 'the lists were read')
    assert.ok(texts.includes('Enter a real date, like 2026-03-27'), 'the question messages were read')
    assert.deepEqual(untranslated('cy', texts), [])
  })
})
