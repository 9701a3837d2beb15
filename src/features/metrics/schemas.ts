// The metrics API's schemas: they become its part of the OpenAPI document.
import { Type } from '@sinclair/typebox'
import type { TSchema } from '@sinclair/typebox'
import { Nullable } from '../../platform/http/schemas.ts'
import { CHANNELS } from '../../platform/db/values.ts'

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'A council (Europe/London) day, YYYY-MM-DD' })

export const MetricsQuery = Type.Object(
  {
    from: Day,
    to: { ...Day, description: 'The first day not counted' },
    group: Type.Optional(Type.Union(['day', 'week', 'month', 'year'].map((g) => Type.Literal(g)))),
    channel: Type.Optional(Type.Union(CHANNELS.map((c) => Type.Literal(c)))),
    service: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: "The service's Open311 code" })),
  },
  { additionalProperties: false },
)

const perChannel = (schema: TSchema) => Type.Object(Object.fromEntries(CHANNELS.map((c) => [c, schema])))
const Count = Type.Integer({ minimum: 0 })
const Rate = Nullable(Type.Number({ minimum: 0, maximum: 1 }))

export const MetricsSchema = Type.Object({
  start: Day,
  contacts: Count,
  contacts_by_channel: perChannel(Count),
  contacts_avoidable: Count,
  contacts_inbound_answered: Count,
  contacts_inbound_answered_by_channel: perChannel(Count),
  contacts_resolved_first_contact: Count,
  contacts_resolved_first_contact_by_channel: perChannel(Count),
  handle_seconds: Count,
  cases: Count,
  cases_online_services: Count,
  cases_self_served_online: Count,
  cases_assisted: Count,
  cases_resolved: Count,
  cases_resolved_within_target: Count,
  calls_offered: Nullable(Count),
  calls_answered: Nullable(Count),
  calls_abandoned: Nullable(Count),
  calls_answered_within_threshold: Nullable(Count),
  survey_responses: Count,
  survey_satisfied: Count,
  forms_started: Nullable(Count),
  forms_submitted: Nullable(Count),
  residents_with_contact: Count,
  residents_with_e_account: Count,
  channel_mix: Nullable(perChannel(Type.Number())),
  digital_take_up: Rate,
  assisted_digital_share: Rate,
  first_contact_resolution: Type.Object({ overall: Rate, by_channel: perChannel(Rate) }),
  average_speed_of_answer_seconds: Nullable(Type.Number({ minimum: 0 })),
  abandonment_rate: Rate,
  service_level: Rate,
  within_target: Rate,
  avoidable_contact: Rate,
  cost_per_transaction: Nullable(Type.Number({ minimum: 0, description: 'Pounds' })),
  user_satisfaction: Rate,
  completion_rate: Rate,
  e_account_take_up: Rate,
  digitally_excluded_residents: Count,
})

export const MetricsResponse = Type.Object({
  from: Day,
  to: Day,
  group: Nullable(Type.String()),
  groups: Type.Array(MetricsSchema),
})
