// Residents for the benchmark council: a district of ~100,000 people in households of about 2.3,
// about fifteen homes to a postcode, names with a long tail (as a real register has), and the
// emails and phones the one search box looks through. Everything is invented and seeded.
import type { DigitalStatus, PreferredChannel } from '../src/platform/db/values.ts'
import type { Random } from '../src/features/demo/random.ts'
import { NAME_GROUPS } from '../src/features/demo/names.ts'

export type BenchResident = {
  givenName: string
  familyName: string
  dateOfBirth: string | null
  preferredChannel: PreferredChannel
  language: string
  digitalStatus: DigitalStatus
  email: string | null
  mobile: string | null
  landline: string | null
  home: Home
}

export type Home = { line1: string; town: string; postcode: string; uprn: string }

// English surnames from places (Ashworth, Blackmore, Thornton...): half the register comes from
// here, so a three-letter fragment matches hundreds of residents, not a quarter of the town.
const SURNAME_STARTS = [
  'Ash',
  'Black',
  'Brad',
  'Brook',
  'Carl',
  'Chad',
  'Cole',
  'Craw',
  'Dal',
  'Dun',
  'Ed',
  'Fair',
  'Fen',
  'Gold',
  'Green',
  'Hal',
  'Hart',
  'Hay',
  'Hol',
  'Kel',
  'Lang',
  'Lock',
  'Mar',
  'Mid',
  'Nor',
  'Pen',
  'Red',
  'Rad',
  'Ship',
  'Stan',
  'Stock',
  'Thorn',
  'Went',
  'West',
  'Whit',
  'Wind',
  'Wood',
  'Bram',
]
const SURNAME_ENDS = [
  'ley',
  'ton',
  'worth',
  'ford',
  'field',
  'well',
  'wood',
  'by',
  'more',
  'ridge',
  'stone',
  'land',
  'wick',
  'combe',
  'ham',
  'den',
  'hurst',
  'cott',
  'bury',
  'dale',
]
const TAIL_SURNAMES = SURNAME_STARTS.flatMap((start) => SURNAME_ENDS.map((end) => start + end))

const STREET_NAMES = [
  'Oak',
  'Ash',
  'Mill',
  'Church',
  'Station',
  'Park',
  'Victoria',
  'Albert',
  'Meadow',
  'Orchard',
  'Willow',
  'Cedar',
  'Beech',
  'Chestnut',
  'Manor',
  'Priory',
  'Abbey',
  'Bridge',
  'Castle',
  'Chapel',
  'Forge',
  'Granary',
  'Hawthorn',
  'Holly',
  'Ivy',
  'Juniper',
  'Kingfisher',
  'Lark',
  'Linden',
  'Maple',
  'Nightingale',
  'Osprey',
  'Poplar',
  'Rowan',
  'Sycamore',
  'Thistle',
  'Vicarage',
  'Wren',
  'Yew',
  'Elm',
]
const STREET_KINDS = [
  'Road',
  'Street',
  'Lane',
  'Close',
  'Avenue',
  'Way',
  'Drive',
  'Court',
  'Gardens',
  'Crescent',
  'Grove',
  'Terrace',
]
const TOWNS = ['Ashby', 'Ashby', 'Ashby', 'Little Ashby', 'Marston Vale', 'Kingsmere', 'Hollowell']
const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ'
const EMAIL_DOMAINS = ['inbox.example', 'mailbox.example', 'post.example', 'example.com', 'example.net', 'example.org']
const STATUSES: readonly (readonly [DigitalStatus, number])[] = [
  ['self_serve', 0.68],
  ['needs_help', 0.16],
  ['offline_by_choice', 0.09],
  ['cannot_use', 0.07],
]
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
const REACH: Record<DigitalStatus, { email: number; mobile: number; landline: number }> = {
  self_serve: { email: 0.95, mobile: 0.85, landline: 0.12 },
  needs_help: { email: 0.6, mobile: 0.7, landline: 0.35 },
  offline_by_choice: { email: 0.15, mobile: 0.4, landline: 0.6 },
  cannot_use: { email: 0.05, mobile: 0.25, landline: 0.65 },
}

function asciiSlug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/g, 'l')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase()
}

function digits(random: Random, count: number): string {
  let text = ''
  for (let i = 0; i < count; i++) text += String(random.int(0, 9))
  return text
}

/** Homes grouped into postcode units of about fifteen along generated streets. */
export function generateHomes(count: number, random: Random): Home[] {
  const homes: Home[] = []
  const usedPostcodes = new Set<string>()
  let uprn = 100_000_000
  while (homes.length < count) {
    const street = `${random.pick(STREET_NAMES)} ${random.pick(STREET_KINDS)}`
    const town = random.pick(TOWNS)
    const district = random.int(1, 19)
    let postcode: string
    do
      postcode = `AV${district} ${random.int(1, 9)}${random.pick([...INWARD_LETTERS])}${random.pick([...INWARD_LETTERS])}`
    while (usedPostcodes.has(postcode))
    usedPostcodes.add(postcode)
    const unit = random.int(8, 22)
    for (let n = 1; n <= unit && homes.length < count; n++) {
      homes.push({ line1: `${n * 2 - (n % 2)} ${street}`, town, postcode, uprn: String(++uprn) })
    }
  }
  return homes
}

function familyName(random: Random, group: (typeof NAME_GROUPS)[number]): string {
  return random.chance(0.5) ? random.pick(TAIL_SURNAMES) : random.pick(group.family)
}

export function generateResidents(count: number, random: Random, asOfYear: number): BenchResident[] {
  const homes = generateHomes(Math.max(1, Math.round(count / 2.3)), random)
  const groups = NAME_GROUPS.map((group) => [group, group.share] as const)
  const residents: BenchResident[] = []
  for (let i = 0; i < count; i++) {
    const group = random.weighted(groups)
    const givenName = random.pick(group.given)
    const family = familyName(random, group)
    const status = random.weighted(STATUSES)
    const reach = REACH[status]
    const email = random.chance(reach.email)
      ? `${asciiSlug(givenName)}.${asciiSlug(family)}${random.chance(0.5) ? random.int(1, 99) : ''}@${random.pick(EMAIL_DOMAINS)}`
      : null
    const mobile = random.chance(reach.mobile) ? `07${digits(random, 3)} ${digits(random, 6)}` : null
    const landline = random.chance(reach.landline) || (!email && !mobile) ? `01632 ${digits(random, 6)}` : null
    let preferred = random.weighted(PREFERRED[status])
    if (preferred === 'email' && !email) preferred = 'letter'
    if (preferred === 'sms' && !mobile) preferred = 'letter'
    const age = random.int(18, 97)
    residents.push({
      givenName,
      familyName: family,
      dateOfBirth: random.chance(0.9)
        ? `${asOfYear - age}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`
        : null,
      preferredChannel: preferred,
      language: random.weighted(group.languages),
      digitalStatus: status,
      email,
      mobile,
      landline,
      // The first residents fill every home once; the rest share homes with them.
      home: homes[i < homes.length ? i : random.int(0, homes.length - 1)] as Home,
    })
  }
  return residents
}
