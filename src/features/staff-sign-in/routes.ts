// Staff sign-in pages: email and password, a new password when the one given was temporary, an
// authenticator app (enrolled the first time, with recovery codes), then the staff home and
// signing out. The step pages are public routes that check the session's stage themselves: the
// guard lets nobody without a finished sign-in reach anything else under /staff.
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import type { FeatureOptions } from '../../platform/http/feature.ts'
import { addTemplateDirectory } from '../../platform/views/views.ts'
import { secretBox } from './secret-box.ts'
import type { SignInDeps } from './service.ts'
import { prepareDummyHash } from './service.ts'
import { passwordRoutes } from './password-routes.ts'
import { factorRoutes } from './factor-routes.ts'
import { homeRoutes } from './home-routes.ts'

addTemplateDirectory(join(dirname(fileURLToPath(import.meta.url)), 'views'))

export async function staffSignInPages(app: FastifyInstance, options: FeatureOptions): Promise<void> {
  const deps: SignInDeps = {
    database: options.database,
    box: secretBox(options.config.sessionSecret),
    publicUrl: options.config.publicUrl,
    oidcLabel: options.config.oidc.staff?.label,
  }
  prepareDummyHash()
  await passwordRoutes(app, deps)
  await factorRoutes(app, deps)
  await homeRoutes(app, deps)
}
