// Creating an account: the form, and "check your email" whatever the address turned out to be.
import type { FastifyInstance } from 'fastify'
import type { FeatureOptions } from '../../platform/http/feature.ts'
import { contextFor, createAccount } from './service.ts'
import { PUBLIC_PAGE, errorList, field, publicForm, accountPage } from './pages.ts'

const FIELDS = ['given_name', 'family_name', 'email', 'password', 'confirm'] as const

export async function createRoutes(app: FastifyInstance, { database, config }: FeatureOptions): Promise<void> {
  app.get('/account/create', PUBLIC_PAGE, async (request, reply) => {
    return reply.view(
      'account/create.njk',
      accountPage(request, { council: request.council, pageTitle: 'Create an account' }),
    )
  })

  // Five new accounts in ten minutes from one address is more than any household needs.
  app.post('/account/create', publicForm(5), async (request, reply) => {
    const ctx = contextFor(request, database, config)
    const input = {
      givenName: field(request, 'given_name'),
      familyName: field(request, 'family_name'),
      email: field(request, 'email'),
      password: field(request, 'password'),
      confirm: field(request, 'confirm'),
    }
    const result = await createAccount(ctx, input)
    if (!result.ok) {
      const values = { given_name: input.givenName, family_name: input.familyName, email: input.email }
      return reply.code(400).view(
        'account/create.njk',
        accountPage(request, {
          council: request.council,
          pageTitle: 'Error: Create an account',
          values,
          errors: result.errors,
          errorList: errorList(result.errors, FIELDS),
        }),
      )
    }
    return reply.view(
      'account/check-email.njk',
      accountPage(request, {
        council: request.council,
        pageTitle: 'Check your email',
        email: result.email,
      }),
    )
  })
}
