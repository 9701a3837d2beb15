// Turns what someone types in the one search box into words to match against a resident's
// search text, normalised the same way that text is built (see search-text.ts).
import { phoneDigits } from './search-text.ts'

const PHONE_LIKE = /^\+?[\d()-]{4,}$/

function normaliseWord(word: string): string {
  if (PHONE_LIKE.test(word)) {
    const digits = phoneDigits(word)
    // "+44 7700…" is indexed in its national form too; search by that, it is the longer match.
    return digits.startsWith('44') && digits.length >= 12 ? '0' + digits.slice(2) : digits
  }
  return word.toLowerCase()
}

/** Search words, longest first (the most selective narrows the index lookup soonest). */
export function searchWords(q: string): string[] {
  const raw = q
    .trim()
    .split(/[\s,]+/)
    .filter(Boolean)
  // A phone number typed with spaces ("07700 900 123") is one word of digits.
  const joined = raw.every((w) => /^\+?[\d()-]+$/.test(w)) && raw.length > 1 ? [raw.join('')] : raw
  const words = [...new Set(joined.map(normaliseWord).filter((w) => w.length > 0))]
  return words.sort((a, b) => b.length - a.length).slice(0, 8)
}
