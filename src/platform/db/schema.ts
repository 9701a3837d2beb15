// Table types for Kysely: the whole domain of DESIGN.md, read the same on both engines.
// Times are ISO 8601 UTC strings, dates YYYY-MM-DD, booleans 0/1 and JSON documents text,
// because that is the common ground of SQLite and PostgreSQL (see docs/decisions.md).
import type { Generated, Kysely } from 'kysely'
import type {
  ActorKind,
  ApiTokenRole,
  AppointmentKind,
  AvoidableReason,
  AppointmentStatus,
  CallbackStatus,
  CaseCreator,
  CaseEventKind,
  CasePriority,
  CaseStatus,
  Channel,
  ContactDetailKind,
  ContactOutcome,
  DigitalStatus,
  Direction,
  Flag,
  InclusionBarrier,
  JobStatus,
  KbAudience,
  NoteVisibility,
  Open311Channel,
  NotificationChannel,
  NotificationStatus,
  OneTimeLinkPurpose,
  PreferredChannel,
  ReferralStatus,
  RetentionAction,
  Role,
  SessionSubject,
  ResidentChange,
} from './values.ts'

type Id = Generated<number>

export type CouncilTable = {
  id: Id
  slug: string
  name: string
  /** JSON array of host names this council answers on. */
  hostnames: string
  /** JSON object: unit costs, answer threshold, working hours, branding. */
  settings: string
  created_at: string
}

export type CouncilHolidayTable = {
  council_id: number
  date: string
  name: string
  /** 1 adds a closure day; 0 marks a listed bank holiday as a working day for this council. */
  closed: Flag
}

export type PropertyTable = {
  id: Id
  council_id: number
  uprn: string
  address_line_1: string
  address_line_2: string | null
  town: string | null
  postcode: string | null
  latitude: number | null
  longitude: number | null
}

export type ResidentTable = {
  id: Id
  council_id: number
  external_id: string | null
  given_name: string
  family_name: string
  date_of_birth: string | null
  preferred_channel: PreferredChannel | null
  language: string | null
  accessibility_needs: string | null
  digital_status: DigitalStatus | null
  merged_into: number | null
  /** Lower-cased names, postcodes, phones and emails: what the one search box looks through. */
  search_text: string
  created_at: string
  updated_at: string
  /** The one-time token of the desk form that added this resident (migration 012). */
  form_token: Generated<string | null>
}

export type ResidentAddressTable = {
  id: Id
  council_id: number
  resident_id: number
  address_line_1: string
  address_line_2: string | null
  town: string | null
  postcode: string | null
  uprn: string | null
  is_primary: Flag
  created_at: string
}

export type ResidentContactDetailTable = {
  id: Id
  council_id: number
  resident_id: number
  kind: ContactDetailKind
  value: string
  is_primary: Flag
  created_at: string
}

export type VulnerabilityFlagTable = {
  id: Id
  council_id: number
  resident_id: number
  reason: string
  review_on: string | null
  created_by: number | null
  created_at: string
  ended_at: string | null
}

/** A change made to a resident's record, with its reason; `fields` is a JSON array of field names only. */
export type ResidentChangeTable = {
  id: Id
  council_id: number
  resident_id: number
  at: string
  staff_user_id: number | null
  change: ResidentChange
  fields: string
  reason: string | null
  /** The one-time token of the desk form that made the change (migration 012). */
  form_token: Generated<string | null>
}

export type EAccountTable = {
  id: Id
  council_id: number
  resident_id: number | null
  email: string
  /** The name given when the account was made: a resident record is made from it once the email is confirmed. */
  given_name: string | null
  family_name: string | null
  password_hash: string | null
  oidc_subject: string | null
  verified_at: string | null
  mfa_secret: string | null
  failed_sign_ins: Generated<number>
  locked_until: string | null
  created_at: string
  last_sign_in_at: string | null
}

export type TeamTable = {
  id: Id
  council_id: number
  name: string
  email: string | null
  created_at: string
}

export type PartnerOrgTable = {
  id: Id
  council_id: number
  name: string
  description: string | null
  email: string | null
  phone: string | null
  website: string | null
  /** Open Referral UK organisation identifier (a UUID). */
  open_referral_id: string | null
  active: Flag
  created_at: string
}

export type StaffUserTable = {
  id: Id
  council_id: number
  name: string
  email: string
  password_hash: string | null
  totp_secret: string | null
  oidc_subject: string | null
  /** The last TOTP time step accepted: a code is never accepted twice. */
  totp_last_step: number | null
  partner_org_id: number | null
  active: Flag
  must_change_password: Flag
  failed_sign_ins: Generated<number>
  locked_until: string | null
  created_at: string
  last_sign_in_at: string | null
}

export type StaffRoleTable = {
  staff_user_id: number
  council_id: number
  role: Role
}

export type StaffTeamTable = {
  staff_user_id: number
  team_id: number
  council_id: number
}

export type ServiceTable = {
  id: Id
  council_id: number
  name: string
  slug: string
  description: string
  lgsl_code: number | null
  open311_code: string
  open311_group: string | null
  team_id: number | null
  partner_org_id: number | null
  target_hours: number
  online_available: Flag
  offline_route: string
  keywords: string
  /** JSON array of form fields; compiled to JSON Schema when answers are checked. */
  form: string
  active: Flag
  /** Calendar days after resolving in which a case may be reopened (migration 007; 28 unless set). */
  reopen_days: Generated<number>
  /** Whether a resident may report without giving a name or a way to be contacted (migration 017). */
  anonymous_allowed: Generated<Flag>
  created_at: string
  updated_at: string
}

export type CaseTable = {
  id: Id
  council_id: number
  reference: string
  external_id: string | null
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
  /** JSON object of the service form's answers. */
  answers: string
  location_uprn: string | null
  location_address: string | null
  latitude: number | null
  longitude: number | null
  due_at: string | null
  resolved_at: string | null
  resolution: string | null
  created_at: string
  updated_at: string
}

/** Two cases that are one matter: `case_id` is the later report, `linked_case_id` the case being worked. */
export type CaseLinkTable = {
  id: Id
  council_id: number
  case_id: number
  linked_case_id: number
  kind: 'duplicate'
  created_at: string
  created_by_staff_id: number | null
}

/** A "raise a case" form's one-time token and the case it raised (or joined), so a resubmission raises nothing new. */
export type CaseSubmissionTable = {
  council_id: number
  token: string
  case_id: number
  created_at: string
}

export type CaseReferenceCounterTable = {
  council_id: number
  year: number
  last_number: number
}

export type CaseEventTable = {
  id: Id
  council_id: number
  case_id: number
  kind: CaseEventKind
  from_status: CaseStatus | null
  to_status: CaseStatus | null
  visibility: NoteVisibility
  body: string | null
  actor_kind: ActorKind
  actor_id: number | null
  at: string
  /** JSON object for event-specific facts, e.g. the team and assignee of an assignment. */
  detail: string | null
  /** The one-time token of the desk form that wrote this note, so a second submit writes nothing (migration 012). */
  form_token: Generated<string | null>
}

export type ContactTable = {
  id: Id
  council_id: number
  external_id: string | null
  resident_id: number | null
  channel: Channel
  direction: Direction
  started_at: string
  handle_seconds: number | null
  staff_user_id: number | null
  service_id: number | null
  outcome: ContactOutcome
  avoidable: Flag
  /** Set only when avoidable: why (migration 008). */
  avoidable_reason: AvoidableReason | null
  case_id: number | null
  notes: string | null
  created_at: string
  /** The one-time token of the desk form that logged it, so a second submit logs nothing (migration 008). */
  form_token: string | null
}

export type CallTable = {
  id: Id
  council_id: number
  external_id: string | null
  queue: string
  offered_at: string
  answered_at: string | null
  ended_at: string | null
  abandoned: Flag
  agent_staff_id: number | null
  /** HMAC of the caller's number: lets repeat callers be counted without storing the number. */
  caller_number_hash: string | null
  contact_id: number | null
}

export type CallbackTable = {
  id: Id
  council_id: number
  resident_id: number | null
  phone: string | null
  window_start: string
  window_end: string
  reason: string | null
  status: CallbackStatus
  staff_user_id: number | null
  contact_id: number | null
  created_at: string
  /** Who the resident asked us to ask for (migration 016). */
  name: string | null
  attempts: Generated<number>
  claimed_at: string | null
  done_at: string | null
  /** The language the resident asked in, `en` or `cy` (migration 031): the one to call them in. */
  language: Generated<string>
}

/** The telephony platform's shared secret, sealed under a key from SESSION_SECRET (migration 016). */
export type TelephonySecretTable = {
  council_id: number
  sealed_secret: string
  created_at: string
}

/** A signed telephony event already taken: the same event id or signature again is a replay. */
export type TelephonyEventTable = {
  id: Id
  council_id: number
  event_id: string
  signature: string
  received_at: string
}

/** A call offered and not yet answered or abandoned: moves to `call` when it is. */
export type CallInQueueTable = {
  id: Id
  council_id: number
  external_id: string
  queue: string
  offered_at: string
  caller_number_hash: string | null
}

/** One try at a call back, each logged as an outbound phone contact. */
export type CallbackAttemptTable = {
  id: Id
  council_id: number
  callback_id: number
  contact_id: number
  staff_user_id: number
  outcome: 'answered' | 'no_answer' | 'wrong_number'
  at: string
}

export type AppointmentTable = {
  id: Id
  council_id: number
  kind: AppointmentKind
  location: string | null
  slot_start: string
  slot_end: string
  resident_id: number | null
  reason: string | null
  status: AppointmentStatus
  attended: Flag | null
  staff_user_id: number | null
  created_at: string
}

export type ReferralTable = {
  id: Id
  council_id: number
  partner_org_id: number
  resident_id: number | null
  case_id: number | null
  reason: string
  consent_given_at: string
  consent_method: string
  consent_recorded_by: number | null
  status: ReferralStatus
  outcome: string | null
  created_at: string
  updated_at: string
}

export type InclusionAssessmentTable = {
  id: Id
  council_id: number
  resident_id: number
  staff_user_id: number | null
  assessed_at: string
  support_offered: string | null
  referral_id: number | null
  outcome: string | null
  follow_up_on: string | null
}

export type InclusionBarrierTable = {
  assessment_id: number
  council_id: number
  barrier: InclusionBarrier
}

export type SurveyResponseTable = {
  id: Id
  council_id: number
  case_id: number | null
  contact_id: number | null
  score: number
  comment: string | null
  created_at: string
}

export type OnlineFormTable = {
  id: Id
  council_id: number
  service_id: number
  e_account_id: number | null
  started_at: string
  submitted_at: string | null
  case_id: number | null
}

/** A resident's request in progress between question pages (migration 017): deleted when sent, or when it expires. */
export type RequestDraftTable = {
  token: string
  council_id: number
  service_id: number
  online_form_id: number
  e_account_id: number | null
  /** JSON: the answers so far, by question name. */
  answers: string
  /** JSON: who is asking (name and one way to be contacted), or that they stay anonymous. */
  requester: string
  created_at: string
  expires_at: string
}

export type KbArticleTable = {
  id: Id
  council_id: number
  slug: string
  title: string
  body: string
  audience: KbAudience
  service_id: number | null
  updated_at: string
  /** YYYY-MM-DD: when the article is next due to be checked (migration 008). */
  review_on: string | null
  created_by: number | null
  updated_by: number | null
}

export type NotificationTable = {
  id: Id
  council_id: number
  resident_id: number | null
  case_id: number | null
  channel: NotificationChannel
  template: string
  recipient: string
  personalisation: string
  status: NotificationStatus
  provider_reference: string | null
  attempts: number
  last_error: string | null
  created_at: string
  sent_at: string | null
  /** When a worker last took the message to send; one left at 'sending' long after is taken up again. */
  claimed_at: string | null
  /** A message that failed is not tried again before this time (migration 019). */
  next_attempt_at: string | null
  /** The day's print batch a letter was put in (migration 019). */
  letter_batch_id: number | null
}

/** One council's letters of one day, printed and posted together (migration 019). */
export type LetterBatchTable = {
  id: Id
  council_id: number
  day: string
  created_at: string
  printed_at: string | null
  printed_by: number | null
}

export type AuditEventTable = {
  id: Id
  council_id: number | null
  actor_kind: ActorKind
  actor_id: number | null
  actor_label: string
  action: string
  subject_type: string
  subject_id: string | null
  at: string
  source_address: string | null
  detail: string | null
  prev_hash: string
  hash: string
}

export type RetentionRuleTable = {
  id: Id
  council_id: number
  record_type: string
  keep_days: number
  action: RetentionAction
}

export type MetricRollupTable = {
  council_id: number
  day: string
  channel: Channel
  service_id: number
  outcome: ContactOutcome
  direction: Direction
  contacts: number
  avoidable: number
  handle_seconds: number
}

export type CallRollupTable = {
  council_id: number
  day: string
  queue: string
  offered: number
  answered: number
  abandoned: number
  /** The waits of the answered calls summed, in milliseconds (migration 030). */
  answer_ms: number
  within_threshold: number
}

/** The daily contact rollup summed by London month, YYYY-MM (migration 023). */
export type ContactMonthRollupTable = Omit<MetricRollupTable, 'day'> & { month: string }

/** A resident's contacts in each London month of a year, YYYY (migration 023). */
export type ResidentContactRollupTable = {
  council_id: number
  year: string
  resident_id: number
  contacts_01: number
  contacts_02: number
  contacts_03: number
  contacts_04: number
  contacts_05: number
  contacts_06: number
  contacts_07: number
  contacts_08: number
  contacts_09: number
  contacts_10: number
  contacts_11: number
  contacts_12: number
}

/** Calls by the London day and hour they were offered in (migration 020). */
/** Per council, how many changes could have altered a closed period's figures (migration 024). */
export type FiguresGenerationTable = { council_id: number; generation: number }

/** The changes to one London year's closed days (migration 025). */
export type FiguresYearGenerationTable = { council_id: number; year: string; generation: number }

export type CallHourRollupTable = Omit<CallRollupTable, 'queue'> & { hour: number }

/** Cases by the day they were created (`created`) and the day they were resolved (migration 015). */
export type CaseRollupTable = {
  council_id: number
  day: string
  service_id: number
  channel: Channel
  created_by: CaseCreator
  created: number
  resolved: number
  resolved_within_target: number
}

/** The daily case rollup summed by London month, YYYY-MM (migration 027). */
export type CaseMonthRollupTable = Omit<CaseRollupTable, 'day'> & { month: string }

/** Survey responses by day, under the channel and service of the case or contact they are about (migration 015). */
export type SurveyRollupTable = {
  council_id: number
  day: string
  /** '' for a response about neither a case nor a contact. */
  channel: Channel | ''
  service_id: number
  responses: number
  satisfied: number
}

/** Online forms by the day they were started (migration 015). */
export type FormRollupTable = {
  council_id: number
  day: string
  service_id: number
  started: number
  submitted: number
}

export type ApiTokenTable = {
  id: Id
  council_id: number
  name: string
  role: ApiTokenRole
  /** An Open311 key's channel (`web` or `partner`), null for every other token (migration 013). */
  channel: Open311Channel | null
  /** SHA-256 of the token: the token itself is shown once and never stored. */
  token_hash: string
  created_at: string
  last_used_at: string | null
  revoked_at: string | null
}

export type SessionTable = {
  id: string
  council_id: number
  subject_kind: SessionSubject
  subject_id: number
  data: string
  created_at: string
  last_seen_at: string
  expires_at: string
}

export type StaffRecoveryCodeTable = {
  id: Id
  council_id: number
  staff_user_id: number
  code_hash: string
  created_at: string
  used_at: string | null
}

export type OneTimeLinkTable = {
  /** SHA-256 of the token in the link. */
  id: string
  council_id: number
  purpose: OneTimeLinkPurpose
  e_account_id: number
  /** The address the link was sent to: for a change of email, the new one. */
  email: string
  created_at: string
  expires_at: string
  used_at: string | null
}

export type RateLimitBucketTable = {
  key: string
  hits: number
  resets_at: string
}

export type JobTable = {
  id: Id
  council_id: number | null
  kind: string
  payload: string
  status: JobStatus
  run_at: string
  attempts: number
  locked_until: string | null
  last_error: string | null
  created_at: string
}

export type Tables = {
  council: CouncilTable
  council_holiday: CouncilHolidayTable
  property: PropertyTable
  resident: ResidentTable
  resident_address: ResidentAddressTable
  resident_contact_detail: ResidentContactDetailTable
  vulnerability_flag: VulnerabilityFlagTable
  resident_change: ResidentChangeTable
  e_account: EAccountTable
  team: TeamTable
  partner_org: PartnerOrgTable
  staff_user: StaffUserTable
  staff_role: StaffRoleTable
  staff_team: StaffTeamTable
  service: ServiceTable
  case: CaseTable
  case_reference_counter: CaseReferenceCounterTable
  case_event: CaseEventTable
  case_link: CaseLinkTable
  case_submission: CaseSubmissionTable
  contact: ContactTable
  call: CallTable
  callback: CallbackTable
  callback_attempt: CallbackAttemptTable
  telephony_secret: TelephonySecretTable
  telephony_event: TelephonyEventTable
  call_in_queue: CallInQueueTable
  appointment: AppointmentTable
  referral: ReferralTable
  inclusion_assessment: InclusionAssessmentTable
  inclusion_barrier: InclusionBarrierTable
  survey_response: SurveyResponseTable
  online_form: OnlineFormTable
  request_draft: RequestDraftTable
  kb_article: KbArticleTable
  notification: NotificationTable
  letter_batch: LetterBatchTable
  audit_event: AuditEventTable
  retention_rule: RetentionRuleTable
  metric_rollup: MetricRollupTable
  call_rollup: CallRollupTable
  call_hour_rollup: CallHourRollupTable
  contact_month_rollup: ContactMonthRollupTable
  resident_contact_rollup: ResidentContactRollupTable
  case_rollup: CaseRollupTable
  case_month_rollup: CaseMonthRollupTable
  survey_rollup: SurveyRollupTable
  form_rollup: FormRollupTable
  figures_generation: FiguresGenerationTable
  figures_year_generation: FiguresYearGenerationTable
  api_token: ApiTokenTable
  session: SessionTable
  job: JobTable
  staff_recovery_code: StaffRecoveryCodeTable
  one_time_link: OneTimeLinkTable
  rate_limit_bucket: RateLimitBucketTable
  open311_request: Open311RequestTable
}

/** A case that came in through Open311 (migration 013): which client's key sent it, and its public photo link. */
export type Open311RequestTable = {
  case_id: number
  council_id: number
  api_token_id: number
  media_url: string | null
  created_at: string
}

/** What queries run on: the open database, or a transaction inside it. */
export type Queryable = Kysely<Tables>
