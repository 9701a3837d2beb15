import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  fillIn,
  formatDate,
  isLanguage,
  languages,
  LOCALES_DIR,
  parseCatalogue,
  translate,
  untranslated,
} from './translate.ts'

test('a text with no translation reads in English, and English is its own key', () => {
  assert.equal(translate('en', 'Sign out'), 'Sign out')
  assert.equal(translate('cy', 'Sign out'), 'Allgofnodi')
  assert.equal(translate('cy', 'A sentence nobody has translated'), 'A sentence nobody has translated')
  assert.equal(translate(null, 'Sign out'), 'Sign out')
  assert.equal(translate('xx', 'Sign out'), 'Sign out')
})

test('placeholders take their values in either language, and a missing value stays visible', () => {
  assert.equal(translate('cy', 'Phone us on {phone}.', { phone: '01632 960000' }), 'Ffoniwch ni ar 01632 960000.')
  assert.equal(fillIn('Case {reference} for {name}', { reference: 'FD-2026-000001' }), 'Case FD-2026-000001 for {name}')
})

test('the languages offered are English and each catalogue file, named in their own language', () => {
  assert.deepEqual(languages().slice(0, 1), [{ code: 'en', name: 'English' }])
  assert.ok(languages().some((language) => language.code === 'cy' && language.name === 'Cymraeg'))
  assert.ok(isLanguage('cy'))
  assert.ok(!isLanguage('../cy'))
  assert.ok(!isLanguage(undefined))
})

test('a catalogue file that is not one is refused with the file and the fault named', () => {
  assert.throws(
    () => parseCatalogue('welsh', '{"name":"Cymraeg","messages":{}}', 'welsh.json'),
    /welsh.json: the file name/,
  )
  assert.throws(() => parseCatalogue('cy', '{"messages":{}}', 'cy.json'), /cy.json: "name"/)
  assert.throws(() => parseCatalogue('cy', '{"name":"Cymraeg","messages":[]}', 'cy.json'), /cy.json: "messages"/)
  assert.throws(
    () => parseCatalogue('cy', '{"name":"Cymraeg","messages":{"Yes":1}}', 'cy.json'),
    /the translation of "Yes" must be text/,
  )
})

test('every placeholder of an English text survives in its Welsh translation', () => {
  const { messages } = JSON.parse(readFileSync(join(LOCALES_DIR, 'cy.json'), 'utf8')) as {
    messages: Record<string, string>
  }
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort()
  for (const [english, welsh] of Object.entries(messages)) {
    assert.deepEqual(placeholders(welsh), placeholders(english), `the Welsh for "${english}"`)
  }
})

test('untranslated lists the texts a catalogue still lacks', () => {
  assert.deepEqual(untranslated('cy', ['Sign out', 'Not in Welsh yet', 'Not in Welsh yet']), ['Not in Welsh yet'])
})

test('dates read in the chosen language on the council clock', () => {
  assert.equal(formatDate('en', '2026-12-03T10:00:00Z'), '3 December 2026')
  assert.equal(formatDate('cy', '2026-12-03T10:00:00Z'), '3 Rhagfyr 2026')
  // 23:30 UTC on 31 May is already 1 June in London (British Summer Time)
  assert.equal(formatDate('en', '2026-05-31T23:30:00Z'), '1 June 2026')
  assert.equal(formatDate('cy', null), '')
})
