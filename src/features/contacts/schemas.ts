// API schemas for contacts (one interaction on one channel) and a resident's history.
import { Type } from '@sinclair/typebox'
import { Nullable, PageQuery, RecordId, StringEnum } from '../../platform/http/schemas.ts'
import {
  APPOINTMENT_KINDS,
  APPOINTMENT_STATUSES,
  CALLBACK_STATUSES,
  CASE_CREATORS,
  CASE_STATUSES,
  CHANNELS,
  CONTACT_OUTCOMES,
  DIRECTIONS,
  INCLUSION_BARRIERS,
  NOTE_VISIBILITIES,
  NOTIFICATION_CHANNELS,
  NOTIFICATION_STATUSES,
  REFERRAL_STATUSES,
  RESIDENT_CHANGES,
} from '../../platform/db/values.ts'

/** The longest a single handled contact can take: one day. */
export const MAX_HANDLE_SECONDS = 86_400
export const MAX_NOTES_LENGTH = 5000

export const ContactCreateBody = Type.Object(
  {
    channel: StringEnum(CHANNELS),
    direction: Type.Optional(StringEnum(DIRECTIONS, { default: 'inbound' })),
    started_at: Type.Optional(
      Type.String({
        format: 'date-time',
        description: 'When the contact began, with a time zone; defaults to now; at most 5 minutes ahead',
      }),
    ),
    handle_seconds: Type.Optional(
      Nullable(
        Type.Integer({ minimum: 0, maximum: MAX_HANDLE_SECONDS, description: 'Time spent handling the contact' }),
      ),
    ),
    resident_id: Type.Optional(
      Nullable(RecordId({ description: 'Leave out for an anonymous caller: the contact still counts' })),
    ),
    service_id: Type.Optional(Nullable(RecordId())),
    service_code: Type.Optional(
      Nullable(
        Type.String({ minLength: 1, maxLength: 100, description: "The service's Open311 code, instead of service_id" }),
      ),
    ),
    outcome: StringEnum(CONTACT_OUTCOMES),
    avoidable: Type.Optional(
      Type.Boolean({
        default: false,
        description: 'Failure demand: chasing, a repeat, a contact that should not have been needed',
      }),
    ),
    case_id: Type.Optional(
      Nullable(
        RecordId({
          description: 'The case the contact was about or raised; its resident and service fill in those left out',
        }),
      ),
    ),
    notes: Type.Optional(Nullable(Type.String({ maxLength: MAX_NOTES_LENGTH }))),
    external_id: Type.Optional(
      Nullable(
        Type.String({
          minLength: 1,
          maxLength: 100,
          description: "The contact's id in another system; unique in the council",
        }),
      ),
    ),
  },
  { additionalProperties: false },
)

export const AnsweredCallSchema = Type.Object(
  {
    queue: Type.String({ description: 'The phone queue the call came in on' }),
    offered_at: Type.String({ format: 'date-time', description: 'When the call reached the queue' }),
    answered_at: Type.String({ format: 'date-time', description: 'When the advisor answered it' }),
    ended_at: Nullable(Type.String({ format: 'date-time', description: 'When it ended; null while it goes on' })),
    wait_seconds: Type.Integer({ minimum: 0, description: 'How long the caller waited: offered to answered' }),
    duration_seconds: Nullable(
      Type.Integer({ minimum: 0, description: 'How long it lasted: answered to ended; null while it goes on' }),
    ),
  },
  { description: "The phone call this contact answered. The caller's number is never given." },
)

export const ContactSchema = Type.Object({
  id: Type.Integer(),
  external_id: Nullable(Type.String()),
  resident_id: Nullable(Type.Integer()),
  channel: StringEnum(CHANNELS),
  direction: StringEnum(DIRECTIONS),
  started_at: Type.String({
    format: 'date-time',
    description: 'When the contact began: for one that answered a call, when the call was answered',
  }),
  handle_seconds: Nullable(
    Type.Integer({
      description: 'Time spent handling it: for one that answered a call that has ended, answered to ended',
    }),
  ),
  staff_user_id: Nullable(
    Type.Integer({ description: 'The staff member who handled it; null when logged through an API token' }),
  ),
  service_id: Nullable(Type.Integer()),
  outcome: StringEnum(CONTACT_OUTCOMES),
  avoidable: Type.Boolean(),
  case_id: Nullable(Type.Integer()),
  notes: Nullable(Type.String()),
  created_at: Type.String({ format: 'date-time' }),
  call: Nullable(AnsweredCallSchema),
})

const common = {
  id: Type.Integer({ description: 'The id of the record of this kind' }),
  at: Type.String({ format: 'date-time' }),
  summary: Type.String({ description: 'One line in plain English, made from the fields' }),
  resident_id: Type.Integer({ description: 'The resident the record hangs off: this one, or one merged into it' }),
}

const kind = <K extends string>(name: K, description: string) => Type.Literal(name, { description })

export const ContactHistoryItem = Type.Object({
  kind: kind('contact', 'at: when the contact started (for a phone call answered, when it was answered)'),
  ...common,
  channel: StringEnum(CHANNELS),
  direction: StringEnum(DIRECTIONS),
  outcome: StringEnum(CONTACT_OUTCOMES),
  avoidable: Type.Boolean(),
  handle_seconds: Nullable(Type.Integer()),
  service_id: Nullable(Type.Integer()),
  service_name: Nullable(Type.String()),
  case_id: Nullable(Type.Integer()),
  notes: Nullable(Type.String()),
  call: Nullable(AnsweredCallSchema),
})

export const CaseHistoryItem = Type.Object({
  kind: kind('case', 'at: when the case was raised'),
  ...common,
  reference: Type.String(),
  service_id: Type.Integer(),
  service_name: Type.String(),
  status: StringEnum(CASE_STATUSES),
  channel: StringEnum(CHANNELS),
  created_by: StringEnum(CASE_CREATORS),
  due_at: Nullable(Type.String({ format: 'date-time' })),
  resolved_at: Nullable(Type.String({ format: 'date-time' })),
})

export const CaseEventHistoryItem = Type.Object({
  kind: kind('case_event', 'A status change or a note on one of the resident’s cases; at: when it happened'),
  ...common,
  event: Type.Union([Type.Literal('status_changed'), Type.Literal('note')]),
  case_id: Type.Integer(),
  case_reference: Type.String(),
  from_status: Nullable(StringEnum(CASE_STATUSES)),
  to_status: Nullable(StringEnum(CASE_STATUSES)),
  visibility: StringEnum(NOTE_VISIBILITIES),
  body: Nullable(Type.String()),
})

export const CallbackHistoryItem = Type.Object({
  kind: kind(
    'callback',
    'at: when the resident asked for it; window_start to window_end: when they asked to be called',
  ),
  ...common,
  window_start: Type.String({ format: 'date-time' }),
  window_end: Type.String({ format: 'date-time' }),
  status: StringEnum(CALLBACK_STATUSES),
  reason: Nullable(Type.String()),
  contact_id: Nullable(Type.Integer()),
})

export const AppointmentHistoryItem = Type.Object({
  kind: kind('appointment', 'at: the start of the booked slot'),
  ...common,
  appointment_kind: StringEnum(APPOINTMENT_KINDS),
  slot_end: Type.String({ format: 'date-time' }),
  location: Nullable(Type.String()),
  status: StringEnum(APPOINTMENT_STATUSES),
  attended: Nullable(Type.Boolean()),
  reason: Nullable(Type.String()),
})

export const ReferralHistoryItem = Type.Object({
  kind: kind('referral', 'at: when the referral was made'),
  ...common,
  partner_org_id: Type.Integer(),
  partner_name: Type.String(),
  case_id: Nullable(Type.Integer()),
  status: StringEnum(REFERRAL_STATUSES),
  reason: Type.String(),
  outcome: Nullable(Type.String()),
  consent_given_at: Type.String({ format: 'date-time' }),
})

export const NotificationHistoryItem = Type.Object({
  kind: kind('notification', 'at: when the message was queued'),
  ...common,
  channel: StringEnum(NOTIFICATION_CHANNELS),
  template: Type.String(),
  status: StringEnum(NOTIFICATION_STATUSES),
  case_id: Nullable(Type.Integer()),
  sent_at: Nullable(Type.String({ format: 'date-time' })),
})

export const InclusionAssessmentHistoryItem = Type.Object({
  kind: kind('inclusion_assessment', 'at: when the assessment was made'),
  ...common,
  barriers: Type.Array(StringEnum(INCLUSION_BARRIERS)),
  support_offered: Nullable(Type.String()),
  outcome: Nullable(Type.String()),
  referral_id: Nullable(Type.Integer()),
  follow_up_on: Nullable(Type.String({ format: 'date' })),
})

export const ResidentChangeHistoryItem = Type.Object({
  kind: kind('resident_change', 'A change to the record at the desk, with the reason given; at: when it was made'),
  ...common,
  change: StringEnum(RESIDENT_CHANGES),
  fields: Type.Array(Type.String(), { description: 'The names of the fields changed (never their values)' }),
  reason: Nullable(Type.String()),
  staff_user_id: Nullable(Type.Integer()),
  staff_name: Nullable(Type.String()),
})

export const HistoryItemSchema = Type.Union(
  [
    ContactHistoryItem,
    CaseHistoryItem,
    CaseEventHistoryItem,
    CallbackHistoryItem,
    AppointmentHistoryItem,
    ReferralHistoryItem,
    NotificationHistoryItem,
    InclusionAssessmentHistoryItem,
    ResidentChangeHistoryItem,
  ],
  { description: 'One entry of the timeline; `kind` says which fields follow' },
)

export const HistoryPage = Type.Object({
  resident_id: Type.Integer({
    description: 'Whose history this is: the resident asked for, or the one it was merged into',
  }),
  items: Type.Array(HistoryItemSchema),
  next_cursor: Nullable(Type.String({ description: 'Pass as cursor for the next page; null on the last page' })),
})

export const HistoryQuerystring = Type.Object({ ...PageQuery }, { additionalProperties: false })
