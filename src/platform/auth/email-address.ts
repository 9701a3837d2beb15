// One way to store and compare an email address, for staff and e-accounts alike.

/** Trimmed and lower-cased: no mail service tells addresses apart by case. */
export function normaliseEmail(raw: string): string {
  return raw.trim().toLowerCase()
}
