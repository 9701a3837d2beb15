// The catalogue file a council writes by hand (docs/catalogue.md): its teams, partner
// organisations and services, services naming who delivers them. Checked whole, strictly (no
// value is coerced), and every problem is named by its place in the file, e.g. services[3].form[0].type.
import Ajv from 'ajv'
import addFormats from 'ajv-formats'
import { Type } from '@sinclair/typebox'
import type { Static } from '@sinclair/typebox'
import { readableErrors } from '../../platform/http/validation-messages.ts'
import { PartnerOrgInputSchema } from '../partners/service.ts'
import { checkFormDefinition } from './form-schema.ts'
import type { FormField } from './form-fields.ts'
import { serviceCreateFields } from './schemas.ts'

const Name = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' })

const { team_id: _teamId, partner_org_id: _partnerId, ...serviceEntryFields } = serviceCreateFields

export const CatalogueFileSchema = Type.Object(
  {
    teams: Type.Optional(Type.Array(Type.Object({ name: Name }, { additionalProperties: false }))),
    partner_organisations: Type.Optional(Type.Array(PartnerOrgInputSchema)),
    services: Type.Optional(
      Type.Array(
        Type.Object(
          {
            ...serviceEntryFields,
            team: Type.Optional(Name),
            partner_organisation: Type.Optional(Name),
          },
          { additionalProperties: false },
        ),
      ),
    ),
  },
  { additionalProperties: false },
)

export type CatalogueFile = Static<typeof CatalogueFileSchema>
export type CatalogueProblem = { path: string; message: string }

const ajv = new Ajv.default({ allErrors: true, strict: false })
addFormats.default(ajv)
const validateShape = ajv.compile(CatalogueFileSchema)

/** `/services/3/form/0/type` and `services.3.form.0.type` both become `services[3].form[0].type`. */
export function filePath(...parts: (string | number)[]): string {
  const segments = parts.flatMap((part) => String(part).split(/[./]/)).filter(Boolean)
  return segments
    .map((segment, i) => (/^\d+$/.test(segment) ? `[${segment}]` : i === 0 ? segment : `.${segment}`))
    .join('')
}

/** Problems with the file's shape: missing, unknown or mistyped fields. */
export function shapeProblems(document: unknown): CatalogueProblem[] {
  if (validateShape(document)) return []
  return readableErrors(validateShape.errors ?? []).map((error) => {
    const params = error.params as Record<string, unknown>
    const missing = typeof params.missingProperty === 'string' ? params.missingProperty : undefined
    const extra = typeof params.additionalProperty === 'string' ? params.additionalProperty : undefined
    const path = filePath(error.instancePath, missing ?? extra ?? '') || '(the file)'
    const message = extra ? 'is not a recognised field' : missing ? 'is required' : (error.message ?? 'is not valid')
    return { path, message }
  })
}

const sameName = (a: string, b: string) => a.trim().toLocaleLowerCase('en-GB') === b.trim().toLocaleLowerCase('en-GB')

function repeats(values: string[], label: string, at: (i: number) => string, same = sameName): CatalogueProblem[] {
  return values.flatMap((value, i) =>
    values.slice(0, i).some((earlier) => same(earlier, value))
      ? [{ path: at(i), message: `repeats the ${label} ${value.trim()} given earlier in the file` }]
      : [],
  )
}

function serviceProblems(file: CatalogueFile): CatalogueProblem[] {
  const services = file.services ?? []
  return services.flatMap((service, i) => {
    const problems: CatalogueProblem[] = []
    if ((service.team === undefined) === (service.partner_organisation === undefined))
      problems.push({
        path: filePath('services', i),
        message: 'needs either a team or a partner_organisation to deliver it, not both',
      })
    for (const error of checkFormDefinition((service.form ?? []) as FormField[], `services.${i}.form`))
      problems.push({ path: filePath(error.name), message: error.message })
    return problems
  })
}

/**
 * Problems with a well-shaped file that need no database: names given twice, services with no one
 * (or two) to deliver them, and forms that could not be answered.
 */
export function fileRuleProblems(file: CatalogueFile): CatalogueProblem[] {
  return [
    ...repeats(
      (file.teams ?? []).map((t) => t.name),
      'team',
      (i) => filePath('teams', i, 'name'),
    ),
    ...repeats(
      (file.partner_organisations ?? []).map((p) => p.name),
      'partner organisation',
      (i) => filePath('partner_organisations', i, 'name'),
    ),
    ...repeats(
      (file.services ?? []).map((s) => s.open311_code),
      'open311_code',
      (i) => filePath('services', i, 'open311_code'),
      (a, b) => a === b,
    ),
    ...serviceProblems(file),
  ]
}
