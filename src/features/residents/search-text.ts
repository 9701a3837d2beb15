// What the one search box looks through for a resident: names, postcodes (with and without the
// space), phone numbers (digits only) and email addresses, lower-cased. Stored on the resident so
// both engines' trigram indexes can serve it.

export type SearchableResident = {
  given_name: string
  family_name: string
  postcodes?: readonly (string | null | undefined)[]
  phones?: readonly (string | null | undefined)[]
  emails?: readonly (string | null | undefined)[]
}

export function normalisePostcode(postcode: string): string {
  const compact = postcode.toUpperCase().replace(/\s+/g, '')
  return compact.length > 3 ? `${compact.slice(0, -3)} ${compact.slice(-3)}` : compact
}

export function phoneDigits(phone: string): string {
  return phone.replace(/\D+/g, '')
}

function present(values: readonly (string | null | undefined)[] | undefined): string[] {
  return (values ?? []).filter((v): v is string => typeof v === 'string' && v.trim() !== '')
}

export function searchTextFor(resident: SearchableResident): string {
  const parts = [resident.given_name, resident.family_name]
  for (const postcode of present(resident.postcodes))
    parts.push(normalisePostcode(postcode), postcode.replace(/\s+/g, ''))
  for (const phone of present(resident.phones)) {
    const digits = phoneDigits(phone)
    parts.push(digits)
    // Residents give numbers as 07700 900123 or +44 7700 900123: index both forms.
    if (digits.startsWith('44')) parts.push('0' + digits.slice(2))
  }
  parts.push(...present(resident.emails))
  return parts.join(' ').toLowerCase()
}
