// API schemas for the service catalogue and teams.
import { Type } from '@sinclair/typebox'
import { Nullable, PageQuery, RecordId, StringEnum } from '../../platform/http/schemas.ts'
import { FIELD_TYPES } from './form-fields.ts'

const NonBlank = (maxLength: number, description?: string) =>
  Type.String({ minLength: 1, maxLength, pattern: '\\S', ...(description ? { description } : {}) })

export const FormFieldSchema = Type.Object(
  {
    name: Type.String({
      minLength: 1,
      maxLength: 64,
      description: 'The answer key: lower_snake, starting with a letter',
    }),
    label: NonBlank(200, 'The question as the resident sees it'),
    type: StringEnum(FIELD_TYPES),
    required: Type.Boolean(),
    hint: Type.Optional(Type.String({ maxLength: 500 })),
    options: Type.Optional(
      Type.Array(NonBlank(200), { maxItems: 100, description: 'For select, radios and checkboxes' }),
    ),
    maxLength: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, description: 'For text and textarea' })),
    min: Type.Optional(Type.Number({ description: 'For number' })),
    max: Type.Optional(Type.Number({ description: 'For number' })),
  },
  { additionalProperties: false },
)

const serviceFields = {
  name: NonBlank(200),
  description: Type.String({ maxLength: 5000 }),
  lgsl_code: Nullable(Type.Integer({ minimum: 1, maximum: 99_999, description: 'Local Government Service List code' })),
  open311_code: Type.String({
    minLength: 1,
    maxLength: 100,
    pattern: '^[a-z0-9]+(-[a-z0-9]+)*$',
    description: 'Open311 service_code: lower-kebab, unique in the council',
  }),
  open311_group: Nullable(Type.String({ minLength: 1, maxLength: 200 })),
  team_id: Nullable(RecordId({ description: 'The team that delivers the service (or give partner_org_id)' })),
  partner_org_id: Nullable(
    RecordId({ description: 'The partner organisation that delivers the service (or give team_id)' }),
  ),
  target_hours: Type.Integer({ minimum: 1, maximum: 100_000, description: 'Target time to resolve, in working hours' }),
  online_available: Type.Boolean(),
  anonymous_allowed: Type.Boolean({
    description: 'Whether a resident may report it online without giving a name or a way to be contacted',
  }),
  offline_route: NonBlank(2000, 'How to use the service without going online: every service has one'),
  keywords: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 100 }),
  form: Type.Array(FormFieldSchema, { maxItems: 200 }),
  active: Type.Boolean(),
}

/** A new service's fields: the API's body, and (with names for the ids) an entry of a catalogue file. */
export const serviceCreateFields = {
  ...serviceFields,
  description: Type.Optional(serviceFields.description),
  lgsl_code: Type.Optional(serviceFields.lgsl_code),
  open311_group: Type.Optional(serviceFields.open311_group),
  team_id: Type.Optional(serviceFields.team_id),
  partner_org_id: Type.Optional(serviceFields.partner_org_id),
  online_available: Type.Optional(serviceFields.online_available),
  anonymous_allowed: Type.Optional(serviceFields.anonymous_allowed),
  keywords: Type.Optional(serviceFields.keywords),
  form: Type.Optional(serviceFields.form),
  active: Type.Optional(serviceFields.active),
}

export const ServiceCreateBody = Type.Object(serviceCreateFields, { additionalProperties: false })

export const ServiceUpdateBody = Type.Partial(Type.Object(serviceFields), {
  additionalProperties: false,
  minProperties: 1,
})

export const ServiceSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  slug: Type.String(),
  description: Type.String(),
  lgsl_code: Nullable(Type.Integer()),
  open311_code: Type.String(),
  open311_group: Nullable(Type.String()),
  team_id: Nullable(Type.Integer()),
  partner_org_id: Nullable(Type.Integer()),
  target_hours: Type.Integer(),
  online_available: Type.Boolean(),
  anonymous_allowed: Type.Boolean(),
  offline_route: Type.String(),
  keywords: Type.Array(Type.String()),
  form: Type.Array(FormFieldSchema),
  form_schema: Type.Unknown({ description: 'The JSON Schema that case answers for this service must match' }),
  active: Type.Boolean(),
  created_at: Type.String({ format: 'date-time' }),
  updated_at: Type.String({ format: 'date-time' }),
})

export const ServiceListQuery = Type.Object(
  {
    group: Type.Optional(
      Type.String({ minLength: 1, maxLength: 200, description: 'Only services in this Open311 group' }),
    ),
    online_available: Type.Optional(Type.Boolean()),
    q: Type.Optional(
      Type.String({ minLength: 1, maxLength: 200, description: 'Words to look for in the name and keywords' }),
    ),
    include_inactive: Type.Optional(Type.Boolean({ default: false })),
    ...PageQuery,
  },
  { additionalProperties: false },
)

export const TeamSchema = Type.Object({ id: Type.Integer(), name: Type.String() })

/** A team's name is all it has: unique in the council, letter case aside. */
export const TeamBody = Type.Object({ name: NonBlank(200) }, { additionalProperties: false })
