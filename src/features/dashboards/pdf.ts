// The briefing note as a PDF for committee papers: the same sentences, headline figures and charts
// as the HTML note, charts drawn from the same SVG. The built-in Helvetica has no arrows, so a
// change is words alone here, as it is on screen for a screen reader.
import type PDFDocument from 'pdfkit'
import type { Dashboard, Headline } from './service.ts'

const MARGIN = 50
const BLACK = '#0b0c0c'
const GREY = '#505a5f'

type Doc = InstanceType<typeof PDFDocument>
type SvgDrawer = (doc: never, svg: string, x: number, y: number, options: object) => void

function heading(doc: Doc, text: string, size = 14): void {
  doc.moveDown(0.6).font('Helvetica-Bold').fontSize(size).fillColor(BLACK).text(text)
  doc.moveDown(0.3).font('Helvetica').fontSize(10)
}

function bullets(doc: Doc, lines: string[]): void {
  for (const line of lines) doc.text(`•  ${line}`, { indent: 0, paragraphGap: 3 })
}

function change(compared: Headline['previous']): string {
  return compared.change.judgement ? `${compared.change.words} (${compared.change.judgement})` : compared.change.words
}

function headlines(doc: Doc, dashboard: Dashboard): void {
  heading(doc, 'Headline figures')
  const width = doc.page.width - 2 * MARGIN
  for (const h of dashboard.headlines) {
    if (doc.y > doc.page.height - 110) doc.addPage()
    doc.font('Helvetica-Bold').fontSize(10).text(`${h.name}: ${h.value}`, { width })
    doc.font('Helvetica').fillColor(GREY)
    doc.text(`Against the previous period: ${change(h.previous)}. Against a year earlier: ${change(h.yearEarlier)}.`, {
      width,
      paragraphGap: 4,
    })
    doc.fillColor(BLACK)
  }
}

/** SVG width and height from its viewBox, for scaling it to the page. */
function sizeOf(svg: string): { width: number; height: number } {
  const box = /viewBox="[\d.-]+ [\d.-]+ ([\d.]+) ([\d.]+)"/.exec(svg)
  return { width: Number(box?.[1] ?? 600), height: Number(box?.[2] ?? 300) }
}

function charts(doc: Doc, dashboard: Dashboard, drawSvg: SvgDrawer): void {
  const width = doc.page.width - 2 * MARGIN
  for (const chart of dashboard.charts) {
    const size = sizeOf(chart.svg)
    const scale = Math.min(1, width / size.width)
    const height = size.height * scale
    if (doc.y + height + 80 > doc.page.height - MARGIN) doc.addPage()
    heading(doc, chart.title, 12)
    // A solid line's dash pattern (1,0) is valid SVG that PDFKit refuses: a solid line needs none.
    const svg = chart.svg.replace(/\sstroke-dasharray="\d+,0"/g, '')
    drawSvg(doc as never, svg, MARGIN, doc.y, { width: size.width * scale, height, assumePt: true })
    doc.y += height + 6
    doc.x = MARGIN
    doc.fillColor(GREY).text(chart.summary, { width }).fillColor(BLACK)
  }
}

/** The briefing note as PDF bytes. */
export async function briefingPdf(dashboard: Dashboard, councilName: string): Promise<Buffer> {
  // Loaded when a briefing is first printed, not by every process that loads the app.
  const { default: PDFDocument } = await import('pdfkit')
  const { default: SVGtoPDF } = await import('svg-to-pdfkit')
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: { Title: `Briefing note: customer contact, ${dashboard.described.current}`, Author: councilName },
  })
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve)
    doc.on('error', reject)
  })
  doc.font('Helvetica').fontSize(10).fillColor(GREY).text(councilName)
  doc.font('Helvetica-Bold').fontSize(18).fillColor(BLACK).text(`Briefing note: customer contact`)
  doc.font('Helvetica').fontSize(12).text(dashboard.described.current)
  heading(doc, `Compared with the previous period (${dashboard.described.previous})`)
  bullets(doc, dashboard.sentences.previous)
  heading(doc, `Compared with the same period a year earlier (${dashboard.described.yearEarlier})`)
  bullets(doc, dashboard.sentences.yearEarlier)
  doc.addPage()
  headlines(doc, dashboard)
  doc.addPage()
  charts(doc, dashboard, SVGtoPDF as SvgDrawer)
  doc.end()
  await ended
  return Buffer.concat(chunks)
}
