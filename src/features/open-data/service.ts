// Open data: the council's requests, services and monthly contact figures, published for anyone
// as CSV and JSON with a Frictionless Data package, on the web and by `frontdoor export open-data`.
// Nothing here names or locates a resident, and no count below 5 is published (suppression.ts).
// This file is the feature's one entry for the pages and the command line.
import { createWriteStream, mkdirSync, statSync, accessSync, constants, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { Database } from '../../platform/db/database.ts'
import { nowIso } from '../../platform/db/database.ts'
import type { DatasetInfo, DatasetName, Row } from './fields.ts'
import { csvChunks, jsonChunks } from './formats.ts'
import { dataPackage, LICENCE, tableSchema } from './datapackage.ts'
import type { Publisher } from './datapackage.ts'
import { REQUESTS, requestRows } from './requests.ts'
import { SERVICES, serviceRows } from './services-dataset.ts'
import { CONTACT_FIGURES, contactFigureRows, publishedMonths } from './contact-figures.ts'
import * as repo from './repo.ts'

export { LICENCE } from './datapackage.ts'
export { SUPPRESSED, THRESHOLD } from './suppression.ts'
export type { DatasetName } from './fields.ts'

type Dataset = {
  info: DatasetInfo
  rows(database: Database, councilId: number): AsyncIterable<Row>
  lastRefreshed(database: Database, councilId: number): Promise<string | null>
}

const DATASETS: readonly Dataset[] = [
  {
    info: REQUESTS,
    rows: (database, councilId) => requestRows(database.db, councilId),
    lastRefreshed: (database, councilId) => repo.lastCaseChange(database.db, councilId),
  },
  {
    info: SERVICES,
    rows: (database, councilId) => serviceRows(database.db, councilId),
    lastRefreshed: (database, councilId) => repo.lastServiceChange(database.db, councilId),
  },
  {
    info: CONTACT_FIGURES,
    rows: (database, councilId) => contactFigureRows(database.db, councilId),
    // A month is published once it has ended: the figures were last refreshed when the latest one did.
    lastRefreshed: async (database, councilId) => {
      const months = await publishedMonths(database.db, councilId, new Date())
      return months === null ? null : `${months.to}T12:00:00.000Z`
    },
  },
]

export const DATASET_NAMES: readonly DatasetName[] = DATASETS.map((dataset) => dataset.info.name)

export type Format = 'csv' | 'json'

export const FORMATS: readonly Format[] = ['csv', 'json']

export const MEDIA_TYPES: Record<Format | 'schema', string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  schema: 'application/json; charset=utf-8',
}

export type DatasetSummary = {
  name: DatasetName
  title: string
  description: string
  lastRefreshed: string | null
  files: { format: Format; path: string }[]
  schemaPath: string
}

function datasetNamed(name: DatasetName): Dataset {
  const dataset = DATASETS.find((candidate) => candidate.info.name === name)
  if (!dataset) throw new Error(`no dataset ${name}`)
  return dataset
}

/** What the open-data page lists: each dataset, its files and when its data last changed. */
export async function listDatasets(database: Database, councilId: number): Promise<DatasetSummary[]> {
  return Promise.all(
    DATASETS.map(async ({ info, lastRefreshed }) => ({
      name: info.name,
      title: info.title,
      description: info.description,
      lastRefreshed: await lastRefreshed(database, councilId),
      files: FORMATS.map((format) => ({ format, path: `${info.name}.${format}` })),
      schemaPath: `${info.name}.schema.json`,
    })),
  )
}

/** A dataset's file, as chunks of text to stream out. */
export function datasetFile(database: Database, councilId: number, name: DatasetName, format: Format) {
  const { info, rows } = datasetNamed(name)
  const source = rows(database, councilId)
  return format === 'csv' ? csvChunks(info.fields, source) : jsonChunks(info.fields, source)
}

export function datasetSchema(name: DatasetName): Record<string, unknown> {
  return tableSchema(datasetNamed(name).info)
}

export function councilDataPackage(publisher: Publisher) {
  return dataPackage(
    publisher,
    DATASETS.map((dataset) => dataset.info),
    nowIso(),
  )
}

/** Why `dir` cannot take an export, or null when it can (it is made when its parent exists). */
export function exportFolderProblem(dir: string): string | null {
  try {
    if (!statSync(dir, { throwIfNoEntry: false })) mkdirSync(dir)
    if (!statSync(dir).isDirectory()) return `${dir} is not a folder`
    accessSync(dir, constants.W_OK)
    return null
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return `cannot make ${dir}: its parent folder does not exist`
    if (code === 'EACCES' || code === 'EPERM') return `cannot write to ${dir}: permission denied`
    return `cannot use ${dir} (${code ?? 'unknown error'})`
  }
}

async function writeStreamed(path: string, chunks: AsyncIterable<string>): Promise<void> {
  // Written beside and then renamed, so a reader of the folder never sees half a file.
  await pipeline(Readable.from(chunks), createWriteStream(`${path}.partial`))
  renameSync(`${path}.partial`, path)
}

export type ExportReport = { files: string[] }

/** Writes every dataset (CSV, JSON, table schema) and datapackage.json into `dir`, which must be usable. */
export async function exportOpenData(database: Database, publisher: Publisher & { id: number }, dir: string) {
  const files: string[] = []
  for (const { info } of DATASETS) {
    for (const format of FORMATS) {
      await writeStreamed(join(dir, `${info.name}.${format}`), datasetFile(database, publisher.id, info.name, format))
      files.push(`${info.name}.${format}`)
    }
    writeFileSync(join(dir, `${info.name}.schema.json`), JSON.stringify(tableSchema(info), null, 2) + '\n')
    files.push(`${info.name}.schema.json`)
  }
  writeFileSync(join(dir, 'datapackage.json'), JSON.stringify(councilDataPackage(publisher), null, 2) + '\n')
  files.push('datapackage.json')
  return { files } satisfies ExportReport
}

export const LICENCE_NAME = LICENCE.title
