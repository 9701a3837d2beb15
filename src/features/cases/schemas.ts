// API schemas for cases, their timelines and the changes staff make to them.
import { Type } from '@sinclair/typebox'
import {
  CASE_CREATORS,
  CASE_EVENT_KINDS,
  CASE_PRIORITIES,
  CASE_STATUSES,
  CHANNELS,
  NOTE_VISIBILITIES,
  ACTOR_KINDS,
} from '../../platform/db/values.ts'
import { Nullable, PageQuery, RecordId, StringEnum } from '../../platform/http/schemas.ts'

const Time = Type.String({ format: 'date-time' })
const Id = RecordId()

export const CaseCreateBody = Type.Object(
  {
    service_id: Type.Optional(RecordId({ description: 'The service; or give its Open311 service_code' })),
    service_code: Type.Optional(
      Type.String({ minLength: 1, maxLength: 100, description: 'The service’s Open311 code, instead of service_id' }),
    ),
    resident_id: Type.Optional(Nullable(RecordId({ description: 'Leave out for an anonymous report' }))),
    channel: StringEnum(CHANNELS, { description: 'How the request reached the council' }),
    created_by: StringEnum(CASE_CREATORS, {
      description: 'resident: the resident themselves; staff: staff on the resident’s behalf (assisted digital)',
    }),
    description: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
    answers: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), {
        description: 'Answers to the service’s form; checked against its form_schema',
      }),
    ),
    location: Type.Optional(
      Type.Object(
        {
          uprn: Type.Optional(Type.String({ pattern: '^\\d{1,12}$' })),
          address: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
          latitude: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
          longitude: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
        },
        { additionalProperties: false },
      ),
    ),
    priority: Type.Optional(StringEnum(CASE_PRIORITIES, { default: 'normal' })),
  },
  { additionalProperties: false },
)

export const CaseSchema = Type.Object({
  id: Type.Integer(),
  reference: Type.String({ description: 'FD-YYYY-NNNNNN' }),
  resident_id: Nullable(Type.Integer()),
  service_id: Type.Integer(),
  status: StringEnum(CASE_STATUSES),
  priority: StringEnum(CASE_PRIORITIES),
  team_id: Type.Union([Type.Integer(), Type.Null()], {
    description: 'The team holding the case. Residents see null: it is internal.',
  }),
  assignee_id: Type.Union([Type.Integer(), Type.Null()], {
    description: 'The member of staff holding the case. Residents see null: it is internal.',
  }),
  channel: StringEnum(CHANNELS),
  created_by: StringEnum(CASE_CREATORS),
  created_by_staff_id: Type.Union([Type.Integer(), Type.Null()], {
    description: 'The member of staff who raised the case for the resident. Residents see null: it is internal.',
  }),
  description: Nullable(Type.String()),
  answers: Type.Record(Type.String(), Type.Unknown()),
  location: Type.Object({
    uprn: Nullable(Type.String()),
    address: Nullable(Type.String()),
    latitude: Nullable(Type.Number()),
    longitude: Nullable(Type.Number()),
  }),
  due_at: Nullable(Time),
  resolved_at: Nullable(Time),
  resolution: Nullable(Type.String()),
  created_at: Time,
  updated_at: Time,
  allowed_next_statuses: Type.Array(StringEnum(CASE_STATUSES)),
})

export const CaseEventSchema = Type.Object({
  id: Type.Integer(),
  kind: StringEnum(CASE_EVENT_KINDS),
  from_status: Nullable(StringEnum(CASE_STATUSES)),
  to_status: Nullable(StringEnum(CASE_STATUSES)),
  visibility: StringEnum(NOTE_VISIBILITIES),
  body: Nullable(Type.String()),
  actor_kind: StringEnum(ACTOR_KINDS),
  actor_id: Nullable(Type.Integer()),
  at: Time,
  detail: Nullable(Type.Record(Type.String(), Type.Unknown())),
})

export const CaseWithTimelineSchema = Type.Composite([
  CaseSchema,
  Type.Object({ timeline: Type.Array(CaseEventSchema) }),
])

export const ReferenceParams = Type.Object({
  reference: Type.String({
    minLength: 1,
    maxLength: 40,
    description: 'FD-YYYY-NNNNNN, in any case, with spaces or without padding',
  }),
})

const dateOrTime = (description: string) =>
  Type.String({
    pattern: '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2}))?$',
    description: `${description}: a date (taken as midnight UTC) or an ISO 8601 date and time`,
  })

export const CaseListQuery = Type.Object(
  {
    status: Type.Optional(StringEnum(CASE_STATUSES)),
    team_id: Type.Optional(Id),
    assignee_id: Type.Optional(Id),
    service_id: Type.Optional(Id),
    resident_id: Type.Optional(Id),
    overdue: Type.Optional(Type.Boolean({ description: 'true: past due and still being worked; false: the rest' })),
    created_from: Type.Optional(dateOrTime('Created at or after this')),
    created_to: Type.Optional(dateOrTime('Created before this')),
    ...PageQuery,
  },
  { additionalProperties: false },
)

export const StatusChangeBody = Type.Object(
  {
    status: StringEnum(CASE_STATUSES),
    resolution: Type.Optional(
      Type.String({ maxLength: 5000, description: 'How the case was resolved: required when resolving' }),
    ),
    note: Type.Optional(
      Type.String({ maxLength: 5000, description: 'An internal note kept on the timeline with the change' }),
    ),
  },
  { additionalProperties: false },
)

export const NoteBody = Type.Object(
  {
    body: Type.String({ minLength: 1, maxLength: 10_000, pattern: '\\S' }),
    visibility: Type.Optional(
      StringEnum(NOTE_VISIBILITIES, {
        default: 'internal',
        description: 'internal: staff only; public: the resident can see it',
      }),
    ),
  },
  { additionalProperties: false },
)

export const AssignBody = Type.Object(
  {
    team_id: Type.Optional(Nullable(Id)),
    assignee_id: Type.Optional(Nullable(Id)),
  },
  { additionalProperties: false, minProperties: 1 },
)
