// A council's own words (service names, descriptions, questions, options) in the reader's language,
// as HTML: where the council has given no translation the English is shown, and it is marked
// lang="en" on its own element so a screen reader reads that part in English (WCAG 3.1.2). On an
// English page, or where the translation is shown, the text is left as it is.
import { shownInEnglish, translate } from './translate.ts'
import { escapeHtml } from '../views/escape.ts'

/** The words as escaped HTML: translated, or the English in a `<span lang="en">` on another language's page. */
export function councilWordsHtml(language: string | null | undefined, text: string): string {
  if (shownInEnglish(language, text)) return `<span lang="en">${escapeHtml(text)}</span>`
  return escapeHtml(translate(language, text))
}

/**
 * The words as a GOV.UK macro's `text` or `html` parameter: `text` wherever nothing needs marking, so
 * English pages and the staff desk are drawn exactly as before; `html`, escaped here, where it does.
 */
export function councilWordsParam(
  language: string | null | undefined,
  text: string,
): { text: string } | { html: string } {
  return shownInEnglish(language, text)
    ? { html: councilWordsHtml(language, text) }
    : { text: translate(language, text) }
}
