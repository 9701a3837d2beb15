// Rebuilding a council's rollups from its records, for `frontdoor metrics rebuild`: after a
// change of answer threshold, a repair, or records written before upkeep existed. The records are
// read a page at a time by id and summed in memory (the rollups are small beside them), then the
// rollups are replaced in the caller's one transaction.
import type { Queryable } from '../../platform/db/schema.ts'
import { parseCouncilSettings } from '../../platform/council/settings.ts'
import * as repo from './repo.ts'
import { countFiguresChange } from './closed.ts'
import {
  callHourRollupRows,
  callRollupRows,
  caseMonthRollupRows,
  caseRollupRows,
  contactMonthRollupRows,
  contactRollupRows,
  formRollupRows,
  residentContactRollupRows,
  surveyRollupRows,
} from './upkeep.ts'

const PAGE = 5000

/** Reads a table's rows a page at a time, in id order. */
async function eachPage<T extends { id: number }>(
  page: (afterId: number) => Promise<T[]>,
  work: (rows: T[]) => void,
): Promise<void> {
  let afterId = 0
  for (;;) {
    const rows = await page(afterId)
    if (rows.length === 0) return
    work(rows)
    afterId = (rows[rows.length - 1] as T).id
  }
}

/** Sums rollup rows of one key across pages. */
function sums<R extends object>(keyOf: (row: R) => string, counts: readonly (keyof R)[]) {
  const byKey = new Map<string, R>()
  return {
    add(rows: R[]): void {
      for (const row of rows) {
        const key = keyOf(row)
        const held = byKey.get(key)
        if (!held) byKey.set(key, { ...row })
        else for (const count of counts) (held[count] as number) += row[count] as number
      }
    },
    rows: (): R[] => [...byKey.values()],
  }
}

export type RebuildReport = { contacts: number; cases: number; calls: number; responses: number; forms: number }

export async function rebuildRollups(trx: Queryable, councilId: number): Promise<RebuildReport> {
  const settings = parseCouncilSettings(await repo.councilSettingsJson(trx, councilId))
  const report: RebuildReport = { contacts: 0, cases: 0, calls: 0, responses: 0, forms: 0 }
  await repo.clearRollups(trx, councilId)
  await countFiguresChange(trx, councilId)

  const contacts = sums(
    (r: repo.ContactRollupRow) => `${r.day}|${r.channel}|${r.service_id}|${r.outcome}|${r.direction}`,
    ['contacts', 'avoidable', 'handle_seconds'],
  )
  const residents = sums((r: repo.ResidentContactRollupRow) => `${r.year}|${r.resident_id}`, repo.MONTH_COUNTS)
  await eachPage(
    (after) => repo.contactPage(trx, councilId, after, PAGE),
    (rows) => {
      report.contacts += rows.length
      contacts.add(contactRollupRows(councilId, { added: rows }))
      residents.add(residentContactRollupRows(councilId, { added: rows }))
    },
  )
  const daily = contacts.rows()
  await repo.addContactRollups(trx, daily)
  await repo.addContactMonthRollups(trx, contactMonthRollupRows(daily))
  await repo.addResidentContactRollups(trx, residents.rows())

  const cases = sums(
    (r: repo.CaseRollupRow) => `${r.day}|${r.service_id}|${r.channel}|${r.created_by}`,
    ['created', 'resolved', 'resolved_within_target'],
  )
  await eachPage(
    (after) => repo.casePage(trx, councilId, after, PAGE),
    (rows) => {
      report.cases += rows.length
      cases.add(caseRollupRows(councilId, { added: rows }))
    },
  )
  const casesDaily = cases.rows()
  await repo.addCaseRollups(trx, casesDaily)
  await repo.addCaseMonthRollups(trx, caseMonthRollupRows(casesDaily))

  const calls = sums((r: repo.CallRollupRow) => `${r.day}|${r.queue}`, repo.CALL_COUNTS)
  const callHours = sums((r: repo.CallHourRollupRow) => `${r.day}|${r.hour}`, repo.CALL_COUNTS)
  await eachPage(
    (after) => repo.callPage(trx, councilId, after, PAGE),
    (rows) => {
      report.calls += rows.length
      calls.add(callRollupRows(councilId, settings.answerThresholdSeconds, { added: rows }))
      callHours.add(callHourRollupRows(councilId, settings.answerThresholdSeconds, { added: rows }))
    },
  )
  await repo.addCallRollups(trx, calls.rows())
  await repo.addCallHourRollups(trx, callHours.rows())

  const responses = sums(
    (r: repo.SurveyRollupRow) => `${r.day}|${r.channel}|${r.service_id}`,
    ['responses', 'satisfied'],
  )
  await eachPage(
    (after) => repo.surveyPage(trx, councilId, after, PAGE),
    (rows) => {
      report.responses += rows.length
      responses.add(surveyRollupRows(councilId, { added: rows }))
    },
  )
  await repo.addSurveyRollups(trx, responses.rows())

  const forms = sums((r: repo.FormRollupRow) => `${r.day}|${r.service_id}`, ['started', 'submitted'])
  await eachPage(
    (after) => repo.formPage(trx, councilId, after, PAGE),
    (rows) => {
      report.forms += rows.length
      forms.add(formRollupRows(councilId, { added: rows }))
    },
  )
  await repo.addFormRollups(trx, forms.rows())
  return report
}
