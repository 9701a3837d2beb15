// A resident's letter as a page of A4, laid out for a window envelope: the address sits where a
// DL or C5 window shows it (20 mm from the left edge, 50 mm from the top, within 90 x 40 mm), the
// council's name and return address at the top right, then the date, a heading and the message.
// Many letters make one PDF, each starting on a new page, so a day's batch is one print job.
// The typeface is DejaVu Sans where the system has it: it has every Welsh letter (ŵ, ŷ), which
// the PDF standard fonts lack; Helvetica is the fallback.
import { existsSync } from 'node:fs'

export type Letter = {
  council: { name: string; address: string[]; phone?: string }
  /** The resident's name and postal address, a line each: what shows through the window. */
  addressBlock: string[]
  /** Already in the resident's language. */
  date: string
  subject: string
  paragraphs: string[]
}

const MM = 72 / 25.4
const FONT_PATHS = ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/dejavu/DejaVuSans.ttf']
const FONT = FONT_PATHS.find((path) => existsSync(path)) ?? 'Helvetica'
const LEFT = 20 * MM
const WIDTH = 170 * MM

function councilBlock(doc: PDFKit.PDFDocument, council: Letter['council']): void {
  const lines = [council.name, ...council.address, ...(council.phone ? [council.phone] : [])]
  doc.fontSize(10).text(lines.join('\n'), 120 * MM, 15 * MM, { width: 70 * MM, align: 'right' })
}

function page(doc: PDFKit.PDFDocument, letter: Letter): void {
  councilBlock(doc, letter.council)
  doc.fontSize(11).text(letter.addressBlock.join('\n'), LEFT, 50 * MM, { width: 90 * MM, height: 40 * MM })
  doc.fontSize(11).text(letter.date, 120 * MM, 95 * MM, { width: 70 * MM, align: 'right' })
  doc.fontSize(14).text(letter.subject, LEFT, 110 * MM, { width: WIDTH })
  doc.moveDown(1).fontSize(11)
  for (const paragraph of letter.paragraphs) doc.text(paragraph, { width: WIDTH, paragraphGap: 8 })
}

export type LettersPdf = {
  pdf: Buffer
  /** The page each letter starts on, from 1: a long one runs on. */ firstPages: number[]
}

/** Every letter given, each from a new page, as one PDF; `title` names the batch in the file's properties. */
export async function lettersPdf(letters: readonly Letter[], title: string): Promise<LettersPdf> {
  // Loaded when the first batch is printed, not by every process that loads the app.
  const { default: PDFDocument } = await import('pdfkit')
  const doc = new PDFDocument({ size: 'A4', autoFirstPage: false, margin: 20 * MM, info: { Title: title } })
  doc.font(FONT)
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  let pages = 0
  doc.on('pageAdded', () => pages++)
  const firstPages: number[] = []
  for (const letter of letters) {
    doc.addPage()
    firstPages.push(pages)
    page(doc, letter)
  }
  doc.end()
  return { pdf: await done, firstPages }
}
