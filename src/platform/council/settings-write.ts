// Changing a council's settings and its own closure days. The settings are one JSON value on the
// council row: a change is merged into what is stored, the whole is checked, and it is written
// with its audit event in one transaction. Closure days are rows of council_holiday: a date the
// council is shut (closed) or a listed bank holiday it works (not closed).
import type { Database } from '../db/database.ts'
import type { Channel } from '../db/values.ts'
import { CHANNELS } from '../db/values.ts'
import type { Actor } from '../audit/audit.ts'
import { recordAudit } from '../audit/audit.ts'
import type { FieldError } from '../http/problem.ts'
import { conflict, invalid, notFound } from '../http/problem.ts'
import type { CouncilSettings, WorkingHours } from './settings.ts'
import { parseCouncilSettings } from './settings.ts'

export type SettingsChanges = {
  unitCostPence?: Partial<Record<Channel, number>>
  answerThresholdSeconds?: number
  workingHours?: Partial<Omit<WorkingHours, 'timeZone'>>
  useBankHolidays?: boolean
}

/** Up to £10,000 a contact: more is a slip of the keyboard, not a cost. */
export const MAX_UNIT_COST_PENCE = 1_000_000
/** An hour: a call waiting longer than that is not answered "in time" by any standard. */
export const MAX_ANSWER_THRESHOLD_SECONDS = 3600

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/

function hoursErrors(hours: WorkingHours): FieldError[] {
  const errors: FieldError[] = []
  const days = hours.days
  if (
    days.length === 0 ||
    days.some((d) => !Number.isInteger(d) || d < 1 || d > 7) ||
    new Set(days).size !== days.length
  )
    errors.push({ name: 'days', message: 'Select at least one working day' })
  if (!TIME.test(hours.opens))
    errors.push({ name: 'opens', message: 'Enter the opening time as hours and minutes, like 09:00' })
  if (!TIME.test(hours.closes))
    errors.push({ name: 'closes', message: 'Enter the closing time as hours and minutes, like 17:00' })
  else if (TIME.test(hours.opens) && hours.closes <= hours.opens)
    errors.push({ name: 'closes', message: 'The closing time must be after the opening time' })
  return errors
}

/** What is wrong with a whole set of settings, named by the setting (`days`, `cost.phone` …). */
export function settingsErrors(settings: CouncilSettings): FieldError[] {
  const errors = hoursErrors(settings.workingHours)
  for (const [channel, pence] of Object.entries(settings.unitCostPence)) {
    if (!(CHANNELS as readonly string[]).includes(channel))
      errors.push({ name: `cost.${channel}`, message: 'This is not a channel the council uses' })
    else if (!Number.isInteger(pence) || pence < 0 || pence > MAX_UNIT_COST_PENCE)
      errors.push({ name: `cost.${channel}`, message: 'Enter a cost from £0.00 to £10,000.00' })
  }
  const seconds = settings.answerThresholdSeconds
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_ANSWER_THRESHOLD_SECONDS)
    errors.push({
      name: 'answerThreshold',
      message: 'Enter the answer threshold as a whole number of seconds, from 1 to 3600',
    })
  if (typeof settings.useBankHolidays !== 'boolean')
    errors.push({ name: 'useBankHolidays', message: 'Select whether the bank holidays apply' })
  return errors
}

function merged(stored: Partial<CouncilSettings>, changes: SettingsChanges): Partial<CouncilSettings> {
  return {
    ...stored,
    ...(changes.answerThresholdSeconds === undefined ? {} : { answerThresholdSeconds: changes.answerThresholdSeconds }),
    ...(changes.useBankHolidays === undefined ? {} : { useBankHolidays: changes.useBankHolidays }),
    ...(changes.unitCostPence ? { unitCostPence: { ...stored.unitCostPence, ...changes.unitCostPence } } : {}),
    ...(changes.workingHours
      ? {
          workingHours: { ...parseCouncilSettings('{}').workingHours, ...stored.workingHours, ...changes.workingHours },
        }
      : {}),
  }
}

/** Merges the changes into the council's settings, checks the whole and writes it, audited; refused (422) when wrong. */
export async function changeCouncilSettings(
  database: Database,
  actor: Actor,
  councilId: number,
  changes: SettingsChanges,
): Promise<CouncilSettings> {
  return database.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('council').select('settings').where('id', '=', councilId).executeTakeFirst()
    if (!row) throw notFound('Council')
    const next = merged(JSON.parse(row.settings) as Partial<CouncilSettings>, changes)
    const settings = parseCouncilSettings(JSON.stringify(next))
    const errors = settingsErrors(settings)
    if (errors.length > 0) throw invalid(errors, 'The settings cannot be saved as they are')
    await trx
      .updateTable('council')
      .set({ settings: JSON.stringify(next) })
      .where('id', '=', councilId)
      .execute()
    const fields = Object.keys(changes).filter((key) => changes[key as keyof SettingsChanges] !== undefined)
    await recordAudit(
      database,
      actor,
      { action: 'council_settings_changed', subjectType: 'council', subjectId: councilId, detail: { fields, changes } },
      trx,
    )
    return settings
  })
}

export type CouncilHoliday = { date: string; name: string; closed: boolean }

export async function listCouncilHolidays(database: Database, councilId: number): Promise<CouncilHoliday[]> {
  const rows = await database.db
    .selectFrom('council_holiday')
    .select(['date', 'name', 'closed'])
    .where('council_id', '=', councilId)
    .orderBy('date')
    .execute()
  return rows.map((row) => ({ date: row.date, name: row.name, closed: row.closed === 1 }))
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

export function isRealDate(date: string): boolean {
  if (!ISO_DATE.test(date)) return false
  const parsed = new Date(`${date}T00:00:00Z`)
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(date)
}

/** Adds one of the council's own days, audited; refused when the date is not real or already has a day. */
export async function addCouncilHoliday(
  database: Database,
  actor: Actor,
  councilId: number,
  holiday: CouncilHoliday,
): Promise<void> {
  const name = holiday.name.trim()
  const errors: FieldError[] = []
  if (!isRealDate(holiday.date)) errors.push({ name: 'date', message: 'Enter a real date, like 27 12 2026' })
  if (name === '') errors.push({ name: 'name', message: 'Enter what the day is, like Christmas closure' })
  else if (name.length > 200) errors.push({ name: 'name', message: 'The name must be 200 characters or fewer' })
  if (errors.length > 0) throw invalid(errors, 'The day cannot be added as it is')
  await database.db.transaction().execute(async (trx) => {
    const taken = await trx
      .selectFrom('council_holiday')
      .select('date')
      .where('council_id', '=', councilId)
      .where('date', '=', holiday.date)
      .executeTakeFirst()
    if (taken) throw conflict('The council already has a day on this date: remove it first')
    await trx
      .insertInto('council_holiday')
      .values({ council_id: councilId, date: holiday.date, name, closed: holiday.closed ? 1 : 0 })
      .execute()
    const detail = { date: holiday.date, closed: holiday.closed }
    await recordAudit(
      database,
      actor,
      { action: 'council_holiday_added', subjectType: 'council', subjectId: councilId, detail },
      trx,
    )
  })
}

/** Takes one of the council's own days away, audited; the listed bank holidays then apply to that date as usual. */
export async function removeCouncilHoliday(
  database: Database,
  actor: Actor,
  councilId: number,
  date: string,
): Promise<void> {
  await database.db.transaction().execute(async (trx) => {
    const removed = await trx
      .deleteFrom('council_holiday')
      .where('council_id', '=', councilId)
      .where('date', '=', date)
      .executeTakeFirst()
    if (Number(removed.numDeletedRows) === 0) throw notFound('Closure day')
    await recordAudit(
      database,
      actor,
      { action: 'council_holiday_removed', subjectType: 'council', subjectId: councilId, detail: { date } },
      trx,
    )
  })
}
