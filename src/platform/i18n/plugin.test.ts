// The language a person picks sticks for the pages they read next; it never touches the API.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { testApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { languageLinks } from './plugin.ts'

let subject: TestApp
before(async () => {
  subject = await testApp('sqlite')
})
after(() => subject.close())

function languageCookie(setCookie: string | string[] | undefined): string | undefined {
  const cookies = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []
  return cookies.find((cookie) => cookie.startsWith('frontdoor-language='))?.split(';')[0]
}

test('a page reads in English, with a link to read it in Welsh', async () => {
  const page = await subject.app.inject({ url: '/' })
  assert.equal(page.statusCode, 200)
  assert.match(page.body, /<html lang="en"/)
  assert.match(page.body, /Report a problem, apply or ask for help/)
  assert.match(
    page.body,
    /<a class="govuk-link" href="\/\?lang=cy" hreflang="cy" lang="cy" rel="alternate">Cymraeg<\/a>/,
  )
})

test('picking Welsh shows the page in Welsh and remembers the choice for the next page', async () => {
  const welsh = await subject.app.inject({ url: '/?lang=cy' })
  assert.match(welsh.body, /<html lang="cy"/)
  assert.match(welsh.body, /Rhoi gwybod am broblem/)
  assert.match(welsh.body, /Neidio i&#39;r prif gynnwys|Neidio i'r prif gynnwys/)
  const cookie = languageCookie(welsh.headers['set-cookie'])
  assert.equal(cookie, 'frontdoor-language=cy')

  const next = await subject.app.inject({ url: '/', headers: { cookie: cookie! } })
  assert.match(next.body, /<html lang="cy"/)
  assert.match(
    next.body,
    /<a class="govuk-link" href="\/\?lang=en" hreflang="en" lang="en" rel="alternate">English<\/a>/,
  )

  const back = await subject.app.inject({ url: '/?lang=en', headers: { cookie: cookie! } })
  assert.match(back.body, /<html lang="en"/)
  assert.equal(languageCookie(back.headers['set-cookie']), 'frontdoor-language=en')
})

test('a language with no catalogue, or a forged cookie, falls back to English', async () => {
  const unknown = await subject.app.inject({ url: '/?lang=xx' })
  assert.match(unknown.body, /<html lang="en"/)
  assert.equal(languageCookie(unknown.headers['set-cookie']), undefined)
  const forged = await subject.app.inject({ url: '/', headers: { cookie: 'frontdoor-language=%3Cscript%3E' } })
  assert.match(forged.body, /<html lang="en"/)
})

test('the language links keep the page but never hand back what was typed in its query', () => {
  const links = languageLinks("/search?q=1'+UNION+SELECT+name+FROM+sqlite_master&lang=en", 'en')
  assert.deepEqual(
    links.map((link) => [link.code, link.href, link.current]),
    [
      ['en', '/search?lang=en', true],
      ['cy', '/search?lang=cy', false],
    ],
  )
})

test('the staff pages stay English, with no language links, whatever the residents’ pages are read in', async () => {
  for (const headers of [{}, { cookie: 'frontdoor-language=cy' }]) {
    const page = await subject.app.inject({ url: '/staff/sign-in?lang=cy', headers })
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /<html lang="en"/)
    assert.match(page.body, /Skip to main content/)
    assert.doesNotMatch(page.body, /hreflang="cy"/)
    assert.equal(languageCookie(page.headers['set-cookie']), undefined, 'a staff page does not change the choice')
  }
  const resident = await subject.app.inject({ url: '/', headers: { cookie: 'frontdoor-language=cy' } })
  assert.match(resident.body, /<html lang="cy"/)
})
