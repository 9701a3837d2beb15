// The service details form as typed, and what it means to the catalogue: every box is kept as a
// string so an error summary shows exactly what was typed, and only a form without mistakes becomes
// the catalogue's ServiceInput. The limits are the API's (catalogue/schemas.ts), so a page never
// accepts what the API would refuse.
import type { FastifyRequest } from 'fastify'
import { field } from '../../platform/http/forms.ts'
import { recordIdOf } from '../../platform/http/ids.ts'
import type { FieldError } from '../../platform/http/problem.ts'
import type { Service, ServiceInput } from '../catalogue/service.ts'

export type ServiceForm = {
  name: string
  description: string
  lgslCode: string
  open311Code: string
  open311Group: string
  deliveredBy: string
  targetHours: string
  onlineAvailable: string
  offlineRoute: string
  keywords: string
  active: string
}

/** The boxes in page order: the error summary lists mistakes in this order. */
export const SERVICE_FIELDS = [
  'name',
  'description',
  'lgslCode',
  'open311Code',
  'open311Group',
  'deliveredBy',
  'targetHours',
  'onlineAvailable',
  'offlineRoute',
  'keywords',
  'active',
] as const satisfies readonly (keyof ServiceForm)[]

const API_NAMES: Record<string, keyof ServiceForm> = {
  name: 'name',
  description: 'description',
  lgsl_code: 'lgslCode',
  open311_code: 'open311Code',
  open311_group: 'open311Group',
  team_id: 'deliveredBy',
  partner_org_id: 'deliveredBy',
  target_hours: 'targetHours',
  online_available: 'onlineAvailable',
  offline_route: 'offlineRoute',
  keywords: 'keywords',
  active: 'active',
}

/** The catalogue's name for a field, as this page names it (a question's error stays as given). */
export const formFieldOf = (apiName: string): string => API_NAMES[apiName] ?? apiName

export const emptyServiceForm = (): ServiceForm => ({
  name: '',
  description: '',
  lgslCode: '',
  open311Code: '',
  open311Group: '',
  deliveredBy: '',
  targetHours: '',
  onlineAvailable: 'yes',
  offlineRoute: '',
  keywords: '',
  active: 'yes',
})

export function serviceFormFrom(request: FastifyRequest): ServiceForm {
  return Object.fromEntries(SERVICE_FIELDS.map((name) => [name, field(request, name)])) as ServiceForm
}

export function formOfService(service: Service): ServiceForm {
  return {
    name: service.name,
    description: service.description,
    lgslCode: service.lgsl_code === null ? '' : String(service.lgsl_code),
    open311Code: service.open311_code,
    open311Group: service.open311_group ?? '',
    deliveredBy: service.team_id !== null ? `team:${service.team_id}` : `partner:${service.partner_org_id}`,
    targetHours: String(service.target_hours),
    onlineAvailable: service.online_available ? 'yes' : 'no',
    offlineRoute: service.offline_route,
    keywords: service.keywords.join(', '),
    active: service.active ? 'yes' : 'no',
  }
}

type Checked = { ok: true; input: ServiceInput } | { ok: false; errors: FieldError[] }

const OPEN311_CODE = /^[a-z0-9]+(-[a-z0-9]+)*$/

function wholeNumber(text: string, min: number, max: number): number | undefined {
  if (!/^\d{1,6}$/.test(text)) return undefined
  const n = Number(text)
  return n >= min && n <= max ? n : undefined
}

function delivery(value: string): Pick<ServiceInput, 'team_id' | 'partner_org_id'> | undefined {
  const [kind, raw] = value.split(':')
  const id = recordIdOf(raw ?? '')
  if (id === undefined) return undefined
  if (kind === 'team') return { team_id: id, partner_org_id: null }
  if (kind === 'partner') return { team_id: null, partner_org_id: id }
  return undefined
}

function keywordsOf(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((word) => word.trim())
        .filter(Boolean),
    ),
  ]
}

function textErrors(form: ServiceForm, e: (name: keyof ServiceForm, message: string) => void): void {
  const name = form.name.trim()
  if (name === '') e('name', 'Enter the service’s name')
  else if (name.length > 200) e('name', 'The name must be 200 characters or fewer')
  if (form.description.length > 5000) e('description', 'The description must be 5000 characters or fewer')
  const code = form.open311Code.trim()
  if (code === '') e('open311Code', 'Enter the Open311 code')
  else if (code.length > 100 || !OPEN311_CODE.test(code))
    e('open311Code', 'The Open311 code must be lower case letters and digits joined by hyphens, like missed-bin')
  if (form.open311Group.trim().length > 200) e('open311Group', 'The Open311 group must be 200 characters or fewer')
  const route = form.offlineRoute.trim()
  if (route === '') e('offlineRoute', 'Enter how a resident can use the service without going online')
  else if (route.length > 2000) e('offlineRoute', 'The offline route must be 2000 characters or fewer')
  const words = keywordsOf(form.keywords)
  if (words.length > 100 || words.some((w) => w.length > 100))
    e('keywords', 'Give up to 100 keywords, each 100 characters or fewer')
}

function choiceErrors(form: ServiceForm, e: (name: keyof ServiceForm, message: string) => void): void {
  if (form.lgslCode.trim() !== '' && wholeNumber(form.lgslCode.trim(), 1, 99_999) === undefined)
    e('lgslCode', 'The LGSL code must be a whole number from 1 to 99999')
  if (!delivery(form.deliveredBy)) e('deliveredBy', 'Select the team or partner organisation that delivers it')
  if (wholeNumber(form.targetHours.trim(), 1, 100_000) === undefined)
    e('targetHours', 'Enter the target as a whole number of working hours, from 1 to 100000')
  if (form.onlineAvailable !== 'yes' && form.onlineAvailable !== 'no')
    e('onlineAvailable', 'Select whether residents can ask for it online')
  if (form.active !== 'yes' && form.active !== 'no') e('active', 'Select whether the service is offered')
}

/** The form as the catalogue's input, or every mistake in it. The form's questions are not part of it. */
export function checkServiceForm(form: ServiceForm): Checked {
  const errors: FieldError[] = []
  const e = (name: keyof ServiceForm, message: string) => errors.push({ name, message })
  textErrors(form, e)
  choiceErrors(form, e)
  if (errors.length > 0) return { ok: false, errors }
  const lgsl = form.lgslCode.trim()
  return {
    ok: true,
    input: {
      name: form.name.trim(),
      description: form.description.trim(),
      lgsl_code: lgsl === '' ? null : Number(lgsl),
      open311_code: form.open311Code.trim(),
      open311_group: form.open311Group.trim() || null,
      ...delivery(form.deliveredBy),
      target_hours: Number(form.targetHours.trim()),
      online_available: form.onlineAvailable === 'yes',
      offline_route: form.offlineRoute.trim(),
      keywords: keywordsOf(form.keywords),
      active: form.active === 'yes',
    },
  }
}
