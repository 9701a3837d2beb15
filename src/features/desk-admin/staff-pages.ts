// /staff/admin/staff: the council's staff, their roles and teams, and whose access is stopped. The
// staff-sign-in feature owns the accounts and keeps its rules (the last administrator, nobody
// disabling themselves); these are its pages. A new member's one-time password is shown once, on
// the answer to the form, and never travels in an address, a cookie or the audit trail.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { FeatureOptions } from '../../platform/http/feature.ts'
import { actorOf, principalOf } from '../../platform/auth/guard.ts'
import { recordIdOf } from '../../platform/http/ids.ts'
import { flashNotice } from '../../platform/http/notice.ts'
import type { FieldError } from '../../platform/http/problem.ts'
import { notFound, Problem } from '../../platform/http/problem.ts'
import type { Role } from '../../platform/db/values.ts'
import type { Team } from '../catalogue/service.ts'
import { listTeams } from '../catalogue/service.ts'
import type { StaffMember } from '../staff-sign-in/service.ts'
import {
  addStaffMember,
  changeStaffAccess,
  disableStaffMember,
  enableStaffMember,
  getStaffMember,
  listStaffMembers,
} from '../staff-sign-in/service.ts'
import { shownErrors } from './page-errors.ts'
import type { StaffForm } from './staff-form.ts'
import { DESK_ROLES, ROLE_NAMES, nameAndEmailErrors, readAccess, staffFormFrom } from './staff-form.ts'

const ADMIN = { config: { permission: 'admin:manage' as const }, schema: { hide: true } }
const STAFF = '/staff/admin/staff'
const PAGE_SIZE = 25
const FIELDS = ['name', 'email', 'roles', 'teams', 'member']

type Filters = { role?: string; team?: string; status?: string; after?: string }

function teamName(teams: readonly Team[]): (id: number) => string {
  const names = new Map(teams.map((t) => [t.id, t.name]))
  return (id) => names.get(id) ?? ''
}

function shown(member: StaffMember, teams: readonly Team[]) {
  return {
    ...member,
    roleNames: member.roles.map((r) => ROLE_NAMES[r]),
    teamNames: member.teamIds.map(teamName(teams)),
  }
}

function filterQuery(filters: Filters): { query: Parameters<typeof listStaffMembers>[2]; chosen: Filters } {
  const role = DESK_ROLES.find((r) => r === filters.role) ?? (filters.role === 'partner' ? 'partner' : undefined)
  const teamId = recordIdOf(filters.team ?? '')
  const active = filters.status === 'active' ? true : filters.status === 'disabled' ? false : undefined
  const chosen = { role: role ?? '', team: teamId === undefined ? '' : String(teamId), status: filters.status ?? '' }
  return { query: { role, teamId, active, limit: PAGE_SIZE, cursor: filters.after }, chosen }
}

/** The list with these filters, from its start or after a cursor. */
function listLink(chosen: Filters, after?: string): string {
  const params = new URLSearchParams(Object.entries({ ...chosen, after }).filter((e): e is [string, string] => !!e[1]))
  return params.size === 0 ? STAFF : `${STAFF}?${params}`
}

type FormPage = { member?: StaffMember; values: StaffForm; errors?: FieldError[] }

async function showForm(request: FastifyRequest, reply: FastifyReply, feature: FeatureOptions, page: FormPage) {
  const errors = shownErrors(page.errors ?? [], FIELDS)
  const heading = page.member ? `Change roles and teams: ${page.member.name}` : 'Add a member of staff'
  const teams = await listTeams(feature.database, principalOf(request).councilId)
  const roles = page.member?.partnerOrgId ? [...DESK_ROLES, 'partner' as const] : DESK_ROLES
  return reply.status(errors.errorList ? 400 : 200).view('desk-admin/staff-form.njk', {
    council: request.council,
    pageTitle: `${errors.errorList ? 'Error: ' : ''}${heading}`,
    heading,
    member: page.member,
    action: page.member ? `${STAFF}/${page.member.id}` : STAFF,
    values: page.values,
    roleItems: roles.map((r: Role) => ({ value: r, text: ROLE_NAMES[r], checked: page.values.roles.includes(r) })),
    teamItems: teams.map((t) => ({
      value: String(t.id),
      text: t.name,
      checked: page.values.teams.includes(String(t.id)),
    })),
    ...errors,
  })
}

function refusedFields(error: unknown, clashField: string): FieldError[] {
  if (error instanceof Problem && error.status === 409) return [{ name: clashField, message: error.message }]
  if (error instanceof Problem && error.status === 422 && error.errors) return error.errors
  throw error
}

async function memberOf(feature: FeatureOptions, request: FastifyRequest<{ Params: { id: string } }>) {
  const id = recordIdOf(request.params.id)
  const member =
    id === undefined ? undefined : await getStaffMember(feature.database, principalOf(request).councilId, id)
  if (!member) throw notFound('Member of staff')
  return member
}

async function showMember(
  request: FastifyRequest,
  reply: FastifyReply,
  feature: FeatureOptions,
  member: StaffMember,
  refusal?: string,
) {
  const teams = await listTeams(feature.database, principalOf(request).councilId)
  return reply.status(refusal ? 400 : 200).view('desk-admin/staff-member.njk', {
    council: request.council,
    pageTitle: `${refusal ? 'Error: ' : ''}${member.name}`,
    member: shown(member, teams),
    isYou: principalOf(request).id === member.id,
    errorList: refusal ? [{ text: refusal, href: '#access' }] : undefined,
  })
}

export async function staffPages(app: FastifyInstance, feature: FeatureOptions): Promise<void> {
  const { database } = feature
  const councilOf = (request: FastifyRequest) => principalOf(request).councilId

  app.get<{ Querystring: Filters }>(STAFF, ADMIN, async (request, reply) => {
    const { query, chosen } = filterQuery(request.query)
    const [page, teams] = await Promise.all([
      listStaffMembers(database, councilOf(request), query),
      listTeams(database, councilOf(request)),
    ])
    return reply.view('desk-admin/staff.njk', {
      council: request.council,
      pageTitle: 'Staff',
      members: page.items.map((m) => shown(m, teams)),
      chosen,
      roleItems: [
        { value: '', text: 'Any role' },
        ...[...DESK_ROLES, 'partner' as const].map((r) => ({ value: r, text: ROLE_NAMES[r] })),
      ].map((i) => ({ ...i, selected: i.value === chosen.role })),
      teamItems: [{ value: '', text: 'Any team' }, ...teams.map((t) => ({ value: String(t.id), text: t.name }))].map(
        (i) => ({
          ...i,
          selected: i.value === chosen.team,
        }),
      ),
      next: page.next_cursor && listLink(chosen, page.next_cursor),
      firstPage: request.query.after === undefined ? null : listLink(chosen),
    })
  })

  const blank: StaffForm = { name: '', email: '', roles: [], teams: [] }
  app.get(`${STAFF}/new`, ADMIN, async (request, reply) => showForm(request, reply, feature, { values: blank }))

  app.post(STAFF, ADMIN, async (request, reply) => {
    const values = staffFormFrom(request)
    const access = readAccess(values)
    let errors = [...nameAndEmailErrors(values), ...(access.ok ? [] : access.errors)]
    if (errors.length === 0 && access.ok) {
      try {
        const input = { name: values.name, email: values.email, roles: access.roles, teamIds: access.teamIds }
        const added = await addStaffMember(database, actorOf(request), councilOf(request), input)
        // The password is in this answer only: no store may keep it, and reloading cannot show it again.
        return reply.header('cache-control', 'no-store').view('desk-admin/staff-added.njk', {
          council: request.council,
          pageTitle: 'Member of staff added',
          name: values.name,
          email: values.email,
          id: added.id,
          password: added.password,
        })
      } catch (error) {
        errors = refusedFields(error, 'email')
      }
    }
    return showForm(request, reply, feature, { values, errors })
  })

  app.get<{ Params: { id: string } }>(`${STAFF}/:id`, ADMIN, async (request, reply) =>
    showMember(request, reply, feature, await memberOf(feature, request)),
  )

  app.get<{ Params: { id: string } }>(`${STAFF}/:id/edit`, ADMIN, async (request, reply) => {
    const member = await memberOf(feature, request)
    const values = { name: member.name, email: member.email, roles: member.roles, teams: member.teamIds.map(String) }
    return showForm(request, reply, feature, { member, values })
  })

  app.post<{ Params: { id: string } }>(`${STAFF}/:id`, ADMIN, async (request, reply) => {
    const member = await memberOf(feature, request)
    const values = { ...staffFormFrom(request), name: member.name, email: member.email }
    const access = readAccess(values, member.partnerOrgId !== null)
    let errors = access.ok ? [] : access.errors
    if (access.ok) {
      try {
        await changeStaffAccess(database, actorOf(request), councilOf(request), member.id, access)
        return flashNotice(reply, 'Roles and teams saved').redirect(`${STAFF}/${member.id}`, 303)
      } catch (error) {
        errors = refusedFields(error, 'roles')
      }
    }
    return showForm(request, reply, feature, { member, values, errors })
  })

  app.post<{ Params: { id: string } }>(`${STAFF}/:id/disable`, ADMIN, async (request, reply) => {
    const member = await memberOf(feature, request)
    try {
      await disableStaffMember(database, actorOf(request), councilOf(request), member.id)
    } catch (error) {
      if (error instanceof Problem && error.status === 409)
        return showMember(request, reply, feature, member, error.message)
      throw error
    }
    return flashNotice(reply, 'Access stopped: every session they had has ended').redirect(`${STAFF}/${member.id}`, 303)
  })

  app.post<{ Params: { id: string } }>(`${STAFF}/:id/enable`, ADMIN, async (request, reply) => {
    const member = await memberOf(feature, request)
    await enableStaffMember(database, actorOf(request), councilOf(request), member.id)
    return flashNotice(reply, 'Access restored: they can sign in again').redirect(`${STAFF}/${member.id}`, 303)
  })
}
