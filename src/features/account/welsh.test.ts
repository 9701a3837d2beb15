// Every text a resident can read on the e-account pages has Welsh: the templates' t("…"), the
// titles and banners the routes name, and every message the form checks can give (found by
// asking the checks themselves, so a new message without Welsh fails here).
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { untranslated } from '../../platform/i18n/translate.ts'
import { passwordProblem } from '../../platform/auth/password-policy.ts'
import { emailProblem, nameProblem, newPasswordProblems } from './forms.ts'
import { filesIn, keysIn } from '../../../test/support/translations.ts'

const here = import.meta.dirname
const requests = join(here, '..', 'account-requests')

/** The English sentences the routes and rules hand to accountPage() by value: titles, banners, messages. */
function sentencesIn(source: string): string[] {
  return [...source.matchAll(/'([A-Z][^'{}]* [^'{}]*)'/g)]
    .map((m) => m[1]!.replace(/^Error: /, ''))
    .filter((text) => text !== '')
}

describe('Welsh for the e-account pages', () => {
  it('has a translation for every text the templates show', () => {
    const templates = [...filesIn(here, '.njk'), ...filesIn(requests, '.njk')]
    const keys = templates.flatMap((file) => keysIn(readFileSync(file, 'utf8')))
    assert.ok(keys.includes('Create a password') && keys.includes('Made on'), `found ${keys.length} texts`)
    assert.deepEqual(untranslated('cy', keys), [])
  })

  it('has a translation for every title, banner and message the routes and rules give', () => {
    const sources = [...filesIn(here, '.ts'), ...filesIn(requests, '.ts')]
    const texts = sources.flatMap((file) => {
      const source = readFileSync(file, 'utf8')
      return [...keysIn(source), ...sentencesIn(source)]
    })
    assert.ok(texts.includes('Sign in to your account'), 'the routes were read')
    assert.deepEqual(untranslated('cy', texts), [])
  })

  it('has a translation for every message the form checks can give', () => {
    const long = 'x'.repeat(300)
    const messages = [
      emailProblem(''),
      emailProblem('not an address'),
      nameProblem('', 'first'),
      nameProblem('', 'last'),
      nameProblem(long, 'first'),
      nameProblem(long, 'last'),
      ...['', 'short', long.repeat(2), 'password123456', 'aaaaaaaaaaaaaaaa', 'annlee-is-my-name'].map((password) =>
        passwordProblem(password, ['annlee']),
      ),
      ...Object.values(newPasswordProblems('three random words', '', [])),
      ...Object.values(newPasswordProblems('three random words', 'other words here', [])),
    ].filter((message) => message !== undefined)
    assert.equal(new Set(messages).size, messages.length, 'each check gave its own message')
    assert.deepEqual(untranslated('cy', messages), [])
  })
})
