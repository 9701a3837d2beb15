// Reading a briefing PDF back in tests: the text it shows, from its compressed content streams.
// PDFKit writes text with the built-in fonts as hex strings in TJ arrays, split only for kerning.
import { inflateSync } from 'node:zlib'

export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1')
  const lines: string[] = []
  for (const match of raw.matchAll(/stream\r?\n([\s\S]*?)endstream/g)) {
    let content: string
    try {
      content = inflateSync(Buffer.from(match[1]!, 'latin1')).toString('latin1')
    } catch {
      continue
    }
    for (const array of content.matchAll(/\[([^\]]*)\]\s*TJ/g))
      lines.push(
        [...array[1]!.matchAll(/<([0-9a-f]*)>/gi)]
          .map((hex) => Buffer.from(hex[1]!, 'hex').toString('latin1'))
          .join(''),
      )
  }
  return lines.join(' ').replace(/\s+/g, ' ')
}
