// The staff pages' forms as typed: name, email, roles and teams on adding; roles and teams on
// changing. Ticked boxes arrive as one string or several, and are kept as typed for an error page.
import type { FastifyRequest } from 'fastify'
import { field } from '../../platform/http/forms.ts'
import { recordIdOf } from '../../platform/http/ids.ts'
import type { FieldError } from '../../platform/http/problem.ts'
import type { Role } from '../../platform/db/values.ts'

/** Roles given on the desk: a resident has an e-account, and a partner's account comes with their organisation (CLI). */
export const DESK_ROLES = ['advisor', 'caseworker', 'team_leader', 'manager', 'dpo', 'admin'] as const satisfies Role[]

export const ROLE_NAMES: Record<Role, string> = {
  resident: 'Resident',
  advisor: 'Advisor',
  caseworker: 'Caseworker',
  team_leader: 'Team leader',
  manager: 'Manager',
  partner: 'Partner',
  dpo: 'Data protection officer',
  admin: 'Administrator',
}

export type StaffForm = { name: string; email: string; roles: string[]; teams: string[] }

function ticked(request: FastifyRequest, name: string): string[] {
  const value = (request.body as Record<string, unknown> | undefined)?.[name]
  const values = Array.isArray(value) ? value : [value]
  return values.filter((v): v is string => typeof v === 'string' && v !== '')
}

export function staffFormFrom(request: FastifyRequest): StaffForm {
  return {
    name: field(request, 'name').trim(),
    email: field(request, 'email').trim(),
    roles: ticked(request, 'roles'),
    teams: ticked(request, 'teams'),
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

type Read = { ok: true; roles: Role[]; teamIds: number[] } | { ok: false; errors: FieldError[] }

/** The roles and teams the boxes name, or what in them is not one of the choices offered. */
export function readAccess(form: StaffForm, partner = false): Read {
  const errors: FieldError[] = []
  const offered: readonly string[] = partner ? [...DESK_ROLES, 'partner'] : DESK_ROLES
  if (form.roles.length === 0) errors.push({ name: 'roles', message: 'Select at least one role' })
  else if (form.roles.some((role) => !offered.includes(role)))
    errors.push({ name: 'roles', message: 'Select roles from the list' })
  const teamIds = form.teams.map((team) => recordIdOf(team))
  if (teamIds.some((id) => id === undefined)) errors.push({ name: 'teams', message: 'Select teams from the list' })
  if (errors.length > 0) return { ok: false, errors }
  return { ok: true, roles: form.roles as Role[], teamIds: teamIds as number[] }
}

export function nameAndEmailErrors(form: StaffForm): FieldError[] {
  const errors: FieldError[] = []
  if (form.name === '') errors.push({ name: 'name', message: 'Enter their full name' })
  else if (form.name.length > 200) errors.push({ name: 'name', message: 'The name must be 200 characters or fewer' })
  if (form.email === '') errors.push({ name: 'email', message: 'Enter their work email address' })
  else if (form.email.length > 254 || !EMAIL.test(form.email))
    errors.push({ name: 'email', message: 'Enter an email address in the correct format, like name@council.gov.uk' })
  return errors
}
