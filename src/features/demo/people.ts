// Demo residents and the homes they live in: believable names, ages, contact details and a mix of
// digital status in which older residents are more often offline, as councils find in practice.
import type { DigitalStatus, PreferredChannel } from '../../platform/db/values.ts'
import { ACCESSIBILITY_NEEDS, NAME_GROUPS, STREETS, VULNERABILITY_REASONS } from './names.ts'
import type { Random } from './random.ts'

export type PropertyPlan = {
  uprn: string
  line1: string
  line2: string | null
  town: string
  postcode: string
  latitude: number
  longitude: number
}

export type ResidentPlan = {
  givenName: string
  familyName: string
  dateOfBirth: string | null
  age: number
  preferredChannel: PreferredChannel
  language: string
  accessibilityNeeds: string | null
  digitalStatus: DigitalStatus
  email: string | null
  mobile: string | null
  landline: string | null
  property: number
  vulnerability: { reason: string; reviewOn: string } | null
}

export type Population = { properties: PropertyPlan[]; residents: ResidentPlan[] }

const TOWN_CENTRE = { latitude: 52.8721, longitude: -0.9537 }
const POSTCODE_AREA = 'AV'
const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ'
const EMAIL_DOMAINS = ['inbox.example', 'mailbox.example', 'post.example', 'example.com', 'example.net', 'example.org']

/** Digital status by age band: [self_serve, needs_help, offline_by_choice, cannot_use]. */
const STATUS_BY_AGE: readonly (readonly [number, readonly number[]])[] = [
  [39, [0.87, 0.09, 0.02, 0.02]],
  [64, [0.76, 0.15, 0.05, 0.04]],
  [79, [0.5, 0.25, 0.15, 0.1]],
  [200, [0.22, 0.28, 0.28, 0.22]],
]
const STATUSES: readonly DigitalStatus[] = ['self_serve', 'needs_help', 'offline_by_choice', 'cannot_use']

const PREFERRED: Record<DigitalStatus, readonly (readonly [PreferredChannel, number])[]> = {
  self_serve: [
    ['email', 0.6],
    ['sms', 0.3],
    ['phone', 0.1],
  ],
  needs_help: [
    ['phone', 0.5],
    ['sms', 0.25],
    ['letter', 0.25],
  ],
  offline_by_choice: [
    ['letter', 0.6],
    ['phone', 0.4],
  ],
  cannot_use: [
    ['letter', 0.55],
    ['phone', 0.45],
  ],
}

/** Share with an email address, a mobile and a landline, by digital status. */
const CONTACTABLE: Record<DigitalStatus, { email: number; mobile: number; landline: number }> = {
  self_serve: { email: 0.95, mobile: 0.85, landline: 0.12 },
  needs_help: { email: 0.6, mobile: 0.7, landline: 0.35 },
  offline_by_choice: { email: 0.15, mobile: 0.4, landline: 0.6 },
  cannot_use: { email: 0.05, mobile: 0.25, landline: 0.65 },
}

function shuffled(count: number, random: Random): number[] {
  const items = Array.from({ length: count }, (_, i) => i)
  for (let i = items.length - 1; i > 0; i--) {
    const j = random.int(0, i)
    const a = items[i] as number
    items[i] = items[j] as number
    items[j] = a
  }
  return items
}

/** Ofcom's numbers for drama use, handed out in a shuffled order so neighbours differ. */
function phoneBook(prefix: string, random: Random): () => string {
  const order = shuffled(1000, random)
  let next = 0
  return () => `${prefix}${String(order[next++ % order.length]).padStart(3, '0')}`
}

function asciiSlug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase()
}

function streetPostcodes(random: Random): string[][] {
  const used = new Set<string>()
  return STREETS.map((street) => {
    const units: string[] = []
    const count = random.int(1, 2)
    while (units.length < count) {
      const code = `${POSTCODE_AREA}${street.district} ${random.int(1, 9)}${random.pick([...INWARD_LETTERS])}${random.pick([...INWARD_LETTERS])}`
      if (!used.has(code)) {
        used.add(code)
        units.push(code)
      }
    }
    return units
  })
}

function generateProperties(count: number, random: Random): PropertyPlan[] {
  const postcodes = streetPostcodes(random)
  const nextNumber = STREETS.map(() => 1)
  const streetCentres = STREETS.map((street) => {
    const away = street.town === 'Ashby' ? 0.012 : 0.05 + street.district * 0.004
    const bearing = (street.district * 47 + random.int(0, 40)) * (Math.PI / 180)
    return {
      latitude: TOWN_CENTRE.latitude + Math.cos(bearing) * away,
      longitude: TOWN_CENTRE.longitude + Math.sin(bearing) * away * 1.6,
    }
  })
  const streetWeights = STREETS.map((street, i) => [i, street.town === 'Ashby' ? 3 : 1] as const)
  const properties: PropertyPlan[] = []
  for (let i = 0; i < count; i++) {
    const s = random.weighted(streetWeights)
    const street = STREETS[s]
    const centre = streetCentres[s]
    const number = nextNumber[s] ?? 1
    nextNumber[s] = number + random.int(1, 2)
    if (!street || !centre) throw new Error('street index out of range')
    const flat = random.chance(0.1)
    properties.push({
      uprn: `9${String(100_000 + i).padStart(11, '0')}`,
      line1: flat ? `Flat ${random.int(1, 12)}, ${number} ${street.name}` : `${number} ${street.name}`,
      line2: null,
      town: street.town,
      postcode: random.pick(postcodes[s] ?? ['AV1 1AA']),
      latitude: Number((centre.latitude + (random.next() - 0.5) * 0.004).toFixed(6)),
      longitude: Number((centre.longitude + (random.next() - 0.5) * 0.006).toFixed(6)),
    })
  }
  return properties
}

function ageFor(random: Random): number {
  const band = random.weighted([
    [[18, 39], 0.35],
    [[40, 64], 0.4],
    [[65, 79], 0.17],
    [[80, 97], 0.08],
  ] as const)
  return random.int(band[0], band[1])
}

function statusFor(age: number, random: Random): DigitalStatus {
  const row = STATUS_BY_AGE.find(([upTo]) => age <= upTo) ?? STATUS_BY_AGE[STATUS_BY_AGE.length - 1]
  const shares = row?.[1] ?? [1, 0, 0, 0]
  return random.weighted(STATUSES.map((status, i) => [status, shares[i] ?? 0] as const))
}

/** `count` residents living in about 0.85 x count homes, ages as of mid-`asOfYear`. */
export function generatePopulation(count: number, asOfYear: number, random: Random): Population {
  const properties = generateProperties(Math.max(1, Math.ceil(count * 0.85)), random)
  const mobiles = phoneBook('07700 900', random)
  const landlines = phoneBook('01632 960', random)
  const emails = new Set<string>()
  const groups = NAME_GROUPS.map((group) => [group, group.share] as const)
  const residents: ResidentPlan[] = []
  for (let i = 0; i < count; i++) {
    const group = random.weighted(groups)
    const givenName = random.pick(group.given)
    const familyName = random.pick(group.family)
    const age = ageFor(random)
    const status = statusFor(age, random)
    const reach = CONTACTABLE[status]
    let email: string | null = null
    if (random.chance(reach.email)) {
      const base = `${asciiSlug(givenName)}.${asciiSlug(familyName)}`
      let candidate = `${base}@${random.pick(EMAIL_DOMAINS)}`
      while (emails.has(candidate)) candidate = `${base}${random.int(1, 999)}@${random.pick(EMAIL_DOMAINS)}`
      emails.add(candidate)
      email = candidate
    }
    const mobile = random.chance(reach.mobile) ? mobiles() : null
    const landline = random.chance(reach.landline) || (!mobile && !email) ? landlines() : null
    let preferredChannel = random.weighted(PREFERRED[status])
    if (preferredChannel === 'email' && !email) preferredChannel = mobile ? 'sms' : 'letter'
    if (preferredChannel === 'sms' && !mobile) preferredChannel = email ? 'email' : 'letter'
    const birthday = `${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`
    residents.push({
      givenName,
      familyName,
      dateOfBirth: random.chance(0.9) ? `${asOfYear - age}-${birthday}` : null,
      age,
      preferredChannel,
      language: random.weighted(group.languages),
      accessibilityNeeds: random.chance(age >= 75 ? 0.12 : 0.03) ? random.pick(ACCESSIBILITY_NEEDS) : null,
      digitalStatus: status,
      email,
      mobile,
      landline,
      // The first residents fill every home once; the rest share homes with them.
      property: i < properties.length ? i : random.int(0, properties.length - 1),
      vulnerability: random.chance(0.02)
        ? {
            reason: random.pick(VULNERABILITY_REASONS),
            reviewOn: `${asOfYear + 1}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`,
          }
        : null,
    })
  }
  return { properties, residents }
}
