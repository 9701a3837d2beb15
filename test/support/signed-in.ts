// Signing a browser context in without the sign-in pages: a session made straight in the
// database, its cookie handed to the browser as the server would have set it.
import type { BrowserContext } from 'playwright-core'
import type { Harness } from './browser.ts'
import { sessionCookie } from './accounts.ts'

export async function signIn(
  h: Harness,
  context: BrowserContext,
  subject: { kind: 'staff' | 'resident'; id: number },
): Promise<void> {
  const [name, value] = (await sessionCookie(h.database, h.councilId, subject)).split('=') as [string, string]
  await context.addCookies([{ name, value, url: h.baseUrl }])
}
