// /staff/admin/hours and /staff/admin/costs: the council's working week, its own closure days, the
// cost of a contact on each channel and the phone answer threshold. The platform owns the council
// row and checks and audits each change (settings-write.ts); these are its pages.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { FeatureOptions } from '../../platform/http/feature.ts'
import { actorOf, principalOf } from '../../platform/auth/guard.ts'
import { field } from '../../platform/http/forms.ts'
import { flashNotice } from '../../platform/http/notice.ts'
import type { FieldError } from '../../platform/http/problem.ts'
import { Problem } from '../../platform/http/problem.ts'
import { CHANNELS } from '../../platform/db/values.ts'
import { councilById } from '../../platform/council/council.ts'
import type { Council } from '../../platform/council/council.ts'
import { DEFAULT_SETTINGS } from '../../platform/council/settings.ts'
import {
  addCouncilHoliday,
  changeCouncilSettings,
  listCouncilHolidays,
  removeCouncilHoliday,
} from '../../platform/council/settings-write.ts'
import { dueAtFor } from '../cases/service.ts'
import { shownErrors } from './page-errors.ts'
import type { CostsForm, DayForm, HoursForm } from './settings-form.ts'
import { CHANNEL_NAMES, WEEKDAYS, dateOf, pounds, readCosts, readHours } from './settings-form.ts'
import { dateTimeFormat } from '../../platform/i18n/date-time-format.ts'
import { staffTime } from '../../platform/i18n/time-of-day.ts'

const ADMIN = { config: { permission: 'admin:manage' as const }, schema: { hide: true } }
const HOURS = '/staff/admin/hours'
const COSTS = '/staff/admin/costs'
const HOURS_FIELDS = ['days', 'opens', 'closes', 'useBankHolidays', 'date', 'name', 'closed']
const EXAMPLE_DAYS = 5

async function councilOf(feature: FeatureOptions, request: FastifyRequest): Promise<Council> {
  return (await councilById(feature.database, principalOf(request).councilId)) as Council
}

function ticked(request: FastifyRequest, name: string): string[] {
  const value = (request.body as Record<string, unknown> | undefined)?.[name]
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string')
}

/** The platform's refusal as errors beside this page's boxes. */
function refused(error: unknown, clashField: string): FieldError[] {
  if (error instanceof Problem && error.status === 422 && error.errors) return error.errors
  if (error instanceof Problem && error.status === 409) return [{ name: clashField, message: error.message }]
  throw error
}

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5))

/** "Thursday 10 December 2026 at 14:18": a staff page, so the desk's 24-hour clock. */
function dueText(iso: string, timeZone: string): string {
  const day = dateTimeFormat({ timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })
  return `${day.format(new Date(iso)).replace(',', '')} at ${staffTime(iso, timeZone)}`
}

async function example(feature: FeatureOptions, council: Council): Promise<{ hours: number; due: string }> {
  const { opens, closes, timeZone } = council.settings.workingHours
  const hours = (EXAMPLE_DAYS * (minutesOf(closes) - minutesOf(opens))) / 60
  const due = await dueAtFor(feature.database, council.id, { target_hours: hours }, new Date())
  return { hours, due: dueText(due, timeZone) }
}

type HoursPage = { hours?: HoursForm; day?: DayForm; errors?: FieldError[] }

async function showHours(request: FastifyRequest, reply: FastifyReply, feature: FeatureOptions, page: HoursPage) {
  const council = await councilOf(feature, request)
  const settings = council.settings
  const hours = page.hours ?? {
    days: settings.workingHours.days.map(String),
    opens: settings.workingHours.opens,
    closes: settings.workingHours.closes,
    useBankHolidays: settings.useBankHolidays ? 'yes' : 'no',
  }
  const shown = shownErrors(page.errors ?? [], HOURS_FIELDS)
  return reply.status(shown.errorList ? 400 : 200).view('desk-admin/hours.njk', {
    council: request.council,
    pageTitle: `${shown.errorList ? 'Error: ' : ''}Working hours and closure days`,
    hours,
    dayItems: WEEKDAYS.map((name, i) => ({
      value: String(i + 1),
      text: name,
      checked: hours.days.includes(String(i + 1)),
    })),
    day: page.day ?? { day: '', month: '', year: '', name: '', closed: 'yes' },
    holidays: await listCouncilHolidays(feature.database, council.id),
    example: await example(feature, council),
    timeZone: settings.workingHours.timeZone,
    ...shown,
  })
}

async function showCosts(
  request: FastifyRequest,
  reply: FastifyReply,
  feature: FeatureOptions,
  typed?: CostsForm,
  errors: FieldError[] = [],
) {
  const settings = (await councilOf(feature, request)).settings
  const shown = shownErrors(errors, [...CHANNELS.map((c) => `cost.${c}`), 'answerThreshold'])
  return reply.status(shown.errorList ? 400 : 200).view('desk-admin/costs.njk', {
    council: request.council,
    pageTitle: `${shown.errorList ? 'Error: ' : ''}Unit costs and phone answer threshold`,
    channels: CHANNELS.map((channel) => {
      const fallback = DEFAULT_SETTINGS.unitCostPence[channel]
      return {
        id: `cost.${channel}`,
        name: CHANNEL_NAMES[channel],
        value: typed ? (typed.costs[channel] ?? '') : pounds(settings.unitCostPence[channel]),
        hint:
          fallback === undefined
            ? 'No published default: leave empty to count no cost'
            : `Default £${pounds(fallback)}`,
        error: shown.errors[`cost.${channel}`],
      }
    }),
    answerThreshold: typed ? typed.answerThreshold : String(settings.answerThresholdSeconds),
    ...shown,
  })
}

export async function settingsPages(app: FastifyInstance, feature: FeatureOptions): Promise<void> {
  const { database } = feature
  const councilId = (request: FastifyRequest) => principalOf(request).councilId

  app.get(HOURS, ADMIN, async (request, reply) => showHours(request, reply, feature, {}))

  app.post(HOURS, ADMIN, async (request, reply) => {
    const hours = {
      days: ticked(request, 'days'),
      opens: field(request, 'opens'),
      closes: field(request, 'closes'),
      useBankHolidays: field(request, 'useBankHolidays'),
    }
    const read = readHours(hours)
    let errors = read.ok ? [] : read.errors
    if (read.ok) {
      try {
        const { days, opens, closes, useBankHolidays } = read
        await changeCouncilSettings(database, actorOf(request), councilId(request), {
          workingHours: { days, opens, closes },
          useBankHolidays,
        })
        return flashNotice(reply, 'Working hours saved').redirect(HOURS, 303)
      } catch (error) {
        errors = refused(error, 'days')
      }
    }
    return showHours(request, reply, feature, { hours, errors })
  })

  app.post(`${HOURS}/days`, ADMIN, async (request, reply) => {
    const day = {
      day: field(request, 'date-day'),
      month: field(request, 'date-month'),
      year: field(request, 'date-year'),
      name: field(request, 'name'),
      closed: field(request, 'closed'),
    }
    let errors: FieldError[] =
      day.closed === 'yes' || day.closed === 'no'
        ? []
        : [{ name: 'closed', message: 'Select whether the council is closed that day' }]
    if (errors.length === 0) {
      try {
        const holiday = { date: dateOf(day), name: day.name, closed: day.closed === 'yes' }
        await addCouncilHoliday(database, actorOf(request), councilId(request), holiday)
        return flashNotice(reply, 'Day added').redirect(`${HOURS}#days`, 303)
      } catch (error) {
        errors = refused(error, 'date')
      }
    }
    return showHours(request, reply, feature, { day, errors })
  })

  app.post<{ Params: { date: string } }>(`${HOURS}/days/:date/remove`, ADMIN, async (request, reply) => {
    await removeCouncilHoliday(database, actorOf(request), councilId(request), request.params.date)
    return flashNotice(reply, 'Day removed').redirect(`${HOURS}#days`, 303)
  })

  app.get(COSTS, ADMIN, async (request, reply) => showCosts(request, reply, feature))

  app.post(COSTS, ADMIN, async (request, reply) => {
    const typed: CostsForm = {
      costs: Object.fromEntries(CHANNELS.map((c) => [c, field(request, `cost.${c}`)])),
      answerThreshold: field(request, 'answerThreshold'),
    }
    const read = readCosts(typed)
    let errors = read.ok ? [] : read.errors
    if (read.ok) {
      try {
        const { unitCostPence, answerThresholdSeconds } = read
        await changeCouncilSettings(database, actorOf(request), councilId(request), {
          unitCostPence,
          answerThresholdSeconds,
        })
        return flashNotice(reply, 'Unit costs and answer threshold saved').redirect(COSTS, 303)
      } catch (error) {
        errors = refused(error, 'answerThreshold')
      }
    }
    return showCosts(request, reply, feature, typed, errors)
  })
}
