// /staff/residents/:id/edit: an advisor changes a resident's details and preferences and says why.
// Only the fields that differ are changed; the change and its reason go in the resident's timeline.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { FeatureOptions } from '../../platform/http/feature.ts'
import { flashNotice } from '../../platform/http/notice.ts'
import { actorOf, principalOf } from '../../platform/auth/guard.ts'
import type { FieldError } from '../../platform/http/problem.ts'
import { getResident, updateResident } from '../residents/service.ts'
import type { Resident } from '../residents/service.ts'
import type { ResidentUpdate } from '../residents/service.ts'
import type { DetailsValues } from './details-form.ts'
import { boxesFor, changesFrom, fieldOfServiceError, valuesFrom, valuesOf } from './details-form.ts'
import { bodyOf, nameOf, refusedFields, residentIdOf, shownErrors } from './page-errors.ts'

type Request = FastifyRequest<{ Params: { id: string } }>

const NOTHING_CHANGED: FieldError = { name: 'given_name', message: 'Change at least one detail, or go back' }

function render(
  reply: FastifyReply,
  request: Request,
  resident: Resident,
  values: DetailsValues,
  errors: FieldError[],
) {
  const shown = errors.length > 0 ? shownErrors(errors) : undefined
  const title = `Change ${nameOf(resident)}’s details`
  return reply.status(shown ? 400 : 200).view('desk-changes/edit.njk', {
    pageTitle: shown ? `Error: ${title}` : title,
    council: request.council,
    resident,
    values,
    phoneBoxes: boxesFor(Math.max(resident.phones.length, values.phones.length)),
    emailBoxes: boxesFor(Math.max(resident.emails.length, values.emails.length)),
    ...shown,
  })
}

export async function editPages(app: FastifyInstance, { database }: FeatureOptions): Promise<void> {
  const config = { permission: 'residents:write' as const }

  app.get<{ Params: { id: string } }>(
    '/staff/residents/:id/edit',
    { config, schema: { hide: true } },
    async (request, reply) => {
      const resident = await getResident(
        database,
        actorOf(request),
        principalOf(request).councilId,
        residentIdOf(request),
      )
      return render(reply, request, resident, valuesOf(resident), [])
    },
  )

  app.post<{ Params: { id: string } }>(
    '/staff/residents/:id/edit',
    { config, schema: { hide: true } },
    async (request, reply) => {
      const id = residentIdOf(request)
      const { councilId } = principalOf(request)
      const resident = await getResident(database, actorOf(request), councilId, id)
      const values = valuesFrom(bodyOf(request))
      const { changes, errors } = changesFrom(values, resident)
      const reason = values.fields.reason ?? ''
      if (errors.length === 0 && Object.keys(changes).length === 0) errors.push(NOTHING_CHANGED)
      if (reason.trim() === '') errors.push({ name: 'reason', message: 'Enter the reason for the change' })
      if (errors.length > 0) return render(reply, request, resident, values, errors)
      try {
        await updateResident(database, actorOf(request), councilId, id, changes as ResidentUpdate, reason)
      } catch (error) {
        return render(reply, request, resident, values, refusedFields(error, fieldOfServiceError))
      }
      return flashNotice(reply, 'Details changed').redirect(`/staff/residents/${id}?changed=details`, 303)
    },
  )
}
