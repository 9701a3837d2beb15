// Which part of the site a request is for, decided in one place: the API (bearer tokens,
// problem+json), what machines fetch (assets, health, metrics), or a page for a person (session
// cookie, CSRF token, council by host name). Every platform hook asks here, so a new machine
// path is added once.
const API_PREFIXES = ['/api/', '/open311/']
const MACHINE_PREFIXES = [...API_PREFIXES, '/assets/', '/health', '/metrics']

export function isApiPath(url: string): boolean {
  return API_PREFIXES.some((prefix) => url.startsWith(prefix))
}

/** A page a person reads: not the API, not an asset, not a health check or a metrics scrape. */
export function isPagePath(url: string): boolean {
  return !MACHINE_PREFIXES.some((prefix) => url.startsWith(prefix))
}
