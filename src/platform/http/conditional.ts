// Conditional reads (RFC 9110, section 13.1.2): a client that already holds an answer sends its
// entity tag in If-None-Match, and while the tag still stands it is told so in a bodiless 304
// instead of being sent the same bytes again. If-None-Match compares weakly: W/"x" matches "x".

const ENTITY_TAG = /(?:W\/)?"[^"]*"|\*/g

const opaque = (tag: string) => (tag.startsWith('W/') ? tag.slice(2) : tag)

/** Whether the client's copy, named by its If-None-Match header, is still the answer tagged `tag`. */
export function clientHolds(ifNoneMatch: string | undefined, tag: string): boolean {
  if (!ifNoneMatch) return false
  const wanted = opaque(tag)
  for (const [held] of ifNoneMatch.matchAll(ENTITY_TAG)) if (held === '*' || opaque(held) === wanted) return true
  return false
}
