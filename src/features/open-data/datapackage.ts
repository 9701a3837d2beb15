// The Frictionless Data package that describes the downloads: licence, source and a table schema
// per dataset, so a validator (or another council's loader) reads each file without guessing.
import type { DatasetInfo, Field } from './fields.ts'
import { SUPPRESSED } from './suppression.ts'

export const LICENCE = {
  name: 'OGL-UK-3.0',
  title: 'Open Government Licence v3.0',
  path: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/',
} as const

export type Publisher = { name: string; slug: string }

/** A field as a Frictionless table schema writes it. */
function schemaField(field: Field): Record<string, unknown> {
  const { suppressible, constraints, ...rest } = field
  const description = suppressible
    ? `${field.description} Shown as ${SUPPRESSED} where it is suppressed to protect small numbers.`
    : field.description
  return { ...rest, description, ...(constraints ? { constraints } : {}) }
}

/** The table schema of one dataset: its fields, its key and the values that mean "no value". */
export function tableSchema(dataset: DatasetInfo): Record<string, unknown> {
  return {
    fields: dataset.fields.map(schemaField),
    primaryKey: [...dataset.primaryKey],
    missingValues: ['', SUPPRESSED],
  }
}

/** The package descriptor: paths are relative, so it holds for the web folder and an exported one alike. */
export function dataPackage(publisher: Publisher, datasets: readonly DatasetInfo[], created: string) {
  return {
    profile: 'tabular-data-package',
    name: `${publisher.slug}-customer-contact`.toLowerCase().replace(/[^a-z0-9._-]/g, '-'),
    title: `${publisher.name}: customer contact open data`,
    description:
      `Requests, services and monthly customer-contact figures published by ${publisher.name}. ` +
      `No count below 5 is published: such counts, and any that would let one be worked out, are shown as ${SUPPRESSED}.`,
    created,
    licenses: [LICENCE],
    sources: [{ title: `${publisher.name} customer contact records (Frontdoor)` }],
    resources: datasets.map((dataset) => ({
      profile: 'tabular-data-resource',
      name: dataset.name,
      path: `${dataset.name}.csv`,
      title: dataset.title,
      description: dataset.description,
      format: 'csv',
      mediatype: 'text/csv',
      encoding: 'utf-8',
      licenses: [LICENCE],
      schema: tableSchema(dataset),
    })),
  }
}
