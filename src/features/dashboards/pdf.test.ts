// The briefing PDF as a reader meets it, on a made-up dashboard built to strain the layout: a chart
// taller than a page, one that would land at a page's foot, bold labels, a table of 60 long service
// names, and a whole year whose two comparisons are the same days.
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { briefingPdf } from './pdf.ts'
import type { Chart, Dashboard } from './service.ts'
import { pageText, pdfFigures, pdfPages, pdfText } from './test-pdf.ts'

const A4_HEIGHT = 841.89
const MARGIN = 50

const svg = (width: number, height: number) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}">` +
  `<rect x="0" y="0" width="${width}" height="${height}" fill="#1d70b8"/>` +
  `<text x="10" y="${height - 10}" font-weight="bold" font-size="12">Axis title</text></svg>`

const SERVICES = Array.from(
  { length: 60 },
  (_, i) => `Apply for a single person discount on Council Tax, case ${i + 1}`,
)

function chart(id: string, width: number, height: number, rows = 3): Chart {
  return {
    id,
    title: `Chart ${id}`,
    summary: `Summary of chart ${id}: highest first, lowest last.`,
    spec: {},
    svg: svg(width, height),
    table: {
      columns: [
        { heading: 'Service', kind: 'text' },
        { heading: 'Requests', kind: 'count' },
        { heading: 'Share', kind: 'share' },
      ],
      rows: SERVICES.slice(0, rows).map((name, i) => [name, i * 10, i / 100]),
    },
  }
}

function dashboard(comparison: Dashboard['comparison'], charts: Chart[]): Dashboard {
  const change = { direction: 'up' as const, words: 'Up 2 (10%) from 20', judgement: 'better' as const }
  return {
    comparison,
    described: { current: 'This year', previous: 'The previous days', yearEarlier: 'A year before' },
    headlines: [
      {
        key: 'contacts',
        name: 'Contacts',
        of: null,
        value: '22',
        previous: { value: '20', change },
        yearEarlier: { value: '20', change },
      },
      {
        key: 'digital_take_up',
        name: 'Requests made online by residents',
        of: 'Share of requests for services available online',
        value: '78.4%',
        previous: { value: '75.0%', change },
        yearEarlier: { value: '75.0%', change },
      },
    ],
    sentences: { previous: ['Contacts rose from 20 to 22.'], yearEarlier: ['Contacts rose from 20 to 22.'] },
    charts,
  }
}

const QUARTER = {
  current: { from: '2025-04-01', to: '2025-06-30' },
  previous: { from: '2025-01-01', to: '2025-03-31' },
  yearEarlier: { from: '2024-04-01', to: '2024-06-30' },
}
const YEAR = {
  current: { from: '2025-01-01', to: '2025-12-31' },
  previous: { from: '2024-01-01', to: '2024-12-31' },
  yearEarlier: { from: '2024-01-01', to: '2024-12-31' },
}

const STRAINED = [chart('a', 500, 300, 60), chart('b', 560, 420), chart('tall', 600, 1400), chart('d', 420, 120)]

describe('the briefing PDF', () => {
  it('is tagged in British English, with a title shown in place of the file name', async () => {
    const raw = (await briefingPdf(dashboard(QUARTER, STRAINED), 'Exampleton')).toString('latin1')
    assert.match(raw, /\/StructTreeRoot \d+ 0 R/)
    assert.match(raw, /\/Marked true/)
    assert.match(raw, /\/Lang \(en-GB\)/)
    assert.match(raw, /\/DisplayDocTitle true/)
    assert.match(raw, /\/Title (\d+) 0 R/)
    const title = new RegExp(`\\n${/\/Title (\d+) 0 R/.exec(raw)?.[1]} 0 obj\\n\\(([^)]*)\\)`).exec(raw)?.[1]
    assert.equal(title, 'Briefing note: customer contact, This year')
    for (const tag of ['H1', 'H2', 'P', 'L', 'LI', 'Table', 'TH', 'TD', 'Figure'])
      assert.match(raw, new RegExp(`/S /${tag}\\b`))
  })

  it('keeps each chart whole on one page with its title and summary, in regular type', async () => {
    const pdf = await briefingPdf(dashboard(QUARTER, STRAINED), 'Exampleton')
    const pages = pdfPages(pdf)
    const figures = pdfFigures(pdf)
    assert.equal(figures.length, STRAINED.length)
    for (const [i, figure] of figures.entries()) {
      const { title, summary } = STRAINED[i]!
      assert.equal(figure.alt, `${title}. ${summary}`)
      assert.ok(figure.bottom >= MARGIN - 0.01, `${title} runs below the bottom margin`)
      assert.ok(figure.top <= A4_HEIGHT - MARGIN + 0.01, `${title} starts above the top margin`)
      const runs = pages[figure.page]!
      assert.match(pageText(runs), new RegExp(`${title} .*${summary}`))
      assert.deepEqual(
        runs.filter((r) => r.text.startsWith('Summary of')).map((r) => r.font),
        ['Helvetica'],
        `${title}'s summary is not in the regular font`,
      )
    }
  })

  it('follows each chart with its data, long names whole and the header again on each page', async () => {
    const pdf = await briefingPdf(dashboard(QUARTER, STRAINED), 'Exampleton')
    const text = pdfText(pdf)
    for (const name of SERVICES) assert.ok(text.includes(name.split(',')[0]!), name)
    assert.match(text, /case 60/)
    const pagesWithRows = pdfPages(pdf).filter((runs) => /case \d+/.test(pageText(runs)))
    assert.ok(pagesWithRows.length >= 2, 'the 60 rows should run over pages')
    for (const runs of pagesWithRows) assert.match(pageText(runs), /Service Requests Share/)
  })

  it('says what each share in the headline table is a share of', async () => {
    const text = pdfText(await briefingPdf(dashboard(QUARTER, [chart('d', 420, 120)]), 'Exampleton'))
    assert.match(text, /Requests made online by residents \(share of requests for services\s+available online\)/)
    assert.doesNotMatch(text, /Contacts \(/, 'a count is of nothing')
  })

  it('says a whole year’s comparison once when the previous period is the year before', async () => {
    const once = pdfText(await briefingPdf(dashboard(YEAR, [chart('d', 420, 120)]), 'Exampleton'))
    assert.match(once, /Compared with the previous year The previous days\./)
    assert.doesNotMatch(once, /a year earlier/i)
    assert.equal(once.match(/Contacts rose from 20 to 22\./g)?.length, 1)
    const twice = pdfText(await briefingPdf(dashboard(QUARTER, [chart('d', 420, 120)]), 'Exampleton'))
    assert.match(twice, /Compared with the previous period The previous days\./)
    assert.match(twice, /Compared with the same period a year earlier A year before\./)
  })
})
