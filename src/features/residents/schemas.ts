// API schemas for residents. Only the names are required: a resident with no email, no phone and
// no e-account is a first-class record.
import { Type } from '@sinclair/typebox'
import type { Static } from '@sinclair/typebox'
import { DIGITAL_STATUSES, PREFERRED_CHANNELS } from '../../platform/db/values.ts'
import { Nullable, Page, PageQuery, RecordId, StringEnum } from '../../platform/http/schemas.ts'
import { LANGUAGE_TAG_PATTERN } from './language.ts'

export const POSTCODE_PATTERN = '^\\s*[A-Za-z]{1,2}[0-9][A-Za-z0-9]?\\s*[0-9][A-Za-z]{2}\\s*$'
export const PHONE_PATTERN = '^\\+?[0-9][0-9 ()-]{8,22}$'

const Name = Type.String({ minLength: 1, maxLength: 100 })

export const AddressSchema = Type.Object(
  {
    address_line_1: Type.String({ minLength: 1, maxLength: 200 }),
    address_line_2: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    town: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    postcode: Type.Optional(
      Nullable(
        Type.String({ pattern: POSTCODE_PATTERN, description: 'A UK postcode; stored in capitals with one space' }),
      ),
    ),
    uprn: Type.Optional(
      Nullable(Type.String({ pattern: '^[0-9]{1,12}$', description: 'Unique Property Reference Number' })),
    ),
  },
  { additionalProperties: false },
)

const residentFields = {
  given_name: Name,
  family_name: Name,
  date_of_birth: Nullable(Type.String({ format: 'date' })),
  emails: Type.Array(Type.String({ format: 'email', maxLength: 254 }), {
    maxItems: 5,
    description: 'The first is the main one',
  }),
  phones: Type.Array(Type.String({ pattern: PHONE_PATTERN }), {
    maxItems: 5,
    description: 'The first is the main one',
  }),
  addresses: Type.Array(AddressSchema, { maxItems: 5, description: 'The first is where the resident lives now' }),
  preferred_channel: Nullable(
    StringEnum(PREFERRED_CHANNELS, { description: 'How the resident wants to hear from the council' }),
  ),
  language: Nullable(
    Type.String({ pattern: LANGUAGE_TAG_PATTERN, description: 'BCP 47 language tag, e.g. en, cy, pl' }),
  ),
  accessibility_needs: Nullable(Type.String({ maxLength: 500 })),
  digital_status: Nullable(StringEnum(DIGITAL_STATUSES)),
}

export const ResidentCreateBody = Type.Object(
  {
    given_name: residentFields.given_name,
    family_name: residentFields.family_name,
    date_of_birth: Type.Optional(residentFields.date_of_birth),
    emails: Type.Optional(residentFields.emails),
    phones: Type.Optional(residentFields.phones),
    addresses: Type.Optional(residentFields.addresses),
    preferred_channel: Type.Optional(residentFields.preferred_channel),
    language: Type.Optional(residentFields.language),
    accessibility_needs: Type.Optional(residentFields.accessibility_needs),
    digital_status: Type.Optional(residentFields.digital_status),
    external_id: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 100 }))),
  },
  { additionalProperties: false },
)
export type ResidentCreate = Static<typeof ResidentCreateBody>

export const ResidentUpdateBody = Type.Partial(Type.Omit(ResidentCreateBody, ['external_id']), {
  additionalProperties: false,
  minProperties: 1,
})
export type ResidentUpdate = Static<typeof ResidentUpdateBody>

export const VulnerabilityFlagSchema = Type.Object({
  id: Type.Integer(),
  reason: Type.String(),
  review_on: Nullable(Type.String({ format: 'date' })),
  created_at: Type.String({ format: 'date-time' }),
})

export const ResidentSchema = Type.Object({
  id: Type.Integer(),
  external_id: Nullable(Type.String()),
  ...residentFields,
  addresses: Type.Array(
    Type.Object({
      address_line_1: Type.String(),
      address_line_2: Nullable(Type.String()),
      town: Nullable(Type.String()),
      postcode: Nullable(Type.String()),
      uprn: Nullable(Type.String()),
    }),
  ),
  vulnerability_flags: Type.Array(VulnerabilityFlagSchema, { description: 'Flags in force (not ended)' }),
  merged_into: Nullable(Type.Integer({ description: 'Set when this record was merged into another: follow it' })),
  created_at: Type.String({ format: 'date-time' }),
  updated_at: Type.String({ format: 'date-time' }),
})

export const ResidentSummarySchema = Type.Object({
  id: Type.Integer(),
  given_name: Type.String(),
  family_name: Type.String(),
  date_of_birth: Nullable(Type.String()),
  postcode: Nullable(Type.String()),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  digital_status: Nullable(StringEnum(DIGITAL_STATUSES)),
  preferred_channel: Nullable(StringEnum(PREFERRED_CHANNELS)),
})

export const ResidentPage = Page(ResidentSummarySchema)

export const ResidentListQuery = Type.Object(
  {
    q: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description: 'One search box: name, postcode, phone, email or case reference; partial words and any case',
      }),
    ),
    digital_status: Type.Optional(StringEnum(DIGITAL_STATUSES)),
    preferred_channel: Type.Optional(StringEnum(PREFERRED_CHANNELS)),
    postcode: Type.Optional(Type.String({ pattern: POSTCODE_PATTERN })),
    family_name: Type.Optional(
      Type.String({ minLength: 1, maxLength: 100, description: 'Family names starting with this, any case' }),
    ),
    has_email: Type.Optional(Type.Boolean()),
    updated_since: Type.Optional(Type.String({ format: 'date-time' })),
    ...PageQuery,
  },
  { additionalProperties: false },
)
export type ResidentListFilters = Static<typeof ResidentListQuery>

export const MergeBody = Type.Object(
  { duplicate_id: RecordId({ description: 'The record to fold into this one; it will point here and leave search' }) },
  { additionalProperties: false },
)

export const FlagCreateBody = Type.Object(
  {
    reason: Type.String({ minLength: 1, maxLength: 500 }),
    review_on: Type.Optional(Nullable(Type.String({ format: 'date' }))),
  },
  { additionalProperties: false },
)

export const FlagParams = Type.Object({ id: RecordId(), flagId: RecordId() })
