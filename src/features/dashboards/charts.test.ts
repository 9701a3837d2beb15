// The charts as a reader sees them once drawn: months along the axis in date order and never on
// top of each other, line names apart at their lines' ends, whole numbers on a count axis, words
// where there is nothing to draw, and heat-map numbers readable on every shade (WCAG 1.4.3).
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { barSpec, contrast, drawChart, gridFill, gridSpec, lineSpec, textOn } from './charts.ts'
import type { Point } from './charts.ts'

const MONTH = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' })
const monthsFrom = (year: number, month: number, count: number): string[] =>
  Array.from({ length: count }, (_x, i) => MONTH.format(new Date(Date.UTC(year, month - 1 + i, 1))))

type Drawn = { text: string; x: number; y: number; fill: string }

/** The text marks in the groups of this class in the drawn SVG (axis labels, line names), lines of a label joined by a space. */
function texts(svg: string, group: string): Drawn[] {
  const groups = [...svg.matchAll(new RegExp(`<g class="[^"]*${group}[^"]*"[^>]*>([\\s\\S]*?)</g>`, 'g'))]
  return groups.flatMap((g) =>
    [...g[1]!.matchAll(/<text([^>]*)>([\s\S]*?)<\/text>/g)].map((m) => {
      const [, x, y] = /translate\(([^,]+),([^)]+)\)/.exec(m[1]!) ?? []
      return {
        x: Number(x),
        y: Number(y),
        fill: /fill="([^"]*)"/.exec(m[1]!)?.[1] ?? '',
        text: m[2]!
          .replace(/<\/tspan><tspan[^>]*>/g, ' ')
          .replace(/<[^>]+>/g, '')
          .trim(),
      }
    }),
  )
}

const draw = (spec: object) => drawChart(spec, 'test', 'A chart', 'What it shows')

describe('charts', () => {
  it('puts months along the axis in date order, thinned so no two labels meet', async () => {
    const months = monthsFrom(2016, 1, 120)
    const points: Point[] = months.flatMap((x, i) => [
      { x, series: 'Online', value: 100 + i },
      { x, series: 'Phone', value: 200 - i },
    ])
    const svg = await draw(lineSpec(points, { x: 'Month', y: 'Contacts', empty: 'No contacts in this period.' }))
    const labels = texts(svg, 'role-axis-label').filter((t) => /\d{4}$/.test(t.text))
    assert.ok(labels.length >= 5, `some month labels: ${labels.map((l) => l.text).join(', ')}`)
    const order = labels.map((l) => months.indexOf(l.text))
    assert.ok(!order.includes(-1), 'every label is a month of the chart')
    assert.deepEqual(
      order,
      [...order].sort((a, b) => a - b),
      'months in date order',
    )
    for (let i = 1; i < labels.length; i++)
      assert.ok(labels[i]!.x - labels[i - 1]!.x >= 40, `${labels[i - 1]!.text} and ${labels[i]!.text} apart`)
  })

  it('writes each line’s name at its last point, apart from the others', async () => {
    const months = monthsFrom(2025, 1, 12)
    const last: Record<string, number> = { Phone: 0.6, 'Face to face': 0.59, Email: 0.04, Letter: 0.03, Video: 0.02 }
    const points: Point[] = months.flatMap((x) => Object.entries(last).map(([series, value]) => ({ x, series, value })))
    const svg = await draw(
      lineSpec(points, { x: 'Year', y: 'Share of contacts', percent: true, empty: 'No contacts.' }),
    )
    const names = texts(svg, 'layer_1_marks')
    assert.deepEqual(names.map((n) => n.text).sort(), Object.keys(last).sort())
    const xs = new Set(names.map((n) => n.x))
    assert.equal(xs.size, 1, 'all at the last month')
    const ys = names.map((n) => n.y).sort((a, b) => a - b)
    for (let i = 1; i < ys.length; i++) assert.ok(ys[i]! - ys[i - 1]! >= 12, `names ${ys.join(', ')} do not overlap`)
  })

  it('numbers a count axis in whole numbers, even for one contact', async () => {
    const points: Point[] = [{ x: 'Nov 2026', series: 'Phone', value: 1 }]
    const svg = await draw(lineSpec(points, { x: 'Month', y: 'Contacts', empty: 'No contacts in this period.' }))
    const ticks = texts(svg, 'role-axis-label').filter((t) => !/\d{4}$/.test(t.text))
    assert.ok(ticks.length >= 2, 'a count axis')
    for (const tick of ticks) assert.match(tick.text, /^\d[\d,]*$/, `"${tick.text}" is a whole number`)
    const seconds = await draw(
      barSpec([{ title: 'Average seconds to answer', bars: [{ category: 'Monday', value: 0 }] }], 'No calls.'),
    )
    for (const tick of texts(seconds, 'role-axis-label').filter((t) => t.text !== 'Monday'))
      assert.match(tick.text, /^\d+$/, `"${tick.text}" is a whole number`)
  })

  it('says in words that there is nothing to draw, instead of drawing bare axes', async () => {
    const empty = [
      lineSpec([{ x: 'Jan 2010', series: 'Phone', value: null }], {
        x: 'Month',
        y: 'Contacts',
        empty: 'No contacts in this period.',
      }),
      barSpec(
        [{ title: 'Calls abandoned', bars: [{ category: 'Monday', value: null }], percent: true }],
        'No contacts in this period.',
      ),
      gridSpec([{ row: 'Mon', column: '09', value: null }], {
        row: 'Day',
        column: 'Hour',
        value: 'Answered',
        percent: true,
        empty: 'No contacts in this period.',
      }),
    ]
    for (const spec of empty) {
      const svg = await draw(spec)
      assert.match(svg, />No contacts in this period\.</)
      assert.doesNotMatch(svg, /role-axis|0\.000000/)
    }
  })

  it('picks heat-map number colours of at least 4.5:1 against every shade the scale can give', async () => {
    for (let i = 0; i <= 1000; i++) {
      const fill = gridFill(i / 1000)
      assert.ok(contrast(textOn(fill), fill) >= 4.5, `${textOn(fill)} on ${fill}`)
    }
    // And as drawn: each cell's number against the fill Vega gave the cell.
    const cells = Array.from({ length: 101 }, (_x, i) => ({ row: 'Mon', column: String(i), value: i / 100 }))
    const svg = await draw(gridSpec(cells, { row: 'Day', column: 'Hour', value: 'Answered', percent: true, empty: '' }))
    const rects = /<g class="[^"]*layer_0_marks[^"]*"[^>]*>([\s\S]*?)<\/g>/.exec(svg)?.[1] ?? ''
    const fills = [...rects.matchAll(/<path[^>]*fill="([^"]+)"/g)].map((m) => rgbHex(m[1]!))
    const numbers = texts(svg, 'layer_1_marks')
    assert.equal(fills.length, 101)
    assert.equal(numbers.length, 101)
    fills.forEach((fill, i) => {
      const ink = rgbHex(numbers[i]!.fill)
      assert.ok(
        contrast(ink, fill) >= 4.5,
        `${numbers[i]!.text}: ${ink} on ${fill} is ${contrast(ink, fill).toFixed(2)}:1`,
      )
    })
  })
})

/** "rgb(29, 112, 184)" or "#1d70b8" as "#1d70b8". */
function rgbHex(colour: string): string {
  const rgb = /rgb\((\d+),\s*(\d+),\s*(\d+)\)/.exec(colour)
  if (!rgb) return colour.toLowerCase()
  return `#${rgb
    .slice(1, 4)
    .map((c) => Number(c).toString(16).padStart(2, '0'))
    .join('')}`
}
