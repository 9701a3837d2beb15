// Charts drawn on the server as SVG by Vega-Lite, inline in the page: no script, no colour alone
// (each series has its own dash and point shape and is labelled at its end; bars carry their
// values), GOV.UK colours of 3:1 or more against white, and nothing the CSP would block.
import type { TopLevelSpec } from 'vega-lite'

// Vega is loaded when the first chart is drawn: most processes (every test file, the CLI) never
// draw one, and loading it costs a tenth of a second.
const vegaLibraries = async () => ({ vega: await import('vega'), vegaLite: await import('vega-lite') })

/** GOV.UK colours, each at least 3:1 against white (WCAG 1.4.11). */
const COLOURS = ['#1d70b8', '#0b0c0c', '#00703c', '#d4351c', '#4c2c92', '#505a5f', '#912b88', '#b58840', '#003078']
const DASHES = [
  [1, 0],
  [6, 3],
  [2, 2],
  [8, 3, 2, 3],
  [1, 3],
  [10, 5],
  [4, 4, 1, 4],
  [12, 2],
  [3, 6],
]
const SHAPES = ['circle', 'square', 'triangle-up', 'diamond', 'cross', 'triangle-down', 'circle', 'square', 'diamond']

const CONFIG = {
  aria: false,
  font: 'arial, sans-serif',
  background: 'white',
  axis: {
    labelFontSize: 12,
    titleFontSize: 12,
    labelColor: '#0b0c0c',
    titleColor: '#0b0c0c',
    domainColor: '#505a5f',
    tickColor: '#505a5f',
    gridColor: '#b1b4b6',
  },
  legend: { labelFontSize: 12, titleFontSize: 12, labelColor: '#0b0c0c', titleColor: '#0b0c0c' },
  title: { fontSize: 14, color: '#0b0c0c', anchor: 'start' },
  view: { stroke: null },
}

export type Point = { x: string; series: string; value: number | null }

/** Lines over an ordered x axis, one per series, each with its own dash and point shape and its name at its end. */
export function lineSpec(points: Point[], axis: { x: string; y: string; percent?: boolean }, marks: Mark[] = []) {
  const series = [...new Set(points.map((p) => p.series))]
  const scale = { domain: series, range: COLOURS.slice(0, series.length) }
  const encoding = {
    x: { field: 'x', type: 'ordinal', title: axis.x, axis: { labelAngle: 0 } },
    y: { field: 'value', type: 'quantitative', title: axis.y, axis: axis.percent ? { format: '.0%' } : {} },
    color: { field: 'series', type: 'nominal', scale, legend: null },
  }
  const last = (s: string) => points.filter((p) => p.series === s && p.value !== null).at(-1)
  const ends = series.map(last).filter((p): p is Point => p !== undefined)
  return {
    width: 560,
    height: 260,
    layer: [
      {
        data: { values: points.filter((p) => p.value !== null) },
        mark: { type: 'line', point: { filled: true, size: 50 }, strokeWidth: 2 },
        encoding: {
          ...encoding,
          strokeDash: {
            field: 'series',
            type: 'nominal',
            scale: { domain: series, range: DASHES.slice(0, series.length) },
            legend: null,
          },
          shape: {
            field: 'series',
            type: 'nominal',
            scale: { domain: series, range: SHAPES.slice(0, series.length) },
            legend: null,
          },
        },
      },
      {
        data: { values: ends },
        mark: { type: 'text', align: 'left', dx: 8, fontSize: 12 },
        encoding: { ...encoding, text: { field: 'series' } },
      },
      ...marks.map(markLayer),
    ],
    padding: { right: 140, left: 5, top: 5, bottom: 5 },
  }
}

/** A labelled moment on the x axis: "2020: lockdown". */
export type Mark = { x: string; text: string }

function markLayer(mark: Mark) {
  return {
    data: { values: [mark] },
    layer: [
      {
        mark: { type: 'rule', strokeDash: [4, 4], color: '#505a5f' },
        encoding: { x: { field: 'x', type: 'ordinal' } },
      },
      {
        mark: { type: 'text', align: 'left', baseline: 'top', dx: 4, y: 0, fontSize: 12, color: '#0b0c0c' },
        encoding: { x: { field: 'x', type: 'ordinal' }, text: { field: 'text' } },
      },
    ],
  }
}

export type Bar = { category: string; value: number | null }
export type Measure = { title: string; bars: Bar[]; percent?: boolean }

/** Horizontal bars, one chart per measure stacked, each bar labelled with its value ("no data" where null). */
export function barSpec(measures: Measure[]) {
  return {
    vconcat: measures.map((measure) => {
      const values = measure.bars.map((b) => ({
        category: b.category,
        value: b.value ?? 0,
        label:
          b.value === null
            ? 'no data'
            : measure.percent
              ? `${Math.round(b.value * 100)}%`
              : String(Math.round(b.value)),
      }))
      const y = { field: 'category', type: 'nominal', title: null, sort: null }
      const x = {
        field: 'value',
        type: 'quantitative',
        title: measure.title,
        scale: measure.percent ? { domain: [0, 1] } : {},
        axis: measure.percent ? { format: '.0%' } : {},
      }
      return {
        width: 420,
        height: { step: 22 },
        data: { values },
        layer: [
          { mark: { type: 'bar', color: COLOURS[0] }, encoding: { x, y } },
          {
            mark: { type: 'text', align: 'left', dx: 4, fontSize: 12, color: '#0b0c0c' },
            encoding: { x, y, text: { field: 'label' } },
          },
        ],
      }
    }),
  }
}

export type Cell = { row: string; column: string; value: number | null }

/** A grid of cells shaded by value, each carrying its value as text so no reader depends on the shade. */
export function gridSpec(cells: Cell[], axis: { row: string; column: string; value: string; percent?: boolean }) {
  const values = cells.map((c) => ({
    ...c,
    label: c.value === null ? '' : axis.percent ? String(Math.round(c.value * 100)) : String(Math.round(c.value)),
    dark: c.value !== null && c.value >= 0.5,
  }))
  // Every row and column in the cells' order, even those with no value: Vega-Lite leaves out empty cells.
  const rows = [...new Set(cells.map((c) => c.row))]
  const columns = [...new Set(cells.map((c) => c.column))]
  const encoding = {
    x: {
      field: 'column',
      type: 'ordinal',
      title: axis.column,
      scale: { domain: columns },
      axis: { labelAngle: 0 },
    },
    y: { field: 'row', type: 'ordinal', title: axis.row, scale: { domain: rows } },
  }
  return {
    data: { values },
    width: { step: 26 },
    height: { step: 24 },
    layer: [
      {
        mark: { type: 'rect', stroke: 'white' },
        encoding: {
          ...encoding,
          color: {
            field: 'value',
            type: 'quantitative',
            title: axis.value,
            scale: { range: ['#ffffff', '#1d70b8'], domain: axis.percent ? [0, 1] : undefined },
            legend: axis.percent ? { format: '.0%' } : {},
          },
        },
      },
      {
        mark: { type: 'text', fontSize: 10 },
        encoding: {
          ...encoding,
          text: { field: 'label' },
          color: { condition: { test: 'datum.dark', value: '#ffffff' }, value: '#0b0c0c' },
        },
      },
    ],
  }
}

/** Drawn charts by their spec and words: a chart is a pure function of its data, and drawing costs more than reading it. */
const drawn = new Map<string, string>()
const KEPT = 200

/** Renders a Vega-Lite spec to SVG, then makes it an image with a title and description and nothing inline-styled. */
export async function drawChart(spec: object, id: string, title: string, summary: string): Promise<string> {
  const key = JSON.stringify([spec, id, title, summary])
  const kept = drawn.get(key)
  if (kept !== undefined) return kept
  const { vega, vegaLite } = await vegaLibraries()
  const compiled = vegaLite.compile({ ...spec, config: CONFIG } as TopLevelSpec).spec
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' })
  const svg = accessibleSvg(await view.toSVG(), id, title, summary)
  view.finalize()
  // The oldest drawing goes first once enough are kept (a Map iterates in the order of insertion).
  if (drawn.size >= KEPT) drawn.delete(drawn.keys().next().value as string)
  drawn.set(key, svg)
  return svg
}

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** The SVG as one image: its own role, title and description, no fixed size, no style attributes or elements, no inner roles. */
export function accessibleSvg(svg: string, id: string, title: string, summary: string): string {
  // Vega labels its marks for assistive technology as objects of their own; inside one image they
  // would be images without names, so the image's title and description speak for the whole.
  const withoutStyles = svg
    .replace(/\sstyle="[^"]*"/g, '')
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/\s(role|aria-[a-z]+)="[^"]*"/g, '')
  const opened = withoutStyles.replace(/^<svg([^>]*)>/, (_whole, attributes: string) => {
    const kept = attributes.replace(/\s(width|height|class)="[^"]*"/g, '')
    return (
      `<svg${kept} class="fd-chart__image" role="img" focusable="false" aria-labelledby="${id}-title ${id}-desc">` +
      `<title id="${id}-title">${escapeXml(title)}</title><desc id="${id}-desc">${escapeXml(summary)}</desc>`
    )
  })
  return opened
}
