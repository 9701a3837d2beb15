// Open311 answers in the two formats GeoReport v2 names, chosen by the suffix of the address:
// XML (required by the specification, with its element names) and JSON (bare arrays, no wrapper).
// The same plain value becomes either, so the two formats never say different things.

export const FORMATS = ['xml', 'json'] as const
export type Format = (typeof FORMATS)[number]

export const CONTENT_TYPES: Record<Format, string> = {
  xml: 'text/xml; charset=utf-8',
  json: 'application/json; charset=utf-8',
}

/** A scalar, a list (each item an element named by `items`), or an object of them. Absent values are left out. */
export type Open311Value =
  string | number | boolean | null | undefined | Open311Value[] | { [name: string]: Open311Value }

/** What each list's items are called in XML: `<services><service>`, `<values><value>`, … */
const ITEM_NAMES: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  service_request_updates: 'request_update',
  attributes: 'attribute',
  values: 'value',
  errors: 'error',
  endpoints: 'endpoint',
  formats: 'format',
}

/** The resource and format of a file name such as `services.json`; undefined when the suffix is not one of ours. */
export function splitFormat(file: string): { name: string; format: Format } | undefined {
  const dot = file.lastIndexOf('.')
  if (dot <= 0) return undefined
  const format = file.slice(dot + 1)
  return (FORMATS as readonly string[]).includes(format)
    ? { name: file.slice(0, dot), format: format as Format }
    : undefined
}

/** The format an answer about this address should be in: its suffix, else XML, the specification's required format. */
export function formatOfPath(path: string): Format {
  const last = path.split('?')[0]?.split('/').pop() ?? ''
  return splitFormat(last)?.format ?? 'xml'
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' }

/** The characters XML 1.0 cannot carry at all, even escaped. */
// eslint-disable-next-line no-control-regex -- these control characters are exactly what must be dropped
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g

/** Escapes text for XML, dropping what XML cannot carry. */
function escapeXml(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!)
}

function element(name: string, value: Open311Value): string {
  if (value === null || value === undefined) return ''
  if (Array.isArray(value)) {
    const item = ITEM_NAMES[name] ?? 'item'
    return `<${name}>${value.map((v) => element(item, v)).join('')}</${name}>`
  }
  if (typeof value === 'object') {
    const children = Object.entries(value)
      .map(([child, v]) => element(child, v))
      .join('')
    return `<${name}>${children}</${name}>`
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`
}

/** Leaves out absent values, as the XML does, so a JSON client sees the same fields. */
function withoutAbsent(value: Open311Value): Open311Value {
  if (Array.isArray(value)) return value.map(withoutAbsent)
  if (value === null || typeof value !== 'object') return value
  // A thousand requests go through here per answer: no entry lists, and no call for a plain value.
  const kept: { [name: string]: Open311Value } = {}
  for (const name in value) {
    const v = value[name]
    if (v === null || v === undefined) continue
    kept[name] = typeof v === 'object' ? withoutAbsent(v) : v
  }
  return kept
}

/** The body of an answer: `root` names the XML document element; JSON is the value itself. */
export function render(format: Format, root: string, value: Open311Value): string {
  if (format === 'json') return JSON.stringify(withoutAbsent(value))
  return `<?xml version="1.0" encoding="UTF-8"?>\n${element(root, value) || `<${root}/>`}`
}

/** The specification's error list: one error with the HTTP status as its code. */
export function renderError(format: Format, code: number, description: string): string {
  return render(format, 'errors', [{ code, description }])
}
