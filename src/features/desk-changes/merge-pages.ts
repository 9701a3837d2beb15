// /staff/residents/:id/merge: a team leader finds the duplicate of this resident (by search or
// record number), compares the two side by side with what would move, and confirms with a
// reason. This record is the one kept; the duplicate's records move to it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { FeatureOptions } from '../../platform/http/feature.ts'
import { flashNotice } from '../../platform/http/notice.ts'
import { actorOf, principalOf } from '../../platform/auth/guard.ts'
import type { FieldError } from '../../platform/http/problem.ts'
import { Problem } from '../../platform/http/problem.ts'
import { recordIdOf } from '../../platform/http/ids.ts'
import { getResident, listResidents, mergeResidents, previewMerge } from '../residents/service.ts'
import type { MergePreview, Resident } from '../residents/service.ts'
import { bodyOf, nameOf, residentIdOf, shownErrors } from './page-errors.ts'
import { comparisonRows, movesRows } from './comparison.ts'

type Request = FastifyRequest<{ Params: { id: string }; Querystring: Record<string, string | undefined> }>

/** A refusal of the merge in words for the page: into itself, not found in this council, already merged. */
function refusal(error: unknown): string {
  if (!(error instanceof Problem) || ![404, 409, 422].includes(error.status)) throw error
  if (error.status === 404) return 'There is no resident with that record number in this council'
  return error.errors?.[0]?.message ?? error.detail ?? 'These records cannot be merged'
}

export async function mergePages(app: FastifyInstance, { database }: FeatureOptions): Promise<void> {
  const options = { config: { permission: 'residents:merge' as const }, schema: { hide: true } }

  async function choose(reply: FastifyReply, request: Request, survivor: Resident, q: string, errors: FieldError[]) {
    const shown = errors.length > 0 ? shownErrors(errors) : undefined
    let found: { id: number; name: string; date_of_birth: string | null; postcode: string | null }[] | undefined
    if (!shown && q !== '') {
      const page = await listResidents(database, actorOf(request), principalOf(request).councilId, { q, limit: 20 })
      found = page.items
        .filter((r) => r.id !== survivor.id)
        .map((r) => ({ id: r.id, name: nameOf(r), date_of_birth: r.date_of_birth, postcode: r.postcode }))
    }
    const title = `Merge a duplicate into ${nameOf(survivor)}’s record`
    return reply.status(shown ? 400 : 200).view('desk-changes/merge-choose.njk', {
      pageTitle: shown ? `Error: ${title}` : title,
      council: request.council,
      resident: survivor,
      q,
      found,
      ...shown,
    })
  }

  function compare(reply: FastifyReply, request: Request, preview: MergePreview, reason: string, errors: FieldError[]) {
    const shown = errors.length > 0 ? shownErrors(errors) : undefined
    const title = 'Check the records before merging'
    return reply.status(shown ? 400 : 200).view('desk-changes/merge-compare.njk', {
      pageTitle: shown ? `Error: ${title}` : title,
      council: request.council,
      survivor: preview.survivor,
      duplicate: preview.duplicate,
      rows: comparisonRows(preview.survivor, preview.duplicate),
      moves: movesRows(preview.moves),
      reason,
      ...shown,
    })
  }

  app.get('/staff/residents/:id/merge', options, async (request: Request, reply) => {
    const { councilId } = principalOf(request)
    const survivor = await getResident(database, actorOf(request), councilId, residentIdOf(request))
    const q = (request.query.q ?? '').trim()
    const duplicateRaw = request.query.duplicate ?? (/^\d+$/.test(q) ? q : undefined)
    if (duplicateRaw === undefined) {
      const searched = 'q' in request.query
      if (searched && q === '')
        return choose(reply, request, survivor, q, [{ name: 'q', message: 'Enter a name, postcode or record number' }])
      return choose(reply, request, survivor, q, [])
    }
    const duplicateId = recordIdOf(duplicateRaw)
    try {
      if (duplicateId === undefined) throw new Problem(404)
      const preview = await previewMerge(database, actorOf(request), councilId, survivor.id, duplicateId)
      return compare(reply, request, preview, '', [])
    } catch (error) {
      return choose(reply, request, survivor, q || duplicateRaw, [{ name: 'q', message: refusal(error) }])
    }
  })

  app.post('/staff/residents/:id/merge', options, async (request: Request, reply) => {
    const { councilId } = principalOf(request)
    const survivorId = residentIdOf(request)
    const body = bodyOf(request)
    const duplicateRaw = typeof body.duplicate_id === 'string' ? body.duplicate_id : ''
    const reason = typeof body.reason === 'string' ? body.reason : ''
    const duplicateId = recordIdOf(duplicateRaw)
    try {
      if (duplicateId === undefined) throw new Problem(404)
      if (reason.trim() === '') {
        const preview = await previewMerge(database, actorOf(request), councilId, survivorId, duplicateId)
        return compare(reply, request, preview, reason, [{ name: 'reason', message: 'Enter the reason for the merge' }])
      }
      await mergeResidents(database, actorOf(request), councilId, survivorId, duplicateId, reason)
    } catch (error) {
      const survivor = await getResident(database, actorOf(request), councilId, survivorId)
      return choose(reply, request, survivor, duplicateRaw, [{ name: 'q', message: refusal(error) }])
    }
    return flashNotice(reply, 'Records merged').redirect(`/staff/residents/${survivorId}?changed=merged`, 303)
  })
}
