// The resident's call-back pages in Welsh: every text they can show has a translation (a new
// English string without Welsh fails here), and the pages as drawn keep no English in their main
// content, dates and times included.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { untranslated } from '../../platform/i18n/translate.ts'
import { ENGINES } from '../../../test/support/databases.ts'
import { testApp } from '../../../test/support/app.ts'
import type { TestApp } from '../../../test/support/app.ts'
import { TestClient } from '../../../test/support/client.ts'
import { phoneNumberProblem } from './phone-number.ts'
import { CALL_BACK_WINDOWS } from './windows.ts'
import { councilDate, councilTime, councilWindow } from './present.ts'
import { callerWaiting, setLineSettings } from '../../../test/support/telephony.ts'
import { keysIn } from '../../../test/support/translations.ts'

const here = import.meta.dirname

/** The sentences ask-pages.ts hands to translate() by value: headings and the form's messages. */
function sentencesIn(source: string): string[] {
  return [...source.matchAll(/'([A-Z][^'{}]* [^'{}]*)'/g)].map((m) => m[1]!)
}

/** What a resident reads of the page itself: not the layout's header and footer, nor the random CSRF token. */
function mainOf(html: string): string {
  const main = /<main[\s\S]*<\/main>/.exec(html)?.[0]
  assert.ok(main, 'the page has a main element')
  return main.replace(/name="_csrf" value="[^"]*"/, '')
}

describe('Welsh for the call-back pages', () => {
  it('has a translation for every text the pages, the form checks and the dates can give', () => {
    // The shared error page too: a resident asking too often is refused by it (429).
    const sources = [
      'views/telephony/ask.njk',
      'views/telephony/asked.njk',
      'ask-pages.ts',
      'present.ts',
      '../../platform/i18n/time-of-day.ts',
      '../../platform/views/templates/errors/error.njk',
    ].map((file) => readFileSync(join(here, file), 'utf8'))
    const texts = [
      ...sources.flatMap(keysIn),
      ...sentencesIn(sources[2]!),
      ...Object.values(CALL_BACK_WINDOWS).map((window) => window.text),
      ...['', 'abc', '+33 1 23 45 67 89', '09011 123456', '0770090098']
        .map(phoneNumberProblem)
        .filter((problem) => problem !== undefined),
    ]
    assert.ok(texts.includes('Select when we should call you') && texts.includes('Our phone lines are closed'))
    assert.ok(texts.includes('If you need to contact us now, phone us on {phone}.'))
    assert.ok(texts.includes('Enter a UK telephone number: we cannot call numbers outside the UK'))
    assert.deepEqual(untranslated('cy', texts), [])
  })

  it('writes dates and times in Welsh, mutating the day after "on"', () => {
    // Monday 7 December 2026, 10am to midday in London.
    const window = { start: '2026-12-07T10:00:00Z', end: '2026-12-07T12:00:00Z' }
    assert.equal(councilDate(window.start, 'Europe/London', 'cy'), 'dydd Llun 7 Rhagfyr')
    assert.equal(councilWindow(window, 'Europe/London', 'cy'), 'ddydd Llun 7 Rhagfyr o 10am tan 12 hanner dydd')
    assert.equal(councilTime('2026-12-08T09:00:00Z', 'Europe/London', 'cy'), 'ddydd Mawrth 8 Rhagfyr am 9am')
    assert.equal(councilWindow(window, 'Europe/London'), 'Monday 7 December from 10am to midday')
  })
})

for (const engine of ENGINES) {
  describe(`the Welsh call-back pages (${engine})`, () => {
    let t: TestApp
    const ASKED = { name: 'Ada Lovelace', phone: '01632 960 001', window: 'afternoon', reason: 'Bin heb ei gasglu' }

    before(async () => {
      t = await testApp(engine, { env: { RATE_LIMITS: 'false' } })
      await setLineSettings(t.database.db, t.councilId)
      // A caller has waited 10 minutes: past the 5-minute threshold, so the page offers a call back.
      await callerWaiting(t.database.db, t.councilId, 10 * 60, { externalId: 'stuck' })
    })
    after(() => t?.close())

    it('asks for a call back in Welsh, with the windows and their next days in Welsh', async () => {
      const page = await new TestClient(t.app).get('/contact/call-back?lang=cy')
      assert.match(page.body, /<html lang="cy"/)
      const main = mainOf(page.body)
      assert.match(main, /<h1[^>]*>Gofynnwch i ni eich ffonio&#39;n ôl</)
      assert.match(main, /Mae ein llinellau ffôn yn brysur: efallai y bydd rhaid i chi aros tua 10 munud\./)
      assert.match(main, /Eich enw/)
      assert.match(main, /Rhif ffôn/)
      assert.match(main, /Pryd ddylem ni eich ffonio\?/)
      assert.match(main, /Y bore \(12 hanner nos i 12 hanner dydd\)/)
      assert.match(main, /Y prynhawn \(12 hanner dydd i 11:59pm\)/)
      assert.match(main, /Nesaf: dydd (Llun|Mawrth|Mercher|Iau|Gwener|Sadwrn|Sul) \d{1,2} \w+/)
      assert.match(main, /Gofyn am alwad yn ôl/)
      for (const english of [
        'Ask us to call you back',
        'Our phone lines are busy',
        'Your name',
        'Telephone number',
        'When should we call you',
        'Morning',
        'Afternoon',
        'Next:',
        /\bnoon\b/,
        'Ask for a call back',
        /\b\w+day\b/,
        /\b(January|February|March|April|May|June|July|August|September|October|November|December)\b/,
      ])
        assert.doesNotMatch(main, english instanceof RegExp ? english : new RegExp(english), String(english))
    })

    it('says what is wrong in Welsh', async () => {
      const resident = new TestClient(t.app)
      const page = await resident.submit('/contact/call-back?lang=cy', { ...ASKED, name: '', phone: '0770090098' })
      assert.equal(page.statusCode, 400)
      assert.match(page.body, /<title>Gwall: Gofynnwch i ni eich ffonio&#39;n ôl/)
      const main = mainOf(page.body)
      assert.match(main, /Mae problem wedi codi/)
      assert.match(main, /href="#name">Rhowch eich enw</)
      assert.match(main, /href="#phone">Rhowch rif ffôn, fel 01632 960 001 neu 07700 900 982</)
      for (const english of ['There is a problem', 'Enter your name', 'Enter a telephone number', 'Error'])
        assert.doesNotMatch(main, new RegExp(english), english)
    })

    it('confirms in Welsh, with the day and time in Welsh', async () => {
      const resident = new TestClient(t.app)
      const sent = await resident.submit('/contact/call-back?lang=cy', ASKED)
      assert.equal(sent.statusCode, 303)
      const confirmation = await resident.follow(sent)
      assert.match(confirmation.body, /<html lang="cy"/)
      const main = mainOf(confirmation.body)
      assert.match(main, /Byddwn yn eich ffonio&#39;n ôl/)
      // The afternoon window starts now if it is the afternoon already, else at noon.
      assert.match(
        main,
        /Byddwn yn eich ffonio ddydd \w+ \d{1,2} \w+ o (12 hanner dydd|\d{1,2}(:\d\d)?pm) tan 11:59pm\./,
      )
      assert.match(main, /Byddwn yn ffonio hyd at 3 gwaith i gyd/)
      assert.match(main, /Gallwch ein ffonio ar <a class="govuk-link" href="tel:01632960000">01632 960000<\/a>/)
      for (const english of ['We will call you', 'If you miss our call', 'If nobody answers', 'from', /\b\w+day\b/])
        assert.doesNotMatch(main, english instanceof RegExp ? english : new RegExp(english), String(english))
    })

    it('draws the frame around a Welsh page in Welsh, and around an English page as before', async () => {
      const welsh = await new TestClient(t.app).get('/contact/call-back?lang=cy')
      assert.match(welsh.body, /<html lang="cy"/)
      assert.deepEqual(frameTexts(welsh.body), WELSH_FRAME)
      const english = await new TestClient(t.app).get('/contact/call-back')
      assert.match(english.body, /<html lang="en"/)
      assert.deepEqual(frameTexts(english.body), ENGLISH_FRAME)
    })

    it('draws the too-many-requests page in the reader’s language, frame and all', async () => {
      // The app above lets one address ask as often as it likes; this one refuses as a live one does.
      const limited = await testApp(engine)
      try {
        await setLineSettings(limited.database.db, limited.councilId)
        await callerWaiting(limited.database.db, limited.councilId, 10 * 60, { externalId: 'stuck' })
        const resident = new TestClient(limited.app)
        let refused
        for (let i = 0; i <= 10 && refused?.statusCode !== 429; i++)
          refused = await resident.submit('/contact/call-back', { ...ASKED, name: `Asker ${i}` })
        assert.equal(refused?.statusCode, 429)
        assert.match(refused!.body, /<html lang="en"/)
        assert.deepEqual(frameTexts(refused!.body), ENGLISH_FRAME)
        const welsh = await resident.submit('/contact/call-back?lang=cy', { ...ASKED, name: 'Asker Welsh' })
        assert.equal(welsh.statusCode, 429)
        assert.match(welsh.body, /<html lang="cy"/)
        assert.deepEqual(frameTexts(welsh.body), WELSH_FRAME)
      } finally {
        await limited.close()
      }
    })
  })
}

/**
 * What the shared layout gives a person around the page itself, in order: its texts and the names
 * of its landmarks, as a screen reader would meet them. The council's name is the council's own,
 * and each language link names its language in that language, so those read the same either way.
 */
const FRAME_OF = (language: 'en' | 'cy') => {
  const [skip, service, beta, languages, support, accessibility, privacy, cookies, openData, api, software] =
    language === 'cy'
      ? [
          "Neidio i'r prif gynnwys",
          'Gwybodaeth gwasanaeth',
          "Mae hwn yn wasanaeth newydd. Ffoniwch neu ymwelwch â ni os byddai'n well gennych beidio â'i ddefnyddio ar-lein.",
          'Dewiswch iaith',
          'Dolenni cymorth',
          'Datganiad hygyrchedd',
          'Preifatrwydd',
          'Cwcis',
          'Data agored',
          'Dogfennaeth API',
          'Mae Frontdoor yn feddalwedd cod agored i gynghorau.',
        ]
      : [
          'Skip to main content',
          'Service information',
          'This is a new service. Phone or visit us if you would rather not use it online.',
          'Choose a language',
          'Support links',
          'Accessibility statement',
          'Privacy',
          'Cookies',
          'Open data',
          'API documentation',
          'Frontdoor is open-source software for councils.',
        ]
  return [
    skip,
    `[${service}]`,
    'Test District Council',
    'Beta',
    beta,
    `[${languages}]`,
    'English',
    'Cymraeg',
    support,
    accessibility,
    privacy,
    cookies,
    openData,
    api,
    software,
    '© Test District Council',
  ]
}
const WELSH_FRAME = FRAME_OF('cy')
const ENGLISH_FRAME = FRAME_OF('en')

/** The layout's texts outside the page's main content, with each landmark's label as `[label]`. */
function frameTexts(html: string): string[] {
  const body = /<body[\s\S]*<\/body>/.exec(html)?.[0] ?? ''
  const frame = body.replace(/<main[\s\S]*<\/main>/, '').replace(/<script[\s\S]*?<\/script>/g, '')
  const pieces = [...frame.matchAll(/aria-label="([^"]*)"|>([^<]+)</g)].map(([, label, text]) =>
    label !== undefined ? `[${label}]` : text!.replace(/\s+/g, ' ').trim(),
  )
  return pieces.filter((piece) => piece !== '').map((piece) => piece.replace(/&#39;/g, "'").replace(/&amp;/g, '&'))
}

describe('Welsh for the layout every resident page shares', () => {
  it('has a translation for every text the layout gives', () => {
    const layout = readFileSync(join(here, '../../platform/views/templates/layout.njk'), 'utf8')
    const texts = keysIn(layout)
    assert.ok(texts.includes('Skip to main content') && texts.includes('Support links'))
    assert.deepEqual(untranslated('cy', texts), [])
  })
})
