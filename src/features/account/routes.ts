// Resident e-account pages under /account: create an account, confirm its email, sign in and
// out, reset a forgotten password, and change the password or email of one's own account.
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import type { FeatureOptions } from '../../platform/http/feature.ts'
import { addTemplateDirectory } from '../../platform/views/views.ts'
import { createRoutes } from './create-routes.ts'
import { verifyRoutes } from './verify-routes.ts'
import { signInRoutes } from './sign-in-routes.ts'
import { passwordRoutes } from './password-routes.ts'
import { settingsRoutes } from './settings-routes.ts'

addTemplateDirectory(join(dirname(fileURLToPath(import.meta.url)), 'views'))

export async function accountPages(app: FastifyInstance, options: FeatureOptions): Promise<void> {
  for (const routes of [createRoutes, verifyRoutes, signInRoutes, passwordRoutes, settingsRoutes])
    await routes(app, options)
}
