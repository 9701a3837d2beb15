// Finding a service by what a resident types: plain words ("bin not emptied"), misspellings
// ("councel tax"), in English or the language they read in. Each typed word is matched against the
// words of each service's name, keywords and category: the same word scores most, a word it begins
// scores less, a word one or two letters away (Damerau-Levenshtein: a letter wrong, missing, extra
// or two swapped) less again; a whole keyword phrase in the query adds a bonus. Services are few
// (tens per council), so the scoring runs in memory over the council's catalogue.

/** Words that carry no meaning in a search: left out of both sides. */
const STOP_WORDS = new Set(
  'a an and are at be by can do for from get have how i in is it me my of on or our the to was what when where with you your not has been'.split(
    ' ',
  ),
)

export function words(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^a-z0-9%]+/)
    .filter((word) => word !== '' && !STOP_WORDS.has(word))
}

/** Edit distance with swapped neighbours counting as one edit, given up beyond `limit`. */
export function editDistance(a: string, b: string, limit = 2): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)])
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j
  for (let i = 1; i <= a.length; i++) {
    let best = Infinity
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let value = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, rows[i - 2]![j - 2]! + 1)
      rows[i]![j] = value
      best = Math.min(best, value)
    }
    if (best > limit) return limit + 1
  }
  return rows[a.length]![b.length]!
}

/** How many typing mistakes a word of this length may have and still count: none in short words. */
function allowedMistakes(word: string): number {
  if (word.length <= 3) return 0
  return word.length <= 6 ? 1 : 2
}

/** How well one typed word matches one word of a service. */
export function wordScore(typed: string, known: string): number {
  if (typed === known) return 3
  // "bins" finds "bin", "recycl" finds "recycling"
  if (typed.length >= 3 && (known.startsWith(typed) || typed.startsWith(known)) && known.length >= 3) return 2
  const distance = editDistance(typed, known, 2)
  return distance <= allowedMistakes(typed) && distance <= allowedMistakes(known) ? 1.5 - distance * 0.25 : 0
}

export type Searchable = {
  /** The texts whose words count fully: the name (in English and the reader's language). */
  names: readonly string[]
  /** Keywords and the category: count a little less than the name. */
  keywords: readonly string[]
}

const NAME_WEIGHT = 1.2
const PHRASE_BONUS = 2

/** How well a query matches a service; 0 when not at all. Every typed word must match something for a full score. */
export function matchScore(query: string, service: Searchable): number {
  const typed = words(query)
  if (typed.length === 0) return 0
  const nameWords = service.names.flatMap(words)
  const keywordWords = service.keywords.flatMap(words)
  let score = 0
  let matched = 0
  for (const word of typed) {
    const best = Math.max(
      0,
      ...nameWords.map((known) => wordScore(word, known) * NAME_WEIGHT),
      ...keywordWords.map((known) => wordScore(word, known)),
    )
    if (best > 0) matched++
    score += best
  }
  if (matched === 0) return 0
  const plainQuery = ` ${typed.join(' ')} `
  for (const phrase of service.keywords) {
    const phraseWords = words(phrase)
    if (phraseWords.length > 1 && plainQuery.includes(` ${phraseWords.join(' ')} `)) score += PHRASE_BONUS
  }
  // A service matching more of what was typed comes first: half the words matched halves the score.
  return score * (matched / typed.length)
}

/** The services matching a query, best first, then by name. */
export function rankServices<T extends Searchable & { name: string }>(query: string, services: readonly T[]): T[] {
  return services
    .map((service) => ({ service, score: matchScore(query, service) }))
    .filter(({ score }) => score > 0)
    .sort((a, b) => b.score - a.score || a.service.name.localeCompare(b.service.name))
    .map(({ service }) => service)
}
