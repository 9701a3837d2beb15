// /staff/cases/:reference: one case as a caseworker works it — details, the answers under the
// form's questions, the target in working hours, the timeline with internal and public notes
// marked, and the forms to move it on, note it, give it to someone, or reopen it. Every view and
// change is audited by the cases service. Each form posts, then redirects back with a banner, so
// going back or refreshing never repeats a change.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Database } from '../../platform/db/database.ts'
import { actorOf } from '../../platform/auth/guard.ts'
import { may } from '../../platform/auth/principal.ts'
import { scopeOf } from '../../platform/auth/scope.ts'
import { flashNotice } from '../../platform/http/notice.ts'
import { Problem } from '../../platform/http/problem.ts'
import type { FieldError } from '../../platform/http/problem.ts'
import { recordIdOf } from '../../platform/http/ids.ts'
import { CASE_STATUSES, NOTE_VISIBILITIES } from '../../platform/db/values.ts'
import type { CaseStatus, NoteVisibility } from '../../platform/db/values.ts'
import {
  addCaseNote,
  assignCase,
  caseTarget,
  changeCaseStatus,
  getCaseByReference,
  linkedCasesOf,
  reopenCase,
  reopenPeriodOf,
  staffWhoMayTakeCases,
} from '../cases/service.ts'
import type { Assignment, CaseWithTimeline } from '../cases/service.ts'
import { getService, listTeams } from '../catalogue/service.ts'
import { caseMessages, shownMessage } from '../messages/service.ts'
import { CHANNEL_NAMES, STATUS_ACTIONS, answerRows, dateTime, statusTag, targetText, timelineItems } from './present.ts'
import { deskStaff, errorsFor, field } from './staff.ts'
import { formTokenOf, newFormToken } from '../../platform/http/form-once.ts'

type ReferenceParams = { Params: { reference: string } }
type Shown = { status?: number; errors?: readonly FieldError[]; values?: Record<string, string> }

const DONE = {
  status: 'The case’s status has been changed',
  note: 'Your note has been added',
  assigned: 'The case has been assigned',
  reopened: 'The case has been reopened',
} as const

/** Where each service error's field is on the page. */
const FIELD_IDS: Record<string, string> = {
  status: 'status',
  resolution: 'resolution',
  body: 'note-body',
  visibility: 'visibility',
  team_id: 'team',
  assignee_id: 'assignee',
  reason: 'reason',
}

/** As long as the API allows a note to be. */
const NOTE_MAX_LENGTH = 10_000

const caseHref = (reference: string) => `/staff/cases/${encodeURIComponent(reference)}`

function timeZoneOf(request: FastifyRequest): string {
  return request.council?.settings.workingHours.timeZone ?? 'Europe/London'
}

async function loadCase(database: Database, request: FastifyRequest<ReferenceParams>): Promise<CaseWithTimeline> {
  return getCaseByReference(database, actorOf(request), scopeOf(deskStaff(request)), request.params.reference)
}

async function pageModel(database: Database, request: FastifyRequest, found: CaseWithTimeline) {
  const principal = deskStaff(request)
  const councilId = principal.councilId
  const timeZone = timeZoneOf(request)
  const [service, teams, staff, target, reopen, linked, messages] = await Promise.all([
    getService(database, councilId, found.service_id),
    listTeams(database, councilId),
    staffWhoMayTakeCases(database, councilId),
    caseTarget(database, councilId, found),
    reopenPeriodOf(database, councilId, found),
    linkedCasesOf(database, councilId, found.id),
    caseMessages(database, councilId, found.id),
  ])
  const names = {
    staff: new Map(staff.map((s) => [s.id, s.name])),
    teams: new Map(teams.map((t) => [t.id, t.name])),
  }
  const nextStatuses = found.allowed_next_statuses.filter((s) => !(found.status === 'resolved' && s === 'in_progress'))
  return {
    found,
    me: principal.id,
    serviceName: service?.name ?? `Service ${found.service_id}`,
    statusTag: statusTag(found.status),
    channel: CHANNEL_NAMES[found.channel],
    raised: dateTime(found.created_at, timeZone),
    resolvedAt: found.resolved_at ? dateTime(found.resolved_at, timeZone) : null,
    teamName: found.team_id === null ? null : (names.teams.get(found.team_id) ?? `Team ${found.team_id}`),
    assigneeName:
      found.assignee_id === null ? null : (names.staff.get(found.assignee_id) ?? `Staff member ${found.assignee_id}`),
    target: target && { ...target, due: dateTime(target.due_at, timeZone), text: targetText(target) },
    answers: answerRows(service?.form ?? [], found.answers),
    linked: linked.map((link) => ({
      href: caseHref(link.reference),
      reference: link.reference,
      status: statusTag(link.status),
      relation: link.joined_to ? 'This report joined it' : 'A report that joined this case',
    })),
    timeline: timelineItems(found.timeline, names, timeZone),
    messages: messages.map((message) => shownMessage(message, timeZone)),
    mayResolve: nextStatuses.includes('resolved'),
    statusItems: nextStatuses.map((s) => ({ value: s, text: STATUS_ACTIONS[s] })),
    teamItems: teams.map((t) => ({ value: String(t.id), text: t.name })),
    staffItems: [{ value: '', text: 'Nobody' }, ...staff.map((s) => ({ value: String(s.id), text: s.name }))],
    reopen: reopen && { ...reopen, untilText: dateTime(reopen.until, timeZone) },
    newCaseHref:
      found.resident_id === null
        ? '/staff/cases/new'
        : `/staff/residents/${found.resident_id}/cases/new?service=${found.service_id}`,
    mayWrite: may(principal, 'cases:write'),
    mayAssign: may(principal, 'cases:assign'),
  }
}

async function showCase(
  database: Database,
  request: FastifyRequest<ReferenceParams>,
  reply: FastifyReply,
  found: CaseWithTimeline,
  shown: Shown = {},
) {
  const model = await pageModel(database, request, found)
  const failed = shown.errors && shown.errors.length > 0 ? errorsFor(shown.errors, FIELD_IDS) : undefined
  return reply.status(shown.status ?? 200).view('desk-queues/case.njk', {
    ...model,
    ...failed,
    council: request.council,
    pageTitle: `${failed ? 'Error: ' : ''}Case ${found.reference}`,
    values: shown.values ?? {},
    // One for each form: going back and sending another form of the page is a change of its own.
    formTokens: Object.fromEntries(['take', 'assign', 'status', 'reopen', 'note'].map((f) => [f, newFormToken()])),
  })
}

type Refusal = { status: number; errors: FieldError[] }

/** A refusal the person can put right on the page (bad input, a change the case no longer allows) is shown there. */
function refusalOf(error: unknown, fallbackField: string): Refusal | undefined {
  if (!(error instanceof Problem) || (error.status !== 422 && error.status !== 409)) return undefined
  const errors =
    error.errors && error.errors.length > 0 ? error.errors : [{ name: fallbackField, message: error.message }]
  return { status: error.status === 409 ? 409 : 400, errors }
}

/** What was typed into the form, to be shown again with its errors. */
function typed(body: unknown): Record<string, string> {
  const entries = Object.entries((body as Record<string, unknown> | undefined) ?? {})
  return Object.fromEntries(
    entries.filter(([k, v]) => k !== '_csrf' && k !== 'formToken' && typeof v === 'string'),
  ) as Record<string, string>
}

function statusOf(value: string): CaseStatus | undefined {
  return (CASE_STATUSES as readonly string[]).includes(value) ? (value as CaseStatus) : undefined
}

/** The assignment a form asks for: a team left out stays as it is; "Nobody" takes the case from its holder. */
function assignmentOf(body: unknown): Assignment | FieldError[] {
  const assignment: Assignment = {}
  const team = field(body, 'team')
  const assignee = field(body, 'assignee')
  if ((body as Record<string, unknown>)?.team !== undefined) {
    const id = recordIdOf(team)
    if (id === undefined) return [{ name: 'team_id', message: 'Choose a team' }]
    assignment.team_id = id
  }
  if ((body as Record<string, unknown>)?.assignee !== undefined) {
    const id = assignee === '' ? null : recordIdOf(assignee)
    if (id === undefined) return [{ name: 'assignee_id', message: 'Choose a person, or nobody' }]
    assignment.assignee_id = id
  }
  return assignment
}

export async function casePages(app: FastifyInstance, database: Database): Promise<void> {
  const read = { config: { permission: 'cases:read' as const }, schema: { hide: true } }
  const write = { config: { permission: 'cases:write' as const }, schema: { hide: true } }
  const assign = { config: { permission: 'cases:assign' as const }, schema: { hide: true } }

  app.get<ReferenceParams>('/staff/cases/:reference', read, async (request, reply) =>
    showCase(database, request, reply, await loadCase(database, request)),
  )

  /** Runs a change; on success back to the case with a banner, on a refusal the page again with what was typed. */
  async function change(
    request: FastifyRequest<ReferenceParams>,
    reply: FastifyReply,
    done: keyof typeof DONE,
    work: (found: CaseWithTimeline, councilId: number) => Promise<FieldError[] | undefined>,
  ) {
    const found = await loadCase(database, request)
    let refusal: Refusal | undefined
    try {
      const errors = await work(found, deskStaff(request).councilId)
      if (errors) refusal = { status: 400, errors }
    } catch (error) {
      refusal = refusalOf(error, done)
      if (!refusal) throw error
    }
    if (!refusal) return flashNotice(reply, DONE[done]).redirect(caseHref(found.reference), 303)
    const shown = { status: refusal.status, errors: refusal.errors, values: typed(request.body) }
    return showCase(database, request, reply, await loadCase(database, request), shown)
  }

  app.post<ReferenceParams>('/staff/cases/:reference/status', write, async (request, reply) =>
    change(request, reply, 'status', async (found, councilId) => {
      const status = statusOf(field(request.body, 'status'))
      if (!status) return [{ name: 'status', message: 'Choose what the case’s status is now' }]
      const resolution = field(request.body, 'resolution').trim()
      await changeCaseStatus(database, actorOf(request), councilId, found.id, {
        status,
        resolution: status === 'resolved' ? resolution : null,
        note: field(request.body, 'note').trim() || null,
        formToken: formTokenOf(request.body),
      })
      return undefined
    }),
  )

  app.post<ReferenceParams>('/staff/cases/:reference/notes', write, async (request, reply) =>
    change(request, reply, 'note', async (found, councilId) => {
      const body = field(request.body, 'body').trim()
      const visibility = field(request.body, 'visibility')
      const errors: FieldError[] = []
      if (body === '') errors.push({ name: 'body', message: 'Enter the note' })
      else if (body.length > NOTE_MAX_LENGTH)
        errors.push({ name: 'body', message: `The note must be ${NOTE_MAX_LENGTH} characters or fewer` })
      if (!(NOTE_VISIBILITIES as readonly string[]).includes(visibility))
        errors.push({ name: 'visibility', message: 'Choose who can see the note' })
      if (errors.length > 0) return errors
      await addCaseNote(database, actorOf(request), councilId, found.id, {
        body,
        visibility: visibility as NoteVisibility,
        formToken: formTokenOf(request.body),
      })
      return undefined
    }),
  )

  app.post<ReferenceParams>('/staff/cases/:reference/assignment', assign, async (request, reply) =>
    change(request, reply, 'assigned', async (found, councilId) => {
      const assignment = assignmentOf(request.body)
      if (Array.isArray(assignment)) return assignment
      await assignCase(database, actorOf(request), councilId, found.id, {
        ...assignment,
        formToken: formTokenOf(request.body),
      })
      return undefined
    }),
  )

  app.post<ReferenceParams>('/staff/cases/:reference/reopen', write, async (request, reply) =>
    change(request, reply, 'reopened', async (found, councilId) => {
      try {
        await reopenCase(database, actorOf(request), councilId, found.id, {
          reason: field(request.body, 'reason'),
          formToken: formTokenOf(request.body),
        })
      } catch (error) {
        // The period having run out is an answer about the reason box's form, not the status form.
        if (error instanceof Problem && error.status === 409) return [{ name: 'reason', message: error.message }]
        throw error
      }
      return undefined
    }),
  )
}
