// The briefing note as a PDF for committee papers: the same sentences, headline figures, charts and
// data tables as the HTML note, charts drawn from the same SVG. Published committee papers must be
// accessible, so the PDF is tagged: headings, paragraphs, lists and tables are structure elements
// a screen reader can follow, each chart a figure with its words as the text alternative, and rules
// and repeated table headers are artifacts it skips. The built-in Helvetica has no arrows, so a
// change is words alone here, as it is on screen for a screen reader.
import type PDFDocument from 'pdfkit'
import type { Chart, Dashboard, Headline } from './service.ts'
import { displayRows } from './tables.ts'

const MARGIN = 50
const BLACK = '#0b0c0c'
const GREY = '#505a5f'
const RULE = '#b1b4b6'
const PAD = 4
const GAP = 6

type Doc = InstanceType<typeof PDFDocument>
type Struct = ReturnType<Doc['struct']>
type SvgDrawer = (doc: never, svg: string, x: number, y: number, options: object) => void
type Style = { font: string; size: number; color: string; after: number }

const STYLES = {
  caption: { font: 'Helvetica', size: 11, color: GREY, after: 2 },
  h1: { font: 'Helvetica-Bold', size: 18, color: BLACK, after: 4 },
  h2: { font: 'Helvetica-Bold', size: 13, color: BLACK, after: 6 },
  body: { font: 'Helvetica', size: 10, color: BLACK, after: GAP },
  summary: { font: 'Helvetica', size: 10, color: GREY, after: GAP },
  cell: { font: 'Helvetica', size: 9, color: BLACK, after: 0 },
  headerCell: { font: 'Helvetica-Bold', size: 9, color: BLACK, after: 0 },
} satisfies Record<string, Style>

const contentWidth = (doc: Doc): number => doc.page.width - 2 * MARGIN
const bottom = (doc: Doc): number => doc.page.height - MARGIN
const contentHeight = (doc: Doc): number => doc.page.height - 2 * MARGIN

function styled(doc: Doc, style: Style): Doc {
  return doc.font(style.font).fontSize(style.size).fillColor(style.color)
}

function heightOf(doc: Doc, text: string, style: Style, width = contentWidth(doc)): number {
  return styled(doc, style).heightOfString(text, { width }) + style.after
}

/** Starts a new page unless this much fits below, so a heading is never left at a page's foot. */
function keepRoom(doc: Doc, height: number): void {
  if (doc.y + height > bottom(doc) && doc.y > MARGIN) doc.addPage()
}

function write(doc: Doc, parent: Struct, tag: string, text: string, style: Style): void {
  styled(doc, style)
  doc.x = MARGIN
  parent.add(doc.struct(tag, {}, () => doc.text(text, { width: contentWidth(doc) })))
  doc.y += style.after
}

/** A heading with room under it for the first lines of what it heads. */
function heading(doc: Doc, parent: Struct, tag: 'H1' | 'H2', text: string, following: number): void {
  const style = tag === 'H1' ? STYLES.h1 : STYLES.h2
  keepRoom(doc, heightOf(doc, text, style) + following)
  write(doc, parent, tag, text, style)
}

function bullets(doc: Doc, parent: Struct, lines: string[]): void {
  if (lines.length === 0) return
  const list = doc.struct('L')
  parent.add(list)
  styled(doc, STYLES.body)
  doc.x = MARGIN
  doc.list(lines, { structParent: list, width: contentWidth(doc), bulletRadius: 2, textIndent: 12, paragraphGap: 3 })
  list.end()
  doc.y += GAP
}

/** Whether the previous period is the same days as a year earlier, as it is for a whole year. */
export function comparedOnce(dashboard: Pick<Dashboard, 'comparison'>): boolean {
  const { previous, yearEarlier } = dashboard.comparison
  return previous.from === yearEarlier.from && previous.to === yearEarlier.to
}

function comparisons(doc: Doc, parent: Struct, dashboard: Dashboard): void {
  const { described, sentences } = dashboard
  const sections = comparedOnce(dashboard)
    ? [{ title: 'Compared with the previous year', dates: described.previous, lines: sentences.previous }]
    : [
        { title: 'Compared with the previous period', dates: described.previous, lines: sentences.previous },
        {
          title: 'Compared with the same period a year earlier',
          dates: described.yearEarlier,
          lines: sentences.yearEarlier,
        },
      ]
  for (const section of sections) {
    heading(doc, parent, 'H2', section.title, 40)
    write(doc, parent, 'P', `${section.dates}.`, STYLES.body)
    bullets(doc, parent, section.lines)
  }
}

// Tables: drawn by hand rather than with PDFKit's own, which cannot repeat its header on a new page.

type Grid = { head: string[]; rows: string[][]; numeric: boolean[] }
type Row = { cells: string[]; header: boolean }

// As on the web page, the first cell of each row heads it.
const cellStyle = (header: boolean, column: number): Style => (header || column === 0 ? STYLES.headerCell : STYLES.cell)

const longestWord = (doc: Doc, text: string): number =>
  Math.max(0, ...text.split(/\s+/).map((word) => doc.widthOfString(word)))

/** Each column as wide as its widest cell if that fits, narrowed in proportion where it doesn't. */
function columnWidths(doc: Doc, grid: Grid, total: number): number[] {
  const cells = (i: number) => grid.rows.map((row) => row[i] ?? '')
  const natural = grid.head.map((head, i) => {
    const widest = Math.max(0, ...cells(i).map((text) => styled(doc, cellStyle(false, i)).widthOfString(text)))
    return Math.max(widest, styled(doc, STYLES.headerCell).widthOfString(head)) + 2 * PAD
  })
  const least = grid.head.map((head, i) => {
    const words = Math.max(0, ...cells(i).map((text) => longestWord(styled(doc, cellStyle(false, i)), text)))
    return Math.max(words, longestWord(styled(doc, STYLES.headerCell), head)) + 2 * PAD
  })
  const sum = (widths: number[]) => widths.reduce((a, b) => a + b, 0)
  if (sum(natural) <= total) return natural.map((w, i) => (i === 0 ? w + total - sum(natural) : w))
  if (sum(least) >= total) return least.map((w) => (w * total) / sum(least))
  const share = (total - sum(least)) / (sum(natural) - sum(least))
  return least.map((w, i) => w + (natural[i]! - w) * share)
}

function rowHeight(doc: Doc, row: Row, widths: number[]): number {
  const heights = row.cells.map((text, i) => heightOf(doc, text, cellStyle(row.header, i), widths[i]! - 2 * PAD))
  return Math.max(...heights) + 2 * PAD
}

function rule(doc: Doc, y: number, weight: number): void {
  doc.markContent('Artifact', { type: 'Layout' })
  doc
    .save()
    .moveTo(MARGIN, y)
    .lineTo(MARGIN + contentWidth(doc), y)
    .lineWidth(weight)
    .strokeColor(weight > 1 ? BLACK : RULE)
    .stroke()
    .restore()
  doc.endMarkedContent()
}

function cellText(doc: Doc, text: string, x: number, y: number, width: number, align: 'left' | 'right'): void {
  doc.text(text, x + PAD, y + PAD, { width: width - 2 * PAD, align })
}

/** One row; into `parent` as a TR, or with no parent as an artifact (a header repeated on a new page). */
function drawRow(doc: Doc, grid: Grid, widths: number[], row: Row, parent: Struct | null): void {
  const y = doc.y
  const height = rowHeight(doc, row, widths)
  const tr = parent ? doc.struct('TR') : null
  if (tr) parent?.add(tr)
  else doc.markContent('Artifact', { type: 'Pagination' })
  let x = MARGIN
  row.cells.forEach((text, i) => {
    const align = grid.numeric[i] ? 'right' : 'left'
    const [tag, scope] = row.header ? ['TH', 'Column'] : i === 0 ? ['TH', 'Row'] : ['TD', undefined]
    const cellX = x
    styled(doc, cellStyle(row.header, i))
    if (tr) tr.add(doc.struct(tag, { scope } as object, () => cellText(doc, text, cellX, y, widths[i]!, align)))
    else cellText(doc, text, cellX, y, widths[i]!, align)
    x += widths[i]!
  })
  if (tr) tr.end()
  else doc.endMarkedContent()
  rule(doc, y + height, row.header ? 1.5 : 0.5)
  doc.x = MARGIN
  doc.y = y + height
}

/** A table whose rows run on over pages, its header row drawn again at the top of each. */
function table(doc: Doc, parent: Struct, grid: Grid): void {
  const widths = columnWidths(doc, grid, contentWidth(doc))
  const head: Row = { cells: grid.head, header: true }
  const rows = grid.rows.map((cells): Row => ({ cells, header: false }))
  const struct = doc.struct('Table')
  parent.add(struct)
  keepRoom(doc, rowHeight(doc, head, widths) + (rows[0] ? rowHeight(doc, rows[0], widths) : 0))
  const thead = doc.struct('THead')
  struct.add(thead)
  drawRow(doc, grid, widths, head, thead)
  thead.end()
  const tbody = doc.struct('TBody')
  struct.add(tbody)
  for (const row of rows) {
    if (doc.y + rowHeight(doc, row, widths) > bottom(doc)) {
      doc.addPage()
      drawRow(doc, grid, widths, head, null)
    }
    drawRow(doc, grid, widths, row, tbody)
  }
  tbody.end()
  struct.end()
  doc.y += GAP * 2
}

function change(compared: Headline['previous']): string {
  return compared.change.judgement ? `${compared.change.words} (${compared.change.judgement})` : compared.change.words
}

function headlines(doc: Doc, parent: Struct, dashboard: Dashboard): void {
  const once = comparedOnce(dashboard)
  const { described } = dashboard
  heading(doc, parent, 'H2', `Headline figures for ${described.current}`, 40)
  const head = once
    ? ['Figure', 'This period', `Compared with the previous year (${described.previous})`]
    : [
        'Figure',
        'This period',
        `Compared with the previous period (${described.previous})`,
        `Compared with a year earlier (${described.yearEarlier})`,
      ]
  // A share says what it is a share of, as the page's table does: two shares of different wholes
  // may add up to more than 100%.
  const named = (h: Headline) => (h.of ? `${h.name} (${h.of.charAt(0).toLowerCase()}${h.of.slice(1)})` : h.name)
  const rows = dashboard.headlines.map((h) =>
    once ? [named(h), h.value, change(h.previous)] : [named(h), h.value, change(h.previous), change(h.yearEarlier)],
  )
  table(doc, parent, { head, rows, numeric: head.map((_, i) => i === 1) })
}

/** SVG width and height from its viewBox, for scaling it to the page. */
function sizeOf(svg: string): { width: number; height: number } {
  const box = /viewBox="[\d.-]+ [\d.-]+ ([\d.]+) ([\d.]+)"/.exec(svg)
  return { width: Number(box?.[1] ?? 600), height: Number(box?.[2] ?? 300) }
}

function figure(doc: Doc, parent: Struct, chart: Chart, size: { width: number; height: number }, draw: SvgDrawer) {
  const x = MARGIN
  const y = doc.y
  // A solid line's dash pattern (1,0) is valid SVG that PDFKit refuses: a solid line needs none.
  const svg = chart.svg.replace(/\sstroke-dasharray="\d+,0"/g, '')
  // The bounding box is PDF/UA's, and lets a reader (and the tests) find where the chart lies.
  const options = { alt: `${chart.title}. ${chart.summary}`, bbox: [x, y, x + size.width, y + size.height] }
  parent.add(
    doc.struct('Figure', options as object, () =>
      draw(doc as never, svg, x, y, { width: size.width, height: size.height, assumePt: true }),
    ),
  )
  // The SVG leaves its last font, size and colour behind (a bold label's, say): nothing after should wear them.
  styled(doc, STYLES.body)
  doc.x = MARGIN
  doc.y = y + size.height + GAP
}

/** A chart with its title and summary on one page, scaled down to fit one if need be; its table after. */
function chartSection(doc: Doc, parent: Struct, chart: Chart, draw: SvgDrawer): void {
  const sect = doc.struct('Sect')
  parent.add(sect)
  const titleHeight = heightOf(doc, chart.title, STYLES.h2)
  const summaryHeight = heightOf(doc, chart.summary, STYLES.summary)
  const natural = sizeOf(chart.svg)
  const room = contentHeight(doc) - titleHeight - summaryHeight - GAP
  const scale = Math.min(1, contentWidth(doc) / natural.width, room / natural.height)
  const size = { width: natural.width * scale, height: natural.height * scale }
  keepRoom(doc, titleHeight + size.height + GAP + summaryHeight)
  write(doc, sect, 'H2', chart.title, STYLES.h2)
  figure(doc, sect, chart, size, draw)
  write(doc, sect, 'P', chart.summary, STYLES.summary)
  const rows = displayRows(chart.table)
  if (rows.length === 0) write(doc, sect, 'P', 'No data for this chart in the period.', STYLES.body)
  else
    table(doc, sect, {
      head: chart.table.columns.map((c) => c.heading),
      rows,
      numeric: chart.table.columns.map((c) => c.kind !== 'text'),
    })
  sect.end()
}

/** The briefing note as PDF bytes. */
export async function briefingPdf(dashboard: Dashboard, councilName: string): Promise<Buffer> {
  // Loaded when a briefing is first printed, not by every process that loads the app.
  const { default: PDFDocument } = await import('pdfkit')
  const { default: SVGtoPDF } = await import('svg-to-pdfkit')
  const title = `Briefing note: customer contact, ${dashboard.described.current}`
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    pdfVersion: '1.7',
    tagged: true,
    lang: 'en-GB',
    displayTitle: true,
    info: { Title: title, Author: councilName, Subject: 'Customer contact figures for a committee' },
  })
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve)
    doc.on('error', reject)
  })
  const root = doc.struct('Document')
  doc.addStructure(root)
  write(doc, root, 'P', councilName, STYLES.caption)
  heading(doc, root, 'H1', title, 60)
  comparisons(doc, root, dashboard)
  headlines(doc, root, dashboard)
  for (const chart of dashboard.charts) chartSection(doc, root, chart, SVGtoPDF as SvgDrawer)
  root.end()
  doc.end()
  await ended
  return Buffer.concat(chunks)
}
