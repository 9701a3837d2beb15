// The whole domain of DESIGN.md in one migration, including tables whose screens come later,
// so the model is designed once. Every tenant table carries council_id; every closed set of
// values has a check constraint; indexes follow the queries the features make.
import { sql } from 'kysely'
import type { Migration } from 'kysely/migration'
import type { Engine } from '../../../config.ts'
import {
  ACTOR_KINDS,
  APPOINTMENT_KINDS,
  APPOINTMENT_STATUSES,
  CALLBACK_STATUSES,
  CASE_CREATORS,
  CASE_EVENT_KINDS,
  CASE_PRIORITIES,
  CASE_STATUSES,
  CHANNELS,
  CONTACT_DETAIL_KINDS,
  CONTACT_OUTCOMES,
  DIGITAL_STATUSES,
  DIRECTIONS,
  INCLUSION_BARRIERS,
  JOB_STATUSES,
  KB_AUDIENCES,
  NOTE_VISIBILITIES,
  NOTIFICATION_CHANNELS,
  NOTIFICATION_STATUSES,
  PREFERRED_CHANNELS,
  REFERRAL_STATUSES,
  RETENTION_ACTIONS,
  ROLES,
  SESSION_SUBJECTS,
} from '../values.ts'
import { columns, oneOf } from './columns.ts'
import type { AnyDb, Table } from './columns.ts'

export function domainMigration(engine: Engine): Migration {
  const c = columns(engine)
  const tenantTable = (db: AnyDb, name: string): Table => c.council(c.id(db.schema.createTable(name)))

  async function people(db: AnyDb): Promise<void> {
    await c
      .id(db.schema.createTable('council'))
      .addColumn('slug', 'text', (col) => col.notNull().unique())
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('hostnames', 'text', (col) => col.notNull().defaultTo('[]'))
      .addColumn('settings', 'text', (col) => col.notNull().defaultTo('{}'))
      .$call((t) => c.time(t, 'created_at', true))
      .execute()

    await db.schema
      .createTable('council_holiday')
      .addColumn('council_id', 'integer', (col) => col.notNull().references('council.id'))
      .addColumn('date', 'text', (col) => col.notNull())
      .addColumn('name', 'text', (col) => col.notNull())
      .$call((t) => c.flag(t, 'closed', 1))
      .addPrimaryKeyConstraint('council_holiday_pk', ['council_id', 'date'])
      .execute()

    await tenantTable(db, 'property')
      .addColumn('uprn', 'text', (col) => col.notNull())
      .addColumn('address_line_1', 'text', (col) => col.notNull())
      .addColumn('address_line_2', 'text')
      .addColumn('town', 'text')
      .addColumn('postcode', 'text')
      .addColumn('latitude', 'double precision')
      .addColumn('longitude', 'double precision')
      .addUniqueConstraint('property_uprn_unique', ['council_id', 'uprn'])
      .execute()

    await tenantTable(db, 'team')
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('email', 'text')
      .$call((t) => c.time(t, 'created_at', true))
      .addUniqueConstraint('team_name_unique', ['council_id', 'name'])
      .execute()

    await tenantTable(db, 'partner_org')
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('description', 'text')
      .addColumn('email', 'text')
      .addColumn('phone', 'text')
      .addColumn('website', 'text')
      .addColumn('open_referral_id', 'text')
      .$call((t) => c.flag(t, 'active', 1))
      .$call((t) => c.time(t, 'created_at', true))
      .execute()

    await tenantTable(db, 'staff_user')
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('email', 'text', (col) => col.notNull())
      .addColumn('password_hash', 'text')
      .addColumn('totp_secret', 'text')
      .addColumn('oidc_subject', 'text')
      .addColumn('partner_org_id', 'integer', (col) => col.references('partner_org.id'))
      .$call((t) => c.flag(t, 'active', 1))
      .$call((t) => c.flag(t, 'must_change_password', 0))
      .addColumn('failed_sign_ins', 'integer', (col) => col.notNull().defaultTo(0))
      .$call((t) => c.time(t, 'locked_until'))
      .$call((t) => c.time(t, 'created_at', true))
      .$call((t) => c.time(t, 'last_sign_in_at'))
      .addUniqueConstraint('staff_user_email_unique', ['council_id', 'email'])
      .execute()

    await db.schema
      .createTable('staff_role')
      .addColumn('staff_user_id', 'integer', (col) => col.notNull().references('staff_user.id').onDelete('cascade'))
      .addColumn('council_id', 'integer', (col) => col.notNull().references('council.id'))
      .addColumn('role', 'text', (col) => col.notNull())
      .$call((t) => oneOf(t, 'role', ROLES))
      .addPrimaryKeyConstraint('staff_role_pk', ['staff_user_id', 'role'])
      .execute()

    await db.schema
      .createTable('staff_team')
      .addColumn('staff_user_id', 'integer', (col) => col.notNull().references('staff_user.id').onDelete('cascade'))
      .addColumn('team_id', 'integer', (col) => col.notNull().references('team.id').onDelete('cascade'))
      .addColumn('council_id', 'integer', (col) => col.notNull().references('council.id'))
      .addPrimaryKeyConstraint('staff_team_pk', ['staff_user_id', 'team_id'])
      .execute()

    await tenantTable(db, 'resident')
      .addColumn('external_id', 'text')
      .addColumn('given_name', 'text', (col) => col.notNull())
      .addColumn('family_name', 'text', (col) => col.notNull())
      .addColumn('date_of_birth', 'text')
      .addColumn('preferred_channel', 'text')
      .addColumn('language', 'text')
      .addColumn('accessibility_needs', 'text')
      .addColumn('digital_status', 'text')
      .addColumn('merged_into', 'integer', (col) => col.references('resident.id'))
      .addColumn('search_text', 'text', (col) => col.notNull().defaultTo(''))
      .$call((t) => c.time(t, 'created_at', true))
      .$call((t) => c.time(t, 'updated_at', true))
      .$call((t) => oneOf(t, 'preferred_channel', PREFERRED_CHANNELS, true))
      .$call((t) => oneOf(t, 'digital_status', DIGITAL_STATUSES, true))
      .addCheckConstraint('resident_not_merged_into_self', sql`merged_into is null or merged_into <> id`)
      .addUniqueConstraint('resident_external_id_unique', ['council_id', 'external_id'])
      .execute()

    await tenantTable(db, 'resident_address')
      .addColumn('resident_id', 'integer', (col) => col.notNull().references('resident.id').onDelete('cascade'))
      .addColumn('address_line_1', 'text', (col) => col.notNull())
      .addColumn('address_line_2', 'text')
      .addColumn('town', 'text')
      .addColumn('postcode', 'text')
      .addColumn('uprn', 'text')
      .$call((t) => c.flag(t, 'is_primary', 1))
      .$call((t) => c.time(t, 'created_at', true))
      .execute()

    await tenantTable(db, 'resident_contact_detail')
      .addColumn('resident_id', 'integer', (col) => col.notNull().references('resident.id').onDelete('cascade'))
      .addColumn('kind', 'text', (col) => col.notNull())
      .addColumn('value', 'text', (col) => col.notNull())
      .$call((t) => c.flag(t, 'is_primary', 1))
      .$call((t) => c.time(t, 'created_at', true))
      .$call((t) => oneOf(t, 'kind', CONTACT_DETAIL_KINDS))
      .execute()

    await tenantTable(db, 'vulnerability_flag')
      .addColumn('resident_id', 'integer', (col) => col.notNull().references('resident.id').onDelete('cascade'))
      .addColumn('reason', 'text', (col) => col.notNull())
      .addColumn('review_on', 'text')
      .addColumn('created_by', 'integer', (col) => col.references('staff_user.id'))
      .$call((t) => c.time(t, 'created_at', true))
      .$call((t) => c.time(t, 'ended_at'))
      .execute()

    await tenantTable(db, 'e_account')
      .addColumn('resident_id', 'integer', (col) => col.references('resident.id'))
      .addColumn('email', 'text', (col) => col.notNull())
      .addColumn('password_hash', 'text')
      .addColumn('oidc_subject', 'text')
      .$call((t) => c.time(t, 'verified_at'))
      .addColumn('mfa_secret', 'text')
      .addColumn('failed_sign_ins', 'integer', (col) => col.notNull().defaultTo(0))
      .$call((t) => c.time(t, 'locked_until'))
      .$call((t) => c.time(t, 'created_at', true))
      .$call((t) => c.time(t, 'last_sign_in_at'))
      .addUniqueConstraint('e_account_email_unique', ['council_id', 'email'])
      .execute()
  }

  async function services(db: AnyDb): Promise<void> {
    await tenantTable(db, 'service')
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('slug', 'text', (col) => col.notNull())
      .addColumn('description', 'text', (col) => col.notNull().defaultTo(''))
      .addColumn('lgsl_code', 'integer')
      .addColumn('open311_code', 'text', (col) => col.notNull())
      .addColumn('open311_group', 'text')
      .addColumn('team_id', 'integer', (col) => col.references('team.id'))
      .addColumn('partner_org_id', 'integer', (col) => col.references('partner_org.id'))
      .addColumn('target_hours', 'integer', (col) => col.notNull())
      .$call((t) => c.flag(t, 'online_available', 1))
      .addColumn('offline_route', 'text', (col) => col.notNull())
      .addColumn('keywords', 'text', (col) => col.notNull().defaultTo(''))
      .addColumn('form', 'text', (col) => col.notNull().defaultTo('[]'))
      .$call((t) => c.flag(t, 'active', 1))
      .$call((t) => c.time(t, 'created_at', true))
      .$call((t) => c.time(t, 'updated_at', true))
      .addCheckConstraint('service_target_hours_positive', sql`target_hours > 0`)
      .addCheckConstraint('service_delivered_by', sql`team_id is not null or partner_org_id is not null`)
      .addUniqueConstraint('service_open311_code_unique', ['council_id', 'open311_code'])
      .addUniqueConstraint('service_slug_unique', ['council_id', 'slug'])
      .execute()

    await tenantTable(db, 'kb_article')
      .addColumn('slug', 'text', (col) => col.notNull())
      .addColumn('title', 'text', (col) => col.notNull())
      .addColumn('body', 'text', (col) => col.notNull())
      .addColumn('audience', 'text', (col) => col.notNull())
      .addColumn('service_id', 'integer', (col) => col.references('service.id'))
      .$call((t) => c.time(t, 'updated_at', true))
      .$call((t) => oneOf(t, 'audience', KB_AUDIENCES))
      .addUniqueConstraint('kb_article_slug_unique', ['council_id', 'slug'])
      .execute()
  }

  async function cases(db: AnyDb): Promise<void> {
    await tenantTable(db, 'case')
      .addColumn('reference', 'text', (col) => col.notNull())
      .addColumn('external_id', 'text')
      .addColumn('resident_id', 'integer', (col) => col.references('resident.id'))
      .addColumn('service_id', 'integer', (col) => col.notNull().references('service.id'))
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('priority', 'text', (col) => col.notNull().defaultTo('normal'))
      .addColumn('team_id', 'integer', (col) => col.references('team.id'))
      .addColumn('assignee_id', 'integer', (col) => col.references('staff_user.id'))
      .addColumn('channel', 'text', (col) => col.notNull())
      .addColumn('created_by', 'text', (col) => col.notNull())
      .addColumn('created_by_staff_id', 'integer', (col) => col.references('staff_user.id'))
      .addColumn('description', 'text')
      .addColumn('answers', 'text', (col) => col.notNull().defaultTo('{}'))
      .addColumn('location_uprn', 'text')
      .addColumn('location_address', 'text')
      .addColumn('latitude', 'double precision')
      .addColumn('longitude', 'double precision')
      .$call((t) => c.time(t, 'due_at'))
      .$call((t) => c.time(t, 'resolved_at'))
      .addColumn('resolution', 'text')
      .$call((t) => c.time(t, 'created_at', true))
      .$call((t) => c.time(t, 'updated_at', true))
      .$call((t) => oneOf(t, 'status', CASE_STATUSES))
      .$call((t) => oneOf(t, 'priority', CASE_PRIORITIES))
      .$call((t) => oneOf(t, 'channel', CHANNELS))
      .$call((t) => oneOf(t, 'created_by', CASE_CREATORS))
      .addCheckConstraint(
        'case_resolved_has_time',
        sql`status not in ('resolved', 'closed') or resolved_at is not null`,
      )
      .addUniqueConstraint('case_reference_unique', ['council_id', 'reference'])
      .addUniqueConstraint('case_external_id_unique', ['council_id', 'external_id'])
      .execute()

    await db.schema
      .createTable('case_reference_counter')
      .addColumn('council_id', 'integer', (col) => col.notNull().references('council.id'))
      .addColumn('year', 'integer', (col) => col.notNull())
      .addColumn('last_number', 'integer', (col) => col.notNull())
      .addPrimaryKeyConstraint('case_reference_counter_pk', ['council_id', 'year'])
      .execute()

    await tenantTable(db, 'case_event')
      .addColumn('case_id', 'integer', (col) => col.notNull().references('case.id').onDelete('cascade'))
      .addColumn('kind', 'text', (col) => col.notNull())
      .addColumn('from_status', 'text')
      .addColumn('to_status', 'text')
      .addColumn('visibility', 'text', (col) => col.notNull().defaultTo('internal'))
      .addColumn('body', 'text')
      .addColumn('actor_kind', 'text', (col) => col.notNull())
      .addColumn('actor_id', 'integer')
      .$call((t) => c.time(t, 'at', true))
      .addColumn('detail', 'text')
      .$call((t) => oneOf(t, 'kind', CASE_EVENT_KINDS))
      .$call((t) => oneOf(t, 'from_status', CASE_STATUSES, true))
      .$call((t) => oneOf(t, 'to_status', CASE_STATUSES, true))
      .$call((t) => oneOf(t, 'visibility', NOTE_VISIBILITIES))
      .$call((t) => oneOf(t, 'actor_kind', ACTOR_KINDS))
      .execute()

    await tenantTable(db, 'online_form')
      .addColumn('service_id', 'integer', (col) => col.notNull().references('service.id'))
      .addColumn('e_account_id', 'integer', (col) => col.references('e_account.id'))
      .$call((t) => c.time(t, 'started_at', true))
      .$call((t) => c.time(t, 'submitted_at'))
      .addColumn('case_id', 'integer', (col) => col.references('case.id'))
      .execute()
  }

  async function contacts(db: AnyDb): Promise<void> {
    await tenantTable(db, 'contact')
      .addColumn('external_id', 'text')
      .addColumn('resident_id', 'integer', (col) => col.references('resident.id'))
      .addColumn('channel', 'text', (col) => col.notNull())
      .addColumn('direction', 'text', (col) => col.notNull())
      .$call((t) => c.time(t, 'started_at', true))
      .addColumn('handle_seconds', 'integer')
      .addColumn('staff_user_id', 'integer', (col) => col.references('staff_user.id'))
      .addColumn('service_id', 'integer', (col) => col.references('service.id'))
      .addColumn('outcome', 'text', (col) => col.notNull())
      .$call((t) => c.flag(t, 'avoidable', 0))
      .addColumn('case_id', 'integer', (col) => col.references('case.id'))
      .addColumn('notes', 'text')
      .$call((t) => c.time(t, 'created_at', true))
      .$call((t) => oneOf(t, 'channel', CHANNELS))
      .$call((t) => oneOf(t, 'direction', DIRECTIONS))
      .$call((t) => oneOf(t, 'outcome', CONTACT_OUTCOMES))
      .addCheckConstraint('contact_handle_seconds_positive', sql`handle_seconds is null or handle_seconds >= 0`)
      .addUniqueConstraint('contact_external_id_unique', ['council_id', 'external_id'])
      .execute()

    await tenantTable(db, 'call')
      .addColumn('external_id', 'text')
      .addColumn('queue', 'text', (col) => col.notNull())
      .$call((t) => c.time(t, 'offered_at', true))
      .$call((t) => c.time(t, 'answered_at'))
      .$call((t) => c.time(t, 'ended_at'))
      .$call((t) => c.flag(t, 'abandoned', 0))
      .addColumn('agent_staff_id', 'integer', (col) => col.references('staff_user.id'))
      .addColumn('caller_number_hash', 'text')
      .addColumn('contact_id', 'integer', (col) => col.references('contact.id'))
      .addCheckConstraint(
        'call_abandoned_unanswered',
        sql`(abandoned = 1 and answered_at is null) or (abandoned = 0 and answered_at is not null)`,
      )
      .addUniqueConstraint('call_external_id_unique', ['council_id', 'external_id'])
      .execute()

    await tenantTable(db, 'callback')
      .addColumn('resident_id', 'integer', (col) => col.references('resident.id'))
      .addColumn('phone', 'text')
      .$call((t) => c.time(t, 'window_start', true))
      .$call((t) => c.time(t, 'window_end', true))
      .addColumn('reason', 'text')
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('staff_user_id', 'integer', (col) => col.references('staff_user.id'))
      .addColumn('contact_id', 'integer', (col) => col.references('contact.id'))
      .$call((t) => c.time(t, 'created_at', true))
      .$call((t) => oneOf(t, 'status', CALLBACK_STATUSES))
      .addCheckConstraint('callback_has_someone', sql`resident_id is not null or phone is not null`)
      .execute()

    await tenantTable(db, 'appointment')
      .addColumn('kind', 'text', (col) => col.notNull())
      .addColumn('location', 'text')
      .$call((t) => c.time(t, 'slot_start', true))
      .$call((t) => c.time(t, 'slot_end', true))
      .addColumn('resident_id', 'integer', (col) => col.references('resident.id'))
      .addColumn('reason', 'text')
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('attended', 'integer')
      .addColumn('staff_user_id', 'integer', (col) => col.references('staff_user.id'))
      .$call((t) => c.time(t, 'created_at', true))
      .$call((t) => oneOf(t, 'kind', APPOINTMENT_KINDS))
      .$call((t) => oneOf(t, 'status', APPOINTMENT_STATUSES))
      .addCheckConstraint('appointment_attended_flag', sql`attended is null or attended in (0, 1)`)
      .execute()

    await tenantTable(db, 'survey_response')
      .addColumn('case_id', 'integer', (col) => col.references('case.id'))
      .addColumn('contact_id', 'integer', (col) => col.references('contact.id'))
      .addColumn('score', 'integer', (col) => col.notNull())
      .addColumn('comment', 'text')
      .$call((t) => c.time(t, 'created_at', true))
      .addCheckConstraint('survey_response_score_range', sql`score between 1 and 5`)
      .execute()
  }

  async function partnersAndInclusion(db: AnyDb): Promise<void> {
    await tenantTable(db, 'referral')
      .addColumn('partner_org_id', 'integer', (col) => col.notNull().references('partner_org.id'))
      .addColumn('resident_id', 'integer', (col) => col.references('resident.id'))
      .addColumn('case_id', 'integer', (col) => col.references('case.id'))
      .addColumn('reason', 'text', (col) => col.notNull())
      .$call((t) => c.time(t, 'consent_given_at', true))
      .addColumn('consent_method', 'text', (col) => col.notNull())
      .addColumn('consent_recorded_by', 'integer', (col) => col.references('staff_user.id'))
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('outcome', 'text')
      .$call((t) => c.time(t, 'created_at', true))
      .$call((t) => c.time(t, 'updated_at', true))
      .$call((t) => oneOf(t, 'status', REFERRAL_STATUSES))
      .execute()

    await tenantTable(db, 'inclusion_assessment')
      .addColumn('resident_id', 'integer', (col) => col.notNull().references('resident.id'))
      .addColumn('staff_user_id', 'integer', (col) => col.references('staff_user.id'))
      .$call((t) => c.time(t, 'assessed_at', true))
      .addColumn('support_offered', 'text')
      .addColumn('referral_id', 'integer', (col) => col.references('referral.id'))
      .addColumn('outcome', 'text')
      .addColumn('follow_up_on', 'text')
      .execute()

    await db.schema
      .createTable('inclusion_barrier')
      .addColumn('assessment_id', 'integer', (col) =>
        col.notNull().references('inclusion_assessment.id').onDelete('cascade'),
      )
      .addColumn('council_id', 'integer', (col) => col.notNull().references('council.id'))
      .addColumn('barrier', 'text', (col) => col.notNull())
      .$call((t) => oneOf(t, 'barrier', INCLUSION_BARRIERS))
      .addPrimaryKeyConstraint('inclusion_barrier_pk', ['assessment_id', 'barrier'])
      .execute()
  }

  async function operations(db: AnyDb): Promise<void> {
    await tenantTable(db, 'notification')
      .addColumn('resident_id', 'integer', (col) => col.references('resident.id'))
      .addColumn('case_id', 'integer', (col) => col.references('case.id'))
      .addColumn('channel', 'text', (col) => col.notNull())
      .addColumn('template', 'text', (col) => col.notNull())
      .addColumn('recipient', 'text', (col) => col.notNull())
      .addColumn('personalisation', 'text', (col) => col.notNull().defaultTo('{}'))
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('provider_reference', 'text')
      .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('last_error', 'text')
      .$call((t) => c.time(t, 'created_at', true))
      .$call((t) => c.time(t, 'sent_at'))
      .$call((t) => oneOf(t, 'channel', NOTIFICATION_CHANNELS))
      .$call((t) => oneOf(t, 'status', NOTIFICATION_STATUSES))
      .execute()

    await c
      .appendOnlyId(db.schema.createTable('audit_event'))
      .addColumn('council_id', 'integer', (col) => col.references('council.id'))
      .addColumn('actor_kind', 'text', (col) => col.notNull())
      .addColumn('actor_id', 'integer')
      .addColumn('actor_label', 'text', (col) => col.notNull())
      .addColumn('action', 'text', (col) => col.notNull())
      .addColumn('subject_type', 'text', (col) => col.notNull())
      .addColumn('subject_id', 'text')
      .$call((t) => c.time(t, 'at', true))
      .addColumn('source_address', 'text')
      .addColumn('detail', 'text')
      .addColumn('prev_hash', 'text', (col) => col.notNull())
      // Not unique: the chain, not an index, is what proves each row; a unique index on a random
      // hash made every audited read write to a random page.
      .addColumn('hash', 'text', (col) => col.notNull())
      .$call((t) => oneOf(t, 'actor_kind', ACTOR_KINDS))
      .execute()

    await tenantTable(db, 'retention_rule')
      .addColumn('record_type', 'text', (col) => col.notNull())
      .addColumn('keep_days', 'integer', (col) => col.notNull())
      .addColumn('action', 'text', (col) => col.notNull())
      .$call((t) => oneOf(t, 'action', RETENTION_ACTIONS))
      .addCheckConstraint('retention_rule_keep_days_positive', sql`keep_days > 0`)
      .addUniqueConstraint('retention_rule_unique', ['council_id', 'record_type'])
      .execute()

    await db.schema
      .createTable('metric_rollup')
      .addColumn('council_id', 'integer', (col) => col.notNull().references('council.id'))
      .addColumn('day', 'text', (col) => col.notNull())
      .addColumn('channel', 'text', (col) => col.notNull())
      .addColumn('service_id', 'integer', (col) => col.notNull())
      .addColumn('outcome', 'text', (col) => col.notNull())
      .addColumn('direction', 'text', (col) => col.notNull())
      .addColumn('contacts', 'integer', (col) => col.notNull())
      .addColumn('avoidable', 'integer', (col) => col.notNull())
      .addColumn('handle_seconds', 'integer', (col) => col.notNull())
      .$call((t) => oneOf(t, 'channel', CHANNELS))
      .$call((t) => oneOf(t, 'outcome', CONTACT_OUTCOMES))
      .$call((t) => oneOf(t, 'direction', DIRECTIONS))
      .addPrimaryKeyConstraint('metric_rollup_pk', [
        'council_id',
        'day',
        'channel',
        'service_id',
        'outcome',
        'direction',
      ])
      .execute()

    await db.schema
      .createTable('call_rollup')
      .addColumn('council_id', 'integer', (col) => col.notNull().references('council.id'))
      .addColumn('day', 'text', (col) => col.notNull())
      .addColumn('queue', 'text', (col) => col.notNull())
      .addColumn('offered', 'integer', (col) => col.notNull())
      .addColumn('answered', 'integer', (col) => col.notNull())
      .addColumn('abandoned', 'integer', (col) => col.notNull())
      .addColumn('answer_seconds', 'integer', (col) => col.notNull())
      .addColumn('within_threshold', 'integer', (col) => col.notNull())
      .addPrimaryKeyConstraint('call_rollup_pk', ['council_id', 'day', 'queue'])
      .execute()

    await tenantTable(db, 'api_token')
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('role', 'text', (col) => col.notNull())
      .addColumn('token_hash', 'text', (col) => col.notNull().unique())
      .$call((t) => c.time(t, 'created_at', true))
      .$call((t) => c.time(t, 'last_used_at'))
      .$call((t) => c.time(t, 'revoked_at'))
      .$call((t) => oneOf(t, 'role', ROLES))
      .execute()

    await db.schema
      .createTable('session')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('council_id', 'integer', (col) => col.notNull().references('council.id'))
      .addColumn('subject_kind', 'text', (col) => col.notNull())
      .addColumn('subject_id', 'integer', (col) => col.notNull())
      .addColumn('data', 'text', (col) => col.notNull().defaultTo('{}'))
      .$call((t) => c.time(t, 'created_at', true))
      .$call((t) => c.time(t, 'last_seen_at', true))
      .$call((t) => c.time(t, 'expires_at', true))
      .$call((t) => oneOf(t, 'subject_kind', SESSION_SUBJECTS))
      .execute()

    await c
      .id(db.schema.createTable('job'))
      .addColumn('council_id', 'integer', (col) => col.references('council.id'))
      .addColumn('kind', 'text', (col) => col.notNull())
      .addColumn('payload', 'text', (col) => col.notNull().defaultTo('{}'))
      .addColumn('status', 'text', (col) => col.notNull())
      .$call((t) => c.time(t, 'run_at', true))
      .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
      .$call((t) => c.time(t, 'locked_until'))
      .addColumn('last_error', 'text')
      .$call((t) => c.time(t, 'created_at', true))
      .$call((t) => oneOf(t, 'status', JOB_STATUSES))
      .execute()
  }

  async function indexes(db: AnyDb): Promise<void> {
    const index = (name: string, table: string, cols: string[]) =>
      db.schema.createIndex(name).on(table).columns(cols).execute()
    await index('resident_council_family_name', 'resident', ['council_id', 'family_name', 'given_name'])
    await index('resident_merged_into', 'resident', ['merged_into'])
    await index('resident_address_resident', 'resident_address', ['resident_id'])
    await index('resident_address_postcode', 'resident_address', ['council_id', 'postcode'])
    await index('resident_contact_detail_resident', 'resident_contact_detail', ['resident_id'])
    await index('resident_contact_detail_value', 'resident_contact_detail', ['council_id', 'kind', 'value'])
    await index('vulnerability_flag_resident', 'vulnerability_flag', ['resident_id'])
    await index('e_account_resident', 'e_account', ['resident_id'])
    await index('service_council_group', 'service', ['council_id', 'open311_group'])
    await index('case_council_created', 'case', ['council_id', 'created_at'])
    await index('case_council_resolved', 'case', ['council_id', 'resolved_at'])
    await index('case_queue', 'case', ['council_id', 'team_id', 'status', 'due_at'])
    await index('case_assignee', 'case', ['assignee_id', 'status'])
    await index('case_resident', 'case', ['resident_id'])
    await index('case_event_case', 'case_event', ['case_id', 'at'])
    await index('contact_council_started', 'contact', ['council_id', 'started_at'])
    await index('contact_resident_started', 'contact', ['resident_id', 'started_at'])
    await index('contact_case', 'contact', ['case_id'])
    await index('call_council_offered', 'call', ['council_id', 'offered_at'])
    await index('callback_council_status', 'callback', ['council_id', 'status', 'window_start'])
    await index('callback_resident', 'callback', ['resident_id'])
    await index('appointment_council_slot', 'appointment', ['council_id', 'slot_start'])
    await index('appointment_resident', 'appointment', ['resident_id'])
    await index('referral_partner_status', 'referral', ['partner_org_id', 'status'])
    await index('referral_resident', 'referral', ['resident_id'])
    await index('inclusion_assessment_resident', 'inclusion_assessment', ['resident_id'])
    await index('survey_response_council_created', 'survey_response', ['council_id', 'created_at'])
    await index('online_form_council_started', 'online_form', ['council_id', 'started_at'])
    await index('notification_status', 'notification', ['status', 'created_at'])
    await index('notification_resident', 'notification', ['resident_id'])
    await index('audit_event_subject', 'audit_event', ['subject_type', 'subject_id', 'at'])
    await index('audit_event_council_at', 'audit_event', ['council_id', 'at'])
    await index('audit_event_actor', 'audit_event', ['actor_kind', 'actor_id', 'at'])
    await index('session_subject', 'session', ['subject_kind', 'subject_id'])
    await index('session_expires', 'session', ['expires_at'])
    await index('job_due', 'job', ['status', 'run_at'])
  }

  return {
    async up(db) {
      await people(db)
      await services(db)
      await cases(db)
      await contacts(db)
      await partnersAndInclusion(db)
      await operations(db)
      await indexes(db)
    },
  }
}
