// The side-by-side of a merge: each detail on both records and what the kept record holds after
// it. Names, date of birth and preferences stay as the kept record has them (the merge moves
// records, it does not copy values); phone numbers, email addresses and addresses the kept record
// lacks are added to it, as the merge does.
import type { MoveCounts, Resident } from '../residents/service.ts'

type Row = { label: string; kept: string; duplicate: string; after: string }

const none = 'Not recorded'
const orNone = (value: string | null | undefined): string => (value ? value : none)
const lines = (list: string[]): string => (list.length === 0 ? none : list.join('\n'))
const addressOf = (a: Resident['addresses'][number]): string =>
  [a.address_line_1, a.address_line_2, a.town, a.postcode, a.uprn ? `UPRN ${a.uprn}` : null].filter(Boolean).join(', ')

function union(kept: string[], incoming: string[]): string[] {
  const seen = new Set(kept.map((v) => v.toLowerCase()))
  return [...kept, ...incoming.filter((v) => !seen.has(v.toLowerCase()))]
}

export function comparisonRows(kept: Resident, duplicate: Resident): Row[] {
  const scalar = (label: string, pick: (r: Resident) => string | null): Row => ({
    label,
    kept: orNone(pick(kept)),
    duplicate: orNone(pick(duplicate)),
    after: orNone(pick(kept)),
  })
  const list = (label: string, pick: (r: Resident) => string[]): Row => ({
    label,
    kept: lines(pick(kept)),
    duplicate: lines(pick(duplicate)),
    after: lines(union(pick(kept), pick(duplicate))),
  })
  return [
    scalar('Name', (r) => `${r.given_name} ${r.family_name}`),
    scalar('Date of birth', (r) => r.date_of_birth),
    list('Addresses', (r) => r.addresses.map(addressOf)),
    list('Phone numbers', (r) => r.phones),
    list('Email addresses', (r) => r.emails),
    scalar('Preferred channel', (r) => r.preferred_channel),
    scalar('Language', (r) => r.language),
    scalar('Accessibility needs', (r) => r.accessibility_needs),
    scalar('Using online services', (r) => r.digital_status?.replace(/_/g, ' ') ?? null),
    {
      label: 'Vulnerability flags',
      kept: String(kept.vulnerability_flags.length),
      duplicate: String(duplicate.vulnerability_flags.length),
      after: String(kept.vulnerability_flags.length + duplicate.vulnerability_flags.length),
    },
  ]
}

const MOVES: [keyof MoveCounts, string][] = [
  ['contact', 'Contacts'],
  ['case', 'Cases'],
  ['callback', 'Call backs'],
  ['appointment', 'Appointments'],
  ['referral', 'Referrals'],
  ['notification', 'Messages sent'],
  ['inclusion_assessment', 'Digital inclusion assessments'],
  ['e_account', 'Online accounts'],
  ['vulnerability_flag', 'Vulnerability flags (ended ones included)'],
  ['contact_details', 'Phone numbers and email addresses not already held'],
  ['addresses', 'Addresses not already held'],
  ['merged_residents', 'Records merged into the duplicate earlier'],
]

export function movesRows(moves: MoveCounts): { label: string; count: number }[] {
  return MOVES.map(([key, label]) => ({ label, count: moves[key] }))
}
