// Reads back the text of a PDF that PDFKit wrote with one embedded font: inflates its streams,
// builds the font's glyph-to-character map from its ToUnicode CMap, and decodes each page's TJ
// operators. Enough to check a letter says what it should, page by page; not a general reader.
import { inflateSync } from 'node:zlib'

function streams(pdf: Buffer): string[] {
  const text = pdf.toString('latin1')
  const found: string[] = []
  const pattern = /stream\r?\n/g
  let match: RegExpExecArray | null
  while ((match = pattern.exec(text)) !== null) {
    const start = match.index + match[0].length
    const end = text.indexOf('endstream', start)
    if (end < 0) break
    const raw = pdf.subarray(start, end)
    try {
      found.push(inflateSync(raw).toString('latin1'))
    } catch {
      found.push(raw.toString('latin1'))
    }
    pattern.lastIndex = end + 'endstream'.length
  }
  return found
}

function glyphMap(cmaps: string[]): Map<number, string> {
  const map = new Map<number, string>()
  for (const cmap of cmaps) {
    for (const range of cmap.matchAll(/<([0-9a-f]+)> <([0-9a-f]+)> \[([^\]]*)\]/gi)) {
      const start = parseInt(range[1]!, 16)
      const targets = [...range[3]!.matchAll(/<([0-9a-f ]+)>/gi)].map((m) =>
        String.fromCharCode(...m[1]!.split(' ').map((unit) => parseInt(unit, 16))),
      )
      targets.forEach((character, offset) => map.set(start + offset, character))
    }
  }
  return map
}

/** The text of each page, in page order, lines joined by newlines. */
export function pdfPages(pdf: Buffer): string[] {
  const all = streams(pdf)
  const map = glyphMap(all.filter((s) => s.includes('beginbfrange')))
  return all
    .filter((s) => /\bTJ\b/.test(s) && !s.includes('beginbfrange'))
    .map((content) =>
      [...content.matchAll(/\[([^\]]*)\] TJ/g)]
        .map((op) =>
          [...op[1]!.matchAll(/<([0-9a-f]*)>/gi)]
            .map(
              (hex) =>
                hex[1]!
                  .match(/.{4}/g)
                  ?.map((glyph) => map.get(parseInt(glyph, 16)) ?? '?')
                  .join('') ?? '',
            )
            .join(''),
        )
        .join('\n'),
    )
}
