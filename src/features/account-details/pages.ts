// The signed-in resident's own pages under /account: their details with change links, how we
// contact them, accessibility needs, language, downloading their data and closing their account.
// HTTP only: each page reads the form, calls the service and renders, in the reader's language.
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { FeatureOptions } from '../../platform/http/feature.ts'
import { actorOf, principalOf } from '../../platform/auth/guard.ts'
import { scopeOf } from '../../platform/auth/scope.ts'
import { errorList, field } from '../../platform/http/forms.ts'
import { addTemplateDirectory } from '../../platform/views/views.ts'
import { languages, translate } from '../../platform/i18n/translate.ts'
import { contextFor } from '../account/service.ts'
import type { FieldErrors, Me, Outcome } from './service.ts'
import * as details from './service.ts'

addTemplateDirectory(join(dirname(fileURLToPath(import.meta.url)), 'views'))

const TEN_MINUTES = 10 * 60_000
const OWN_PAGE = { config: { permission: 'account:own' as const }, schema: { hide: true } }
const OWN_FORM = {
  config: { permission: 'account:own' as const, rateLimit: { max: 30, timeWindow: TEN_MINUTES } },
  schema: { hide: true },
}

const DETAILS = '/account/details'

/** The banner shown on the details page after each change, by the change's name in `?done=`. */
const DONE: Record<string, string> = {
  name: 'Your name has been changed',
  phone: 'Your phone numbers have been changed',
  address: 'Your address has been changed',
  contact: 'How we contact you has been changed',
  accessibility: 'Your accessibility needs have been changed',
  language: 'Your language has been changed',
}

function meOf(request: FastifyRequest): Me {
  const principal = principalOf(request)
  return {
    councilId: principal.councilId,
    accountId: principal.id,
    residentId: principal.residentId ?? null,
    actor: actorOf(request),
    scope: scopeOf(principal),
  }
}

function translated(request: FastifyRequest, errors: FieldErrors): FieldErrors {
  return Object.fromEntries(
    Object.entries(errors).map(([name, message]) => [name, message && translate(request.language, message)]),
  )
}

type FormPage = {
  path: string
  template: string
  title: string
  fields: readonly string[]
  /** What the form shows before anything is typed: what the record holds now. */
  current: (request: FastifyRequest, me: Me) => Promise<Record<string, unknown>>
  save: (request: FastifyRequest, me: Me, values: Record<string, string>) => Promise<Outcome>
  done: string
}

export async function accountDetailPages(app: FastifyInstance, { database, config }: FeatureOptions): Promise<void> {
  const view = (request: FastifyRequest, reply: FastifyReply, template: string, title: string, data = {}) =>
    reply.view(`account-details/${template}.njk`, {
      council: request.council,
      pageTitle: translate(request.language, title),
      ...data,
    })

  const notJoined = (request: FastifyRequest, reply: FastifyReply) =>
    view(request, reply, 'not-joined', 'Your details', { phone: request.council?.settings.branding.phone })

  const formPage = (page: FormPage): void => {
    app.get(page.path, OWN_PAGE, async (request, reply) => {
      const me = meOf(request)
      if (me.residentId === null) return notJoined(request, reply)
      return view(request, reply, page.template, page.title, { values: await page.current(request, me) })
    })
    app.post(page.path, OWN_FORM, async (request, reply) => {
      const me = meOf(request)
      if (me.residentId === null) return notJoined(request, reply)
      const values = Object.fromEntries(page.fields.map((name) => [name, field(request, name)]))
      const outcome = await page.save(request, me, values)
      if (outcome.ok) return reply.redirect(page.done, 303)
      const errors = translated(request, outcome.errors)
      return view(
        request,
        reply.code(400),
        page.template,
        `${translate(request.language, 'Error')}: ${translate(request.language, page.title)}`,
        {
          values,
          errors,
          errorList: errorList(errors, page.fields),
        },
      )
    })
  }

  app.get(DETAILS, OWN_PAGE, async (request, reply) => {
    const me = meOf(request)
    if (me.residentId === null) return notJoined(request, reply)
    const done = (request.query as Record<string, unknown>).done
    return view(request, reply, 'details', 'Your details', {
      resident: await details.myRecord(database, me),
      languageNames: Object.fromEntries(languages().map((l) => [l.code, l.name])),
      banner: typeof done === 'string' && DONE[done] ? translate(request.language, DONE[done]) : undefined,
    })
  })

  formPage({
    path: '/account/details/name',
    template: 'name',
    title: 'Change your name',
    fields: ['given_name', 'family_name'],
    current: async (_request, me) => {
      const r = await details.myRecord(database, me)
      return { given_name: r.given_name, family_name: r.family_name }
    },
    save: (_request, me, v) =>
      details.changeName(database, me, { given_name: v.given_name!, family_name: v.family_name! }),
    done: `${DETAILS}?done=name`,
  })

  formPage({
    path: '/account/details/phone',
    template: 'phone',
    title: 'Change your phone numbers',
    fields: ['phone', 'other_phone'],
    current: async (_request, me) => {
      const r = await details.myRecord(database, me)
      return { phone: r.phones[0] ?? '', other_phone: r.phones[1] ?? '' }
    },
    save: (_request, me, v) => details.changePhones(database, me, { phone: v.phone!, other_phone: v.other_phone! }),
    done: `${DETAILS}?done=phone`,
  })

  formPage({
    path: '/account/details/address',
    template: 'address',
    title: 'Change your address',
    fields: ['address_line_1', 'address_line_2', 'town', 'postcode'],
    current: async (_request, me) => {
      const a = (await details.myRecord(database, me)).addresses[0]
      return {
        address_line_1: a?.address_line_1,
        address_line_2: a?.address_line_2,
        town: a?.town,
        postcode: a?.postcode,
      }
    },
    save: (_request, me, v) =>
      details.changeAddress(database, me, {
        address_line_1: v.address_line_1!,
        address_line_2: v.address_line_2!,
        town: v.town!,
        postcode: v.postcode!,
      }),
    done: `${DETAILS}?done=address`,
  })

  formPage({
    path: '/account/contact',
    template: 'contact',
    title: 'How we contact you',
    fields: ['channel', 'offline_channel'],
    current: async (_request, me) => {
      const r = await details.myRecord(database, me)
      const offline = r.digital_status === 'offline_by_choice'
      return offline
        ? { channel: 'offline', offline_channel: r.preferred_channel }
        : { channel: r.preferred_channel, offline_channel: '' }
    },
    save: async (request, me, v) => {
      const account = await details.myAccount(contextFor(request, database, config), me)
      return details.changeContact(database, me, account.email, {
        channel: v.channel!,
        offline_channel: v.offline_channel!,
      })
    },
    done: `${DETAILS}?done=contact`,
  })

  formPage({
    path: '/account/accessibility',
    template: 'accessibility',
    title: 'Your accessibility needs',
    fields: ['needs'],
    current: async (_request, me) => ({ needs: (await details.myRecord(database, me)).accessibility_needs ?? '' }),
    save: (_request, me, v) => details.changeNeeds(database, me, v.needs!),
    done: `${DETAILS}?done=accessibility`,
  })

  const offered = () => languages().map((l) => l.code)
  app.get('/account/language', OWN_PAGE, async (request, reply) => {
    const me = meOf(request)
    if (me.residentId === null) return notJoined(request, reply)
    const r = await details.myRecord(database, me)
    return view(request, reply, 'language', 'Your language', {
      values: { language: r.language },
      languages: languages(),
    })
  })
  app.post('/account/language', OWN_FORM, async (request, reply) => {
    const me = meOf(request)
    if (me.residentId === null) return notJoined(request, reply)
    const language = field(request, 'language')
    const outcome = await details.changeLanguage(database, me, language, offered())
    // `?lang=` is how the language layer switches the pages and remembers the choice in its cookie.
    if (outcome.ok) return reply.redirect(`${DETAILS}?done=language&lang=${encodeURIComponent(language)}`, 303)
    const errors = translated(request, outcome.errors)
    return view(
      request,
      reply.code(400),
      'language',
      `${translate(request.language, 'Error')}: ${translate(request.language, 'Your language')}`,
      {
        values: { language },
        languages: languages(),
        errors,
        errorList: errorList(errors, ['language']),
      },
    )
  })

  app.get('/account/download', OWN_PAGE, async (request, reply) =>
    view(request, reply, 'download', 'Download your data'),
  )

  app.get('/account/download/my-data.json', OWN_PAGE, async (request, reply) => {
    const me = meOf(request)
    const data = await details.myData(database, me, await details.myAccount(contextFor(request, database, config), me))
    return reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="${details.myDataFile(data.made_at)}"`)
      .header('cache-control', 'no-store')
      .send(JSON.stringify(data, null, 2))
  })

  app.get('/account/download/my-data', OWN_PAGE, async (request, reply) => {
    const me = meOf(request)
    const data = await details.myData(database, me, await details.myAccount(contextFor(request, database, config), me))
    reply.header('cache-control', 'no-store')
    return view(request, reply, 'my-data', 'The information we hold about you', { data })
  })

  app.get('/account/close', OWN_PAGE, async (request, reply) =>
    view(request, reply, 'close', 'Close your account', { phone: request.council?.settings.branding.phone }),
  )
  app.post('/account/close', OWN_FORM, async (request, reply) => {
    const me = meOf(request)
    const outcome = await details.closeMyAccount(
      contextFor(request, database, config),
      me,
      field(request, 'confirm') === 'yes',
    )
    if (outcome.ok) return reply.clearSessionCookie().redirect('/account/closed', 303)
    const errors = translated(request, outcome.errors)
    return view(
      request,
      reply.code(400),
      'close',
      `${translate(request.language, 'Error')}: ${translate(request.language, 'Close your account')}`,
      {
        phone: request.council?.settings.branding.phone,
        errors,
        errorList: errorList(errors, ['confirm']),
      },
    )
  })

  app.get(
    '/account/closed',
    { config: { permission: 'public' as const }, schema: { hide: true } },
    async (request, reply) =>
      view(request, reply, 'closed', 'Your account is closed', { phone: request.council?.settings.branding.phone }),
  )
}
