// /open-data: the public page listing the council's datasets, and the files themselves. No sign-in:
// everything here is published for anyone, and none of it is personal.
import { dirname, join } from 'node:path'
import { Readable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import type { FeatureOptions } from '../../platform/http/feature.ts'
import { councilOf } from '../../platform/council/plugin.ts'
import { addTemplateDirectory } from '../../platform/views/views.ts'
import {
  DATASET_NAMES,
  FORMATS,
  LICENCE,
  MEDIA_TYPES,
  SUPPRESSED,
  THRESHOLD,
  councilDataPackage,
  datasetFile,
  datasetSchema,
  listDatasets,
} from './service.ts'

addTemplateDirectory(join(dirname(fileURLToPath(import.meta.url)), 'views'))

const PUBLIC = { config: { permission: 'public' as const }, schema: { hide: true } }
/** The files themselves: any site may read them from its visitors' browsers (a data portal, a validator). */
const PUBLISHED = { config: { permission: 'public' as const, openData: true }, schema: { hide: true } }

/**
 * A dataset file is made from the records on each request, and the monthly figures read the metrics
 * once per channel and service: for anyone on the internet, that is worth a limit per address.
 */
const DOWNLOAD = {
  config: { permission: 'public' as const, openData: true, rateLimit: { max: 30, timeWindow: 60_000 } },
  schema: { hide: true },
}

export async function openDataPages(app: FastifyInstance, options: FeatureOptions): Promise<void> {
  const { database } = options

  app.get('/open-data', PUBLIC, async (request, reply) => {
    const council = councilOf(request)
    const datasets = await listDatasets(database, council.id)
    return reply.view('open-data/index.njk', { council, datasets, licence: LICENCE, marker: SUPPRESSED, THRESHOLD })
  })

  app.get('/open-data/datapackage.json', PUBLISHED, async (request, reply) => {
    const council = councilOf(request)
    return reply.type(MEDIA_TYPES.schema).send(JSON.stringify(councilDataPackage(council), null, 2))
  })

  for (const name of DATASET_NAMES) {
    app.get(`/open-data/${name}.schema.json`, PUBLISHED, async (_request, reply) =>
      reply.type(MEDIA_TYPES.schema).send(JSON.stringify(datasetSchema(name), null, 2)),
    )
    for (const format of FORMATS) {
      app.get(`/open-data/${name}.${format}`, DOWNLOAD, async (request, reply) => {
        const council = councilOf(request)
        return reply.type(MEDIA_TYPES[format]).send(Readable.from(datasetFile(database, council.id, name, format)))
      })
    }
  }
}
