// One translation layer for everything a resident reads: pages, error messages, emails, letters.
// English is the language the code is written in, so an English text is its own key and English is
// always complete; another language is one catalogue file, locales/<code>.json, mapping each English
// text to its translation. A council's own words (service names, questions) go in the same file.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export type Language = { code: string; name: string }

export type Catalogue = Language & { messages: Record<string, string> }

export type TranslationParams = Record<string, string | number | null | undefined>

export const ENGLISH: Language = { code: 'en', name: 'English' }

const projectDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')
export const LOCALES_DIR = join(projectDir, 'locales')

/** Reads every catalogue file in a folder; a file that is not a valid catalogue stops the start. */
export function loadCatalogues(directory: string): Map<string, Catalogue> {
  const catalogues = new Map<string, Catalogue>()
  if (!existsSync(directory)) return catalogues
  for (const file of readdirSync(directory).filter((name) => name.endsWith('.json'))) {
    const code = basename(file, '.json')
    catalogues.set(code, parseCatalogue(code, readFileSync(join(directory, file), 'utf8'), file))
  }
  return catalogues
}

export function parseCatalogue(code: string, json: string, file: string): Catalogue {
  if (!/^[a-z]{2,3}(-[A-Z]{2})?$/.test(code))
    throw new Error(`${file}: the file name must be a language code, like cy.json`)
  const parsed = JSON.parse(json) as { name?: unknown; messages?: unknown }
  if (typeof parsed.name !== 'string' || parsed.name.trim() === '') {
    throw new Error(`${file}: "name" must give the language's name in that language, like "Cymraeg"`)
  }
  if (typeof parsed.messages !== 'object' || parsed.messages === null || Array.isArray(parsed.messages)) {
    throw new Error(`${file}: "messages" must map each English text to its translation`)
  }
  for (const [english, translated] of Object.entries(parsed.messages)) {
    if (typeof translated !== 'string') throw new Error(`${file}: the translation of "${english}" must be text`)
  }
  return { code, name: parsed.name, messages: parsed.messages as Record<string, string> }
}

const catalogues = loadCatalogues(LOCALES_DIR)

/** English first, then every language a catalogue file adds. */
export function languages(): Language[] {
  return [ENGLISH, ...[...catalogues.values()].map(({ code, name }) => ({ code, name }))]
}

export function isLanguage(code: unknown): code is string {
  return typeof code === 'string' && (code === ENGLISH.code || catalogues.has(code))
}

/** The text in the language asked for, or in English where the catalogue has no translation yet. */
export function translate(language: string | null | undefined, text: string, params?: TranslationParams): string {
  const translated = (language && catalogues.get(language)?.messages[text]) || text
  return params ? fillIn(translated, params) : translated
}

/**
 * Whether a text is shown in English on a page in another language, for want of a translation: in
 * practice a council's own words (Frontdoor's own resident texts have Welsh, tests check). Such a part
 * must say it is English (WCAG 3.1.2), or a screen reader reads it with the page's language's sounds.
 */
export function shownInEnglish(language: string | null | undefined, text: string | null | undefined): boolean {
  if (!language || language === ENGLISH.code || !text) return false
  const catalogue = catalogues.get(language)
  // The same test as translate's: an empty translation shows the English too.
  return catalogue !== undefined && !catalogue.messages[text]
}

/** `{name}` placeholders take the values given; a placeholder with no value is left to be seen. */
export function fillIn(text: string, params: TranslationParams): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name]
    return value === undefined || value === null ? whole : String(value)
  })
}

/** The English texts a catalogue has no translation for, among those given. */
export function untranslated(language: string, texts: Iterable<string>): string[] {
  const messages = catalogues.get(language)?.messages ?? {}
  return [...new Set(texts)].filter((text) => !(text in messages))
}

/** Dates in the resident's language ("3 Rhagfyr 2026"), always on the council's clock. */
export function formatDate(language: string | null | undefined, iso: string | null | undefined): string {
  if (!iso) return ''
  const locale = language && language !== ENGLISH.code && isLanguage(language) ? language : 'en-GB'
  return new Date(iso).toLocaleDateString(locale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/London',
  })
}
