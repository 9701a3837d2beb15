// A resident's language is a BCP 47 tag (`en`, `cy`, `pl`, `pt-BR`): the API, the notify
// templates and Open Referral all speak tags. People typing a spreadsheet write "Polish", so
// the common English names of the languages spoken in UK councils are read as their tags.

/** The tags the API takes and returns: a 2 or 3 letter language, then optional subtags. */
export const LANGUAGE_TAG_PATTERN = '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'
const LANGUAGE_TAG = new RegExp(LANGUAGE_TAG_PATTERN)

const NAMED: Record<string, string> = {
  english: 'en',
  welsh: 'cy',
  'scottish gaelic': 'gd',
  gaelic: 'gd',
  irish: 'ga',
  cornish: 'kw',
  'british sign language': 'bfi',
  bsl: 'bfi',
  polish: 'pl',
  romanian: 'ro',
  lithuanian: 'lt',
  latvian: 'lv',
  bulgarian: 'bg',
  slovak: 'sk',
  czech: 'cs',
  hungarian: 'hu',
  russian: 'ru',
  ukrainian: 'uk',
  albanian: 'sq',
  greek: 'el',
  turkish: 'tr',
  kurdish: 'ku',
  french: 'fr',
  spanish: 'es',
  portuguese: 'pt',
  italian: 'it',
  german: 'de',
  dutch: 'nl',
  arabic: 'ar',
  persian: 'fa',
  farsi: 'fa',
  pashto: 'ps',
  dari: 'prs',
  urdu: 'ur',
  punjabi: 'pa',
  panjabi: 'pa',
  bengali: 'bn',
  sylheti: 'syl',
  gujarati: 'gu',
  hindi: 'hi',
  tamil: 'ta',
  nepali: 'ne',
  chinese: 'zh',
  mandarin: 'cmn',
  cantonese: 'yue',
  vietnamese: 'vi',
  tagalog: 'tl',
  somali: 'so',
  tigrinya: 'ti',
  amharic: 'am',
  swahili: 'sw',
  yoruba: 'yo',
  akan: 'ak',
  twi: 'tw',
  shona: 'sn',
}

/**
 * The tag for a language written as a tag in any letter case (`EN`, `pt-br`) or by its English
 * name (`Polish`); undefined for anything else, which the caller refuses.
 */
export function languageTag(written: string): string | undefined {
  const text = written.trim()
  const named = NAMED[text.toLowerCase().replace(/\s+/g, ' ')]
  if (named) return named
  const [language = '', ...subtags] = text.split('-')
  // Written as BCP 47 writes them: the language in lower case, a two-letter region in capitals.
  const regions = subtags.map((subtag) => (/^[A-Za-z]{2}$/.test(subtag) ? subtag.toUpperCase() : subtag))
  const tag = [language.toLowerCase(), ...regions].join('-')
  return LANGUAGE_TAG.test(tag) ? tag : undefined
}
