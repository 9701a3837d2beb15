// The closed sets of values in the domain. Each is a union type for the code and a list for the
// check constraints, the API schemas and import validation, so the three never disagree.

export const CHANNELS = [
  'web',
  'phone',
  'face_to_face',
  'video',
  'email',
  'letter',
  'webchat',
  'social',
  'partner',
] as const
export type Channel = (typeof CHANNELS)[number]

export const DIRECTIONS = ['inbound', 'outbound'] as const
export type Direction = (typeof DIRECTIONS)[number]

export const CONTACT_OUTCOMES = [
  'resolved_first_contact',
  'case_raised',
  'referred',
  'signposted',
  'callback_booked',
  'abandoned',
] as const
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number]

/** Why a contact need not have happened: the resident chasing, repeating themselves, or told something unclear. */
export const AVOIDABLE_REASONS = ['chasing', 'repeat', 'unclear_information'] as const
export type AvoidableReason = (typeof AVOIDABLE_REASONS)[number]

export const DIGITAL_STATUSES = ['self_serve', 'needs_help', 'offline_by_choice', 'cannot_use'] as const
export type DigitalStatus = (typeof DIGITAL_STATUSES)[number]

/** How a resident wants to hear from the council: notifications follow this. */
export const PREFERRED_CHANNELS = ['email', 'sms', 'letter', 'phone'] as const
export type PreferredChannel = (typeof PREFERRED_CHANNELS)[number]

export const CONTACT_DETAIL_KINDS = ['email', 'phone'] as const
export type ContactDetailKind = (typeof CONTACT_DETAIL_KINDS)[number]

export const CASE_STATUSES = ['open', 'in_progress', 'waiting', 'resolved', 'closed', 'cancelled'] as const
export type CaseStatus = (typeof CASE_STATUSES)[number]

export const CASE_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const
export type CasePriority = (typeof CASE_PRIORITIES)[number]

/** Who created a case: the resident themselves, or staff on their behalf (assisted digital). */
export const CASE_CREATORS = ['resident', 'staff'] as const
export type CaseCreator = (typeof CASE_CREATORS)[number]

export const CASE_EVENT_KINDS = [
  'created',
  'status_changed',
  'note',
  'assigned',
  'message_sent',
  'due_changed',
  'merged',
] as const
export type CaseEventKind = (typeof CASE_EVENT_KINDS)[number]

export const NOTE_VISIBILITIES = ['internal', 'public'] as const
export type NoteVisibility = (typeof NOTE_VISIBILITIES)[number]

export const ROLES = ['resident', 'advisor', 'caseworker', 'team_leader', 'manager', 'partner', 'dpo', 'admin'] as const
export type Role = (typeof ROLES)[number]

/** Roles a machine holds through an API token, never a person: `open311` is an Open311 client's key. */
export const MACHINE_ROLES = ['open311'] as const
/** Every role an API token may carry: a person's, for scripts acting as staff, or a machine's. */
export const API_TOKEN_ROLES = [...ROLES, ...MACHINE_ROLES] as const
export type ApiTokenRole = (typeof API_TOKEN_ROLES)[number]

/** The channel an Open311 client's requests arrive on: `web` for an app, `partner` for another council. */
export const OPEN311_CHANNELS = ['web', 'partner'] as const
export type Open311Channel = (typeof OPEN311_CHANNELS)[number]

export const CALLBACK_STATUSES = ['requested', 'booked', 'completed', 'failed', 'cancelled'] as const
export type CallbackStatus = (typeof CALLBACK_STATUSES)[number]

export const APPOINTMENT_KINDS = ['counter', 'phone', 'video'] as const
export type AppointmentKind = (typeof APPOINTMENT_KINDS)[number]

export const APPOINTMENT_STATUSES = ['booked', 'cancelled', 'completed', 'no_show'] as const
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number]

export const REFERRAL_STATUSES = ['sent', 'accepted', 'declined', 'completed', 'withdrawn'] as const
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number]

export const INCLUSION_BARRIERS = ['access', 'skills', 'motivation', 'trust', 'cost', 'disability'] as const
export type InclusionBarrier = (typeof INCLUSION_BARRIERS)[number]

export const NOTIFICATION_CHANNELS = ['email', 'sms', 'letter', 'phone'] as const
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number]

export const NOTIFICATION_STATUSES = ['queued', 'sending', 'sent', 'delivered', 'failed'] as const
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number]

export const RETENTION_ACTIONS = ['delete', 'anonymise'] as const
export type RetentionAction = (typeof RETENTION_ACTIONS)[number]

export const KB_AUDIENCES = ['staff', 'public'] as const
export type KbAudience = (typeof KB_AUDIENCES)[number]

export const JOB_STATUSES = ['queued', 'running', 'done', 'failed'] as const
export type JobStatus = (typeof JOB_STATUSES)[number]

export const ACTOR_KINDS = ['staff', 'resident', 'token', 'partner', 'system'] as const
export type ActorKind = (typeof ACTOR_KINDS)[number]

/** What a single-use link in an email is for. */
export const ONE_TIME_LINK_PURPOSES = ['verify_email', 'reset_password'] as const
export type OneTimeLinkPurpose = (typeof ONE_TIME_LINK_PURPOSES)[number]

export const SESSION_SUBJECTS = ['staff', 'resident'] as const
export type SessionSubject = (typeof SESSION_SUBJECTS)[number]

/** Booleans are stored as 0/1 on both engines so rows read the same from SQLite and PostgreSQL. */
export type Flag = 0 | 1

/** What a change to a resident's record was: shown in their timeline with the reason given. */
export const RESIDENT_CHANGES = ['details', 'flag_added', 'flag_review_changed', 'flag_removed', 'merged'] as const
export type ResidentChange = (typeof RESIDENT_CHANGES)[number]
