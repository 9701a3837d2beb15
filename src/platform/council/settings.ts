// A council's settings: unit costs, the phone answer threshold, working hours and branding.
// Stored as JSON on the council row; anything missing falls back to these defaults.
import type { Channel } from '../db/values.ts'

export type WorkingHours = {
  /** ISO weekdays the council works: 1 is Monday, 7 is Sunday. */
  days: number[]
  /** Local opening and closing time, HH:MM. */
  opens: string
  closes: string
  timeZone: string
}

export type CouncilSettings = {
  /** Cost of one contact per channel, in pence. */
  unitCostPence: Partial<Record<Channel, number>>
  /** A call answered within this many seconds counts toward the service level. */
  answerThresholdSeconds: number
  /** When the expected wait in a phone queue reaches this many seconds, the IVR and the website offer a call back. */
  callBackThresholdSeconds: number
  /** The phone queue whose expected wait decides whether the website offers a call back. */
  callBackQueue: string
  workingHours: WorkingHours
  /** Use the maintained England and Wales bank holiday list (a council can add or remove days). */
  useBankHolidays: boolean
  /** address: the council's postal address, a line each, printed at the top of its letters. */
  branding: { phone?: string; email?: string; website?: string; address?: string[] }
  /** For the privacy notices: the data protection officer's address and how long requests are kept. */
  privacy: { dpoEmail?: string; retentionYears: number }
  /** The dates the accessibility statement gives (YYYY-MM-DD): a council updates them as it reviews. */
  accessibilityStatement: { preparedOn: string; reviewedOn: string; testedOn: string }
  /** How to reach the council without the internet: every public service page shows it. */
  offlineContact: OfflineContact
}

export type OfflineContact = { phone: string; counterAddress: string; counterHours: string }

/** Published average unit costs per transaction (SOCITM / Cabinet Office figures DESIGN.md names). */
export const DEFAULT_SETTINGS: CouncilSettings = {
  unitCostPence: { face_to_face: 862, phone: 283, web: 15 },
  answerThresholdSeconds: 60,
  callBackThresholdSeconds: 300,
  callBackQueue: 'main',
  workingHours: { days: [1, 2, 3, 4, 5], opens: '09:00', closes: '17:00', timeZone: 'Europe/London' },
  useBankHolidays: true,
  branding: {},
  privacy: { retentionYears: 6 },
  accessibilityStatement: { preparedOn: '2026-12-03', reviewedOn: '2026-12-03', testedOn: '2026-12-03' },
  // The demo council's (Ofcom's drama numbers); a real council sets its own with its settings.
  offlineContact: {
    phone: '01632 960000',
    counterAddress: 'Civic Centre, Market Place, Ashby',
    counterHours: 'Monday to Friday, 9am to 5pm',
  },
}

export function parseCouncilSettings(json: string): CouncilSettings {
  const stored = JSON.parse(json) as Partial<CouncilSettings>
  return {
    ...DEFAULT_SETTINGS,
    ...stored,
    // A queue name that is not a name would ask about no queue at all, so the website would never offer a call back.
    callBackQueue:
      typeof stored.callBackQueue === 'string' && stored.callBackQueue.trim() !== ''
        ? stored.callBackQueue
        : DEFAULT_SETTINGS.callBackQueue,
    unitCostPence: { ...DEFAULT_SETTINGS.unitCostPence, ...stored.unitCostPence },
    workingHours: { ...DEFAULT_SETTINGS.workingHours, ...stored.workingHours },
    branding: { ...DEFAULT_SETTINGS.branding, ...stored.branding },
    privacy: { ...DEFAULT_SETTINGS.privacy, ...stored.privacy },
    accessibilityStatement: { ...DEFAULT_SETTINGS.accessibilityStatement, ...stored.accessibilityStatement },
    offlineContact: { ...DEFAULT_SETTINGS.offlineContact, ...stored.offlineContact },
  }
}
