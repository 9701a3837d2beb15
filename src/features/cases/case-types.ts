// What the cases feature hands out and takes in, and how stored rows become it.
import type { CaseCreator, CasePriority, CaseStatus, Channel, NoteVisibility } from '../../platform/db/values.ts'
import { allowedNextStatuses } from './workflow.ts'
import type { CaseEventRow, CaseRow } from './repo.ts'

export type CaseLocation = {
  uprn: string | null
  address: string | null
  latitude: number | null
  longitude: number | null
}

export type Case = {
  id: number
  reference: string
  resident_id: number | null
  service_id: number
  status: CaseStatus
  priority: CasePriority
  team_id: number | null
  assignee_id: number | null
  channel: Channel
  created_by: CaseCreator
  created_by_staff_id: number | null
  description: string | null
  answers: Record<string, unknown>
  location: CaseLocation
  due_at: string | null
  resolved_at: string | null
  resolution: string | null
  created_at: string
  updated_at: string
  allowed_next_statuses: CaseStatus[]
}

export type CaseEvent = {
  id: number
  kind: CaseEventRow['kind']
  from_status: CaseStatus | null
  to_status: CaseStatus | null
  visibility: NoteVisibility
  body: string | null
  actor_kind: CaseEventRow['actor_kind']
  actor_id: number | null
  at: string
  detail: Record<string, unknown> | null
}

export type CaseWithTimeline = Case & { timeline: CaseEvent[] }

export type CreateCaseInput = {
  service_id?: number
  /** The service's Open311 code, instead of its id. */
  service_code?: string
  /** Absent or null for an anonymous report. */
  resident_id?: number | null
  channel: Channel
  /** The resident themselves, or staff on their behalf (assisted digital). */
  created_by: CaseCreator
  description?: string | null
  answers?: Record<string, unknown>
  location?: { uprn?: string; address?: string; latitude?: number; longitude?: number }
  priority?: CasePriority
  external_id?: string | null
  /** When the case was created; now unless given (fixed clocks in tests). */
  now?: Date
}

/**
 * The one-time token of the desk form that asks for a change: the same form sent again (a double
 * click, a page resubmitted after going back) finds its change already made and makes it no second time.
 */
export type FormToken = { formToken?: string }

export type StatusChange = {
  status: CaseStatus
  resolution?: string | null
  note?: string | null
  now?: Date
} & FormToken

export type NoteInput = { body: string; visibility?: NoteVisibility; now?: Date } & FormToken

export type Assignment = { team_id?: number | null; assignee_id?: number | null; now?: Date } & FormToken

export type CaseQuery = {
  status?: CaseStatus
  team_id?: number
  assignee_id?: number
  service_id?: number
  resident_id?: number
  overdue?: boolean
  created_from?: string
  created_to?: string
  limit: number
  cursor?: string
  now?: Date
}

export function toCase(row: CaseRow): Case {
  return {
    id: row.id,
    reference: row.reference,
    resident_id: row.resident_id,
    service_id: row.service_id,
    status: row.status,
    priority: row.priority,
    team_id: row.team_id,
    assignee_id: row.assignee_id,
    channel: row.channel,
    created_by: row.created_by,
    created_by_staff_id: row.created_by_staff_id,
    description: row.description,
    answers: JSON.parse(row.answers) as Record<string, unknown>,
    location: {
      uprn: row.location_uprn,
      address: row.location_address,
      latitude: row.latitude,
      longitude: row.longitude,
    },
    due_at: row.due_at,
    resolved_at: row.resolved_at,
    resolution: row.resolution,
    created_at: row.created_at,
    updated_at: row.updated_at,
    allowed_next_statuses: [...allowedNextStatuses(row.status)],
  }
}

export function toCaseEvent(row: CaseEventRow): CaseEvent {
  return {
    id: row.id,
    kind: row.kind,
    from_status: row.from_status,
    to_status: row.to_status,
    visibility: row.visibility,
    body: row.body,
    actor_kind: row.actor_kind,
    actor_id: row.actor_id,
    at: row.at,
    detail: row.detail === null ? null : (JSON.parse(row.detail) as Record<string, unknown>),
  }
}
