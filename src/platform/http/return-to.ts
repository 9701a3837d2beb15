// Where to send someone after they sign in. Only a path on this site is accepted: anything that
// could leave it ("//evil.example", "https://…", "/\evil", control characters) falls back.
const BASE = 'http://frontdoor.invalid'

export function localPath(raw: unknown, fallback: string): string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 2000) return fallback
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return fallback
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(raw)) return fallback
  let url: URL
  try {
    url = new URL(raw, BASE)
  } catch {
    return fallback
  }
  // Dot segments can turn "/a/..//evil.example" into "//evil.example" once normalised.
  if (url.origin !== BASE || url.pathname.startsWith('//')) return fallback
  return url.pathname + url.search
}
