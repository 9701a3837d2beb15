// Reading a briefing PDF back in tests: the text it shows, from its compressed content streams, page
// by page with the font each run is set in, and where its tagged figures lie. PDFKit writes text
// with the built-in fonts as hex strings in TJ arrays, split only for kerning, and its objects'
// dictionaries uncompressed.
import { inflateSync } from 'node:zlib'

export type Run = { text: string; font: string }
export type Figure = { alt: string; page: number; top: number; bottom: number }

const objectBody = (raw: string, id: string): string => {
  const start = raw.search(new RegExp(`(^|\\s)${id} 0 obj\\b`))
  return start < 0 ? '' : raw.slice(start, raw.indexOf('endobj', start))
}

function inflated(body: string): string {
  const stream = /stream\r?\n([\s\S]*?)endstream/.exec(body)
  if (!stream) return ''
  try {
    return inflateSync(Buffer.from(stream[1]!, 'latin1')).toString('latin1')
  } catch {
    return ''
  }
}

const hexText = (array: string): string =>
  [...array.matchAll(/<([0-9a-f]*)>/gi)].map((hex) => Buffer.from(hex[1]!, 'hex').toString('latin1')).join('')

/** Font resource names (F1, F2, ...) to the font each names, such as Helvetica-Bold. */
function fontNames(raw: string): Map<string, string> {
  const names = new Map<string, string>()
  for (const [, name, id] of raw.matchAll(/\/(F\d+) (\d+) 0 R/g))
    names.set(name!, /\/BaseFont \/([\w-]+)/.exec(objectBody(raw, id!))?.[1] ?? name!)
  return names
}

/** The object ids of the pages, in order. */
function pageIds(raw: string): string[] {
  const kids = /\/Type \/Pages[\s\S]*?\/Kids \[([^\]]*)\]/.exec(raw)?.[1] ?? ''
  return [...kids.matchAll(/(\d+) 0 R/g)].map((m) => m[1]!)
}

/** Each page's runs of text with their fonts. */
export function pdfPages(pdf: Buffer): Run[][] {
  const raw = pdf.toString('latin1')
  const fonts = fontNames(raw)
  return pageIds(raw).map((page) => {
    const contents = /\/Contents (\d+) 0 R/.exec(objectBody(raw, page))?.[1]
    const content = contents ? inflated(objectBody(raw, contents)) : ''
    const runs: Run[] = []
    let font = ''
    for (const op of content.matchAll(/\/(F\d+) [\d.]+ Tf|\[([^\]]*)\]\s*TJ/g)) {
      if (op[1]) font = fonts.get(op[1]) ?? op[1]
      else runs.push({ text: hexText(op[2]!), font })
    }
    return runs
  })
}

/** A page's text as one line. */
export const pageText = (runs: Run[]): string =>
  runs
    .map((r) => r.text)
    .join(' ')
    .replace(/\s+/g, ' ')

export function pdfText(pdf: Buffer): string {
  return pdfPages(pdf).map(pageText).join(' ')
}

const unescaped = (text: string): string => text.replace(/\\([()\\])/g, '$1')

/** The tagged figures, with the page each is on (from 0) and its top and bottom from the page's foot, in points. */
export function pdfFigures(pdf: Buffer): Figure[] {
  const raw = pdf.toString('latin1')
  const pages = pageIds(raw)
  return [
    ...raw.matchAll(/\/S \/Figure\s+\/Alt \(((?:\\.|[^\\)])*)\)[\s\S]*?\/BBox \[([^\]]*)\][\s\S]*?\/Pg (\d+) 0 R/g),
  ].map((m) => {
    const [, bottom, , top] = m[2]!.trim().split(/\s+/).map(Number)
    return { alt: unescaped(m[1]!), page: pages.indexOf(m[3]!), top: top!, bottom: bottom! }
  })
}
