// /staff/admin/teams: the teams that deliver services and work case queues. Adding and renaming go
// through the catalogue service, which refuses a name already taken and audits the change.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { FeatureOptions } from '../../platform/http/feature.ts'
import { actorOf, principalOf } from '../../platform/auth/guard.ts'
import { field } from '../../platform/http/forms.ts'
import { recordIdOf } from '../../platform/http/ids.ts'
import { flashNotice } from '../../platform/http/notice.ts'
import type { FieldError } from '../../platform/http/problem.ts'
import { notFound } from '../../platform/http/problem.ts'
import { createTeam, getTeam, listTeams, updateTeam } from '../catalogue/service.ts'
import { refusalAsFields, shownErrors } from './page-errors.ts'

const CATALOGUE = { config: { permission: 'catalogue:write' as const }, schema: { hide: true } }
const TEAMS = '/staff/admin/teams'
export const TEAM_NAME_MAX = 100

export function teamNameErrors(name: string): FieldError[] {
  if (name === '') return [{ name: 'name', message: 'Enter the team’s name' }]
  if (name.length > TEAM_NAME_MAX)
    return [{ name: 'name', message: `The team’s name must be ${TEAM_NAME_MAX} characters or fewer` }]
  return []
}

type TeamForm = { heading: string; action: string; button: string; name: string; errors?: FieldError[] }

function showForm(request: FastifyRequest, reply: FastifyReply, form: TeamForm) {
  const shown = shownErrors(form.errors ?? [], ['name'])
  return reply.status(shown.errorList ? 400 : 200).view('desk-admin/team-form.njk', {
    council: request.council,
    pageTitle: `${shown.errorList ? 'Error: ' : ''}${form.heading}`,
    ...form,
    ...shown,
  })
}

function teamIdOf(request: FastifyRequest<{ Params: { id: string } }>): number {
  const id = recordIdOf(request.params.id)
  if (id === undefined) throw notFound('Team')
  return id
}

export async function teamPages(app: FastifyInstance, { database }: FeatureOptions): Promise<void> {
  app.get(TEAMS, CATALOGUE, async (request, reply) =>
    reply.view('desk-admin/teams.njk', {
      council: request.council,
      pageTitle: 'Teams',
      teams: await listTeams(database, principalOf(request).councilId),
    }),
  )

  const adding = { heading: 'Add a team', action: TEAMS, button: 'Add the team' }
  app.get(`${TEAMS}/new`, CATALOGUE, async (request, reply) => showForm(request, reply, { ...adding, name: '' }))

  app.post(TEAMS, CATALOGUE, async (request, reply) => {
    const name = field(request, 'name').trim()
    let errors = teamNameErrors(name)
    if (errors.length === 0) {
      try {
        const team = await createTeam(database, actorOf(request), principalOf(request).councilId, { name })
        return flashNotice(reply, `Team ${team.name} added`).redirect(TEAMS, 303)
      } catch (error) {
        errors = refusalAsFields(error, 'name')
      }
    }
    return showForm(request, reply, { ...adding, name, errors })
  })

  const renaming = (id: number) => ({ heading: 'Rename the team', action: `${TEAMS}/${id}`, button: 'Save the name' })

  app.get<{ Params: { id: string } }>(`${TEAMS}/:id/edit`, CATALOGUE, async (request, reply) => {
    const team = await getTeam(database, principalOf(request).councilId, teamIdOf(request))
    if (!team) throw notFound('Team')
    return showForm(request, reply, { ...renaming(team.id), name: team.name })
  })

  app.post<{ Params: { id: string } }>(`${TEAMS}/:id`, CATALOGUE, async (request, reply) => {
    const id = teamIdOf(request)
    const name = field(request, 'name').trim()
    let errors = teamNameErrors(name)
    if (errors.length === 0) {
      try {
        const team = await updateTeam(database, actorOf(request), principalOf(request).councilId, id, { name })
        return flashNotice(reply, `Team renamed to ${team.name}`).redirect(TEAMS, 303)
      } catch (error) {
        errors = refusalAsFields(error, 'name')
      }
    }
    return showForm(request, reply, { ...renaming(id), name, errors })
  })
}
