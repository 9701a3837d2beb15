// Stored XSS in a real browser: hostile text in a resident's name and a public note runs nothing
// when the resident opens their request, and shows as the text that was typed.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { startHarness } from '../support/browser.ts'
import type { Harness } from '../support/browser.ts'
import { signIn } from '../support/signed-in.ts'
import { addAccount } from '../support/accounts.ts'
import { addCaseNote, createCase } from '../../src/features/cases/service.ts'
import { findServiceByOpen311Code } from '../../src/features/catalogue/service.ts'
import { addResident, systemActor } from '../support/fixtures.ts'

const NOTE = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'

describe('stored XSS in a browser', () => {
  let h: Harness
  let accountId: number
  let reference: string

  before(async () => {
    h = await startHarness()
    const actor = systemActor(h.councilId)
    const service = await findServiceByOpen311Code(h.database, h.councilId, 'missed-bin')
    assert.ok(service)
    const residentId = await addResident(h.database, h.councilId)
    const made = await createCase(h.database, actor, h.councilId, {
      service_id: service.id,
      resident_id: residentId,
      channel: 'web',
      created_by: 'resident',
      description: NOTE,
    })
    reference = made.reference
    await addCaseNote(h.database, actor, h.councilId, made.id, { body: NOTE, visibility: 'public' })
    accountId = (await addAccount(h.database, h.councilId, residentId)).id
    await h.database.db
      .updateTable('e_account')
      .set({ given_name: NOTE, family_name: NOTE })
      .where('id', '=', accountId)
      .execute()
  })
  after(() => h?.close())

  it('runs no script from a public note or a name, and shows them as typed', async () => {
    const { page, context } = await h.newPage()
    await signIn(h, context, { kind: 'resident', id: accountId })
    const dialogs: string[] = []
    page.on('dialog', (dialog) => void dialogs.push(dialog.message()))
    for (const url of [`/account/requests/${reference}`, '/account']) {
      assert.equal((await page.goto(url, { waitUntil: 'load' }))?.status(), 200, url)
      assert.equal(await page.evaluate('typeof window.__xss'), 'undefined', url)
      assert.equal(await page.locator('main img[src="x"]').count(), 0, url)
    }
    await page.goto(`/account/requests/${reference}`)
    assert.ok(((await page.locator('main').textContent()) ?? '').includes(NOTE), 'the note reads as typed')
    assert.deepEqual(dialogs, [])
    await context.close()
  })
})
