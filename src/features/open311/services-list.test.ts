// services.json is kept between requests while the catalogue stands still: a change to the
// catalogue, made anywhere, must show in the very next answer.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ENGINES } from '../../../test/support/databases.ts'
import { answerOf, open311App } from '../../../test/open311/support.ts'
import type { Open311App } from '../../../test/open311/support.ts'
import { systemActor } from '../../../test/support/fixtures.ts'
import { createService, listActiveServices, updateService } from '../catalogue/service.ts'

type Row = Record<string, unknown>

for (const engine of ENGINES) {
  describe(`Open311 services.json after a catalogue change (${engine})`, () => {
    let t: Open311App

    before(async () => {
      t = await open311App(engine)
    })
    after(() => t.close())

    const names = async () =>
      ((await answerOf(await t.get('/open311/v2/services.json'), 'json')) as Row[]).map((s) => s.service_name).sort()

    it('shows a new service, a renamed one and a withdrawn one at once', async () => {
      const actor = systemActor(t.councilId)
      assert.deepEqual(await names(), ['Book a bulky waste collection', 'Report a pothole'])
      assert.deepEqual(await names(), ['Book a bulky waste collection', 'Report a pothole'])

      const pothole = (await listActiveServices(t.database, t.councilId)).find((s) => s.open311_code === 'pothole')!
      await updateService(t.database, actor, t.councilId, pothole.id, { name: 'Report a pothole or sunken kerb' })
      assert.deepEqual(await names(), ['Book a bulky waste collection', 'Report a pothole or sunken kerb'])

      await createService(t.database, actor, t.councilId, {
        name: 'Report graffiti',
        open311_code: 'graffiti',
        team_id: pothole.team_id!,
        target_hours: 72,
        offline_route: 'Phone 01632 960 003',
      })
      assert.deepEqual(await names(), [
        'Book a bulky waste collection',
        'Report a pothole or sunken kerb',
        'Report graffiti',
      ])

      await updateService(t.database, actor, t.councilId, pothole.id, { active: false })
      assert.deepEqual(await names(), ['Book a bulky waste collection', 'Report graffiti'])
    })
  })
}
