// A place in open data is a postcode sector ("SW1A 1"): a few thousand addresses, never one home.
// The sector is the outward code and the first digit of the inward code.

const POSTCODE = /\b([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9])[A-Z]{2}\b/i

/** The postcode sector of a full postcode, or of the first postcode inside an address line; null when there is none. */
export function postcodeSector(text: string | null | undefined): string | null {
  if (!text) return null
  const match = POSTCODE.exec(text)
  if (!match) return null
  return `${match[1]!.toUpperCase()} ${match[2]}`
}
