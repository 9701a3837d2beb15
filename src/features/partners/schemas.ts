// API schemas for partner organisations: the voluntary, health and other public bodies that
// deliver services on the council's behalf and receive referrals.
import { Type } from '@sinclair/typebox'
import { Nullable } from '../../platform/http/schemas.ts'

const partnerFields = {
  name: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S', description: 'Unique in the council' }),
  description: Nullable(Type.String({ maxLength: 5000 })),
  email: Nullable(Type.String({ maxLength: 320, format: 'email' })),
  phone: Nullable(Type.String({ minLength: 1, maxLength: 40 })),
  website: Nullable(Type.String({ maxLength: 2000, format: 'uri', pattern: '^https?://' })),
  open_referral_id: Nullable(Type.String({ format: 'uuid', description: 'Open Referral UK organisation identifier' })),
  active: Type.Boolean({
    description: 'An inactive organisation keeps its history but takes no new services or staff',
  }),
}

export const PartnerOrgCreateBody = Type.Object(
  {
    name: partnerFields.name,
    description: Type.Optional(partnerFields.description),
    email: Type.Optional(partnerFields.email),
    phone: Type.Optional(partnerFields.phone),
    website: Type.Optional(partnerFields.website),
    open_referral_id: Type.Optional(partnerFields.open_referral_id),
    active: Type.Optional(partnerFields.active),
  },
  { additionalProperties: false },
)

export const PartnerOrgUpdateBody = Type.Partial(Type.Object(partnerFields), {
  additionalProperties: false,
  minProperties: 1,
})

export const PartnerOrgSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  description: Nullable(Type.String()),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  website: Nullable(Type.String()),
  open_referral_id: Nullable(Type.String()),
  active: Type.Boolean(),
  created_at: Type.String({ format: 'date-time' }),
})
