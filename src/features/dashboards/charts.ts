// Charts drawn on the server as SVG by Vega-Lite, inline in the page: no script, no colour alone
// (each series has its own dash and point shape and is labelled at its end; bars carry their
// values), GOV.UK colours of 3:1 or more against white, and nothing the CSP would block.
import type { TopLevelSpec } from 'vega-lite'
import { escapeHtml } from '../../platform/views/escape.ts'

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

const LINE_WIDTH = 560
const LINE_HEIGHT = 260
/** The room one x label needs, its first word over the rest: "Sept" over "2026" is about 30 px wide. */
const X_LABEL_ROOM = 48
/** The room one line-end label needs up and down: 12 px text and a little air. */
const END_LABEL_ROOM = 15

/** A chart that has nothing to draw says so in words where the axes would be. */
export function messageSpec(message: string, width = LINE_WIDTH) {
  return {
    width,
    height: 40,
    data: { values: [{ message }] },
    mark: { type: 'text', align: 'left', baseline: 'middle', x: 0, y: 20, fontSize: 16, color: '#0b0c0c' },
    encoding: { text: { field: 'message' } },
  }
}

/** The top of a count or share axis: a round number at or above the largest value, so ticks fall on round numbers. */
export function axisTop(largest: number, percent = false): number {
  if (!(largest > 0)) return 1
  const magnitude = 10 ** Math.floor(Math.log10(largest))
  const top = ([1, 2, 2.5, 5, 10].find((m) => m * magnitude >= largest - 1e-9) ?? 10) * magnitude
  return percent ? Math.min(top, 1) : top
}

/** Every so many labels along the x axis, so that those shown never run into each other. */
export function shownLabels(xs: readonly string[], width = LINE_WIDTH): string[] {
  const room = Math.max(1, Math.floor(width / X_LABEL_ROOM))
  const every = [1, 2, 3, 4, 6, 12, 24, 36, 60, 120].find((k) => Math.ceil(xs.length / k) <= room) ?? xs.length
  return xs.filter((_x, i) => i % every === 0)
}

type End = Point & { value: number; at: number }

/**
 * Each series' last point and the height its name is written at: at the point where there is room,
 * moved up or down just enough otherwise, keeping the names in the order of their lines' ends.
 */
export function endLabels(ends: (Point & { value: number })[], top: number, height = LINE_HEIGHT): End[] {
  const gap = (END_LABEL_ROOM * top) / height
  const placed = [...ends].sort((a, b) => a.value - b.value).map((p) => ({ ...p, at: p.value }))
  placed.forEach((p, i) => {
    const below = placed[i - 1]
    if (below && p.at < below.at + gap) p.at = below.at + gap
  })
  // Names pushed above the top come back down, pushing those below them down in turn.
  for (let i = placed.length - 1; i >= 0; i--) {
    const p = placed[i] as End
    const above = placed[i + 1]
    p.at = Math.min(p.at, above ? above.at - gap : top)
  }
  return placed
}

/** An x value's label as lines: its first word over the rest ("Sept" over "2026", "2026" over "(to 30 Nov)"). */
const TWO_LINE_LABEL =
  "indexof(datum.label, ' ') < 0 ? datum.label : " +
  "[substring(datum.label, 0, indexof(datum.label, ' ')), substring(datum.label, indexof(datum.label, ' ') + 1)]"

/**
 * Lines over an x axis kept in the points' order, one per series, each with its own dash and point
 * shape and its name at its last point; `empty` is what the chart says when there is nothing to draw.
 */
export function lineSpec(
  points: Point[],
  axis: { x: string; y: string; percent?: boolean; empty: string },
  marks: Mark[] = [],
) {
  const drawn = points.filter((p): p is Point & { value: number } => p.value !== null)
  if (drawn.length === 0) return messageSpec(axis.empty)
  const series = [...new Set(points.map((p) => p.series))]
  const xs = [...new Set(points.map((p) => p.x))]
  const top = axisTop(Math.max(...drawn.map((p) => p.value)), axis.percent)
  const scale = { domain: series, range: COLOURS.slice(0, series.length) }
  const x = {
    field: 'x',
    type: 'ordinal',
    title: axis.x,
    sort: null,
    scale: { domain: xs },
    axis: { labelAngle: 0, values: shownLabels(xs), labelExpr: TWO_LINE_LABEL, labelOverlap: true },
  }
  const yAxis = axis.percent ? { format: '.0%' } : { format: ',d', tickMinStep: 1 }
  const y = (field: string) => ({
    field,
    type: 'quantitative',
    title: axis.y,
    scale: { domain: [0, top], nice: false },
    axis: yAxis,
  })
  const color = { field: 'series', type: 'nominal', scale, legend: null }
  const last = (s: string) => drawn.filter((p) => p.series === s).at(-1)
  const ends = endLabels(
    series.map(last).filter((p) => p !== undefined),
    top,
  )
  return {
    width: LINE_WIDTH,
    height: LINE_HEIGHT,
    layer: [
      {
        data: { values: drawn },
        mark: { type: 'line', point: { filled: true, size: 50 }, strokeWidth: 2 },
        encoding: {
          x,
          y: y('value'),
          color,
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
        mark: { type: 'text', align: 'left', baseline: 'middle', dx: 8, fontSize: 12 },
        encoding: { x, y: y('at'), color, text: { field: 'series' } },
      },
      ...marks.filter((m) => xs.includes(m.x)).map(markLayer),
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
export function barSpec(measures: Measure[], empty: string) {
  if (measures.every((m) => m.bars.every((b) => b.value === null))) return messageSpec(empty, 420)
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
      const largest = Math.max(0, ...values.map((v) => v.value))
      const x = {
        field: 'value',
        type: 'quantitative',
        title: measure.title,
        // A measure with nothing above zero still has an axis from 0 to 1, not one tick at 0.000000.
        scale: measure.percent ? { domain: [0, 1] } : { domain: [0, axisTop(largest)], nice: false },
        axis: measure.percent ? { format: '.0%' } : { format: ',d', tickMinStep: 1 },
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

/** The heat map's shades, from none to most, mixed in RGB as the drawing does. */
const GRID_RANGE = ['#ffffff', '#1d70b8'] as const
const TEXT_COLOURS = ['#0b0c0c', '#ffffff', '#000000'] as const

const channels = (hex: string): number[] => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16))
const hex = (rgb: number[]): string => `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`

/** The fill of a cell at this fraction of the way along the scale, as Vega's RGB interpolation rounds it. */
export function gridFill(fraction: number): string {
  const t = Math.min(1, Math.max(0, fraction))
  const [low, high] = GRID_RANGE.map(channels) as [number[], number[]]
  return hex(low.map((c, i) => Math.round(c + t * ((high[i] as number) - c))))
}

/** WCAG 2.2 relative luminance of an sRGB colour. */
function luminance(colour: string): number {
  const [r, g, b] = channels(colour).map((c) => {
    const s = c / 255
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  }) as [number, number, number]
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

/** WCAG 2.2 contrast ratio of two sRGB colours, from 1 to 21. */
export function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
  return (light + 0.05) / (dark + 0.05)
}

/**
 * The text colour for a fill: GOV.UK's near-black or white, whichever reaches 4.5:1 (WCAG 1.4.3);
 * a few mid blues reach it with neither, and take pure black, which does.
 */
export function textOn(fill: string): string {
  const best = [...TEXT_COLOURS].sort((a, b) => contrast(b, fill) - contrast(a, fill))[0] as string
  return TEXT_COLOURS.find((c) => contrast(c, fill) >= 4.5) ?? best
}

/** A grid of cells shaded by value, each carrying its value as text so no reader depends on the shade. */
export function gridSpec(
  cells: Cell[],
  axis: { row: string; column: string; value: string; percent?: boolean; empty: string },
) {
  const known = cells.map((c) => c.value).filter((v): v is number => v !== null)
  if (known.length === 0) return messageSpec(axis.empty)
  const low = axis.percent ? 0 : Math.min(...known)
  const high = axis.percent ? 1 : Math.max(...known, low + 1)
  const values = cells.map((c) => ({
    ...c,
    label: c.value === null ? '' : axis.percent ? String(Math.round(c.value * 100)) : String(Math.round(c.value)),
    ink: c.value === null ? TEXT_COLOURS[0] : textOn(gridFill((c.value - low) / (high - low))),
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
            scale: { range: [...GRID_RANGE], interpolate: 'rgb', domain: [low, high] },
            legend: axis.percent ? { format: '.0%' } : {},
          },
        },
      },
      {
        mark: { type: 'text', fontSize: 10 },
        encoding: { ...encoding, text: { field: 'label' }, fill: { field: 'ink', type: 'nominal', scale: null } },
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
      `<title id="${id}-title">${escapeHtml(title)}</title><desc id="${id}-desc">${escapeHtml(summary)}</desc>`
    )
  })
  return opened
}
