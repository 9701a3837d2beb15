import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { clientHolds } from './conditional.ts'

describe('conditional reads', () => {
  const tag = 'W/"abc123"'

  it('knows a client holds the answer when it names the tag, weak or strong, alone, in a list or as *', () => {
    for (const header of ['W/"abc123"', '"abc123"', '"old", W/"abc123"', 'W/"x",W/"abc123"', '*'])
      assert.equal(clientHolds(header, tag), true, header)
  })

  it('sends the answer again for another tag, a tag only part the same, nothing, or nonsense', () => {
    for (const header of [undefined, '', 'W/"abc12"', '"abc1234"', 'abc123', 'W/abc123', '"ABC123"'])
      assert.equal(clientHolds(header, tag), false, String(header))
  })
})
