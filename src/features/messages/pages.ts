// /staff/messages: messages that have not gone — failed for good, or waiting for their next try —
// with a button to send a failed one again. /staff/letters: the daily print batches, each
// downloaded as one PDF with its manifest and marked printed once posted. Advisors and up; every
// view that names residents, each download and each change is audited by the service.
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { FeatureOptions } from '../../platform/http/feature.ts'
import type { Database } from '../../platform/db/database.ts'
import { actorOf, principalOf } from '../../platform/auth/guard.ts'
import { recordIdOf } from '../../platform/http/ids.ts'
import { flashNotice } from '../../platform/http/notice.ts'
import { notFound } from '../../platform/http/problem.ts'
import { addTemplateDirectory } from '../../platform/views/views.ts'
import { downloadLetterBatch, letterBatches, markLettersPrinted, retryMessage, unsentMessages } from './service.ts'
import { shownMessage } from './present.ts'

addTemplateDirectory(join(dirname(fileURLToPath(import.meta.url)), 'views'))

const MESSAGES = { config: { permission: 'messages:manage' as const }, schema: { hide: true } }
type IdParams = { Params: { id: string } }

function timeZoneOf(request: FastifyRequest): string {
  return request.council?.settings.workingHours.timeZone ?? 'Europe/London'
}

function idOf(request: FastifyRequest<IdParams>, what: string): number {
  const id = recordIdOf(request.params.id)
  if (id === undefined) throw notFound(what)
  return id
}

async function showMessages(database: Database, request: FastifyRequest, reply: FastifyReply, refusal?: string) {
  const rows = await unsentMessages(database, actorOf(request), principalOf(request).councilId)
  const messages = rows.map((row) => shownMessage(row, timeZoneOf(request)))
  return reply.status(refusal ? 409 : 200).view('messages/messages.njk', {
    council: request.council,
    pageTitle: `${refusal ? 'Error: ' : ''}Messages not sent`,
    failed: messages.filter((m) => m.failed),
    waiting: messages.filter((m) => !m.failed),
    errorList: refusal ? [{ text: refusal, href: '#failed' }] : undefined,
  })
}

async function showLetters(database: Database, request: FastifyRequest, reply: FastifyReply, refusal?: string) {
  const batches = await letterBatches(database, principalOf(request).councilId)
  return reply.status(refusal ? 409 : 200).view('messages/letters.njk', {
    council: request.council,
    pageTitle: `${refusal ? 'Error: ' : ''}Letters to print`,
    batches: batches.map((batch) => ({
      ...batch,
      dayText: new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(batch.day)),
    })),
    errorList: refusal ? [{ text: refusal, href: '#batches' }] : undefined,
  })
}

export async function messagePages(app: FastifyInstance, { database, config }: FeatureOptions): Promise<void> {
  app.get('/staff/messages', MESSAGES, async (request, reply) => showMessages(database, request, reply))

  app.post<IdParams>('/staff/messages/:id/retry', MESSAGES, async (request, reply) => {
    const id = idOf(request, 'Message')
    const retried = await retryMessage(database, actorOf(request), principalOf(request).councilId, id)
    if (!retried)
      return showMessages(
        database,
        request,
        reply,
        'That message is not failed any more: it may have been sent again already',
      )
    return flashNotice(reply, 'The message will be sent again within a minute').redirect('/staff/messages', 303)
  })

  app.get('/staff/letters', MESSAGES, async (request, reply) => showLetters(database, request, reply))

  const batchFile = async (request: FastifyRequest<IdParams>) => {
    const id = idOf(request, 'Letter batch')
    const batch = await downloadLetterBatch(
      database,
      actorOf(request),
      principalOf(request).councilId,
      id,
      config.publicUrl,
    )
    if (!batch) throw notFound('Letter batch')
    return batch
  }

  app.get<IdParams>('/staff/letters/:id/letters.pdf', MESSAGES, async (request, reply) => {
    const batch = await batchFile(request)
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="letters-${request.params.id}.pdf"`)
      .header('cache-control', 'no-store')
      .send(batch.pdf)
  })

  app.get<IdParams>('/staff/letters/:id/manifest.csv', MESSAGES, async (request, reply) => {
    const batch = await batchFile(request)
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="letters-${request.params.id}-manifest.csv"`)
      .header('cache-control', 'no-store')
      .send(batch.manifest)
  })

  app.post<IdParams>('/staff/letters/:id/printed', MESSAGES, async (request, reply) => {
    const id = idOf(request, 'Letter batch')
    const marked = await markLettersPrinted(database, actorOf(request), principalOf(request).councilId, id)
    if (!marked) return showLetters(database, request, reply, 'That batch was marked printed already')
    return flashNotice(reply, 'The batch is marked printed').redirect('/staff/letters', 303)
  })
}
