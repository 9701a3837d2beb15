import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { decodeCursor, encodeCursor, pageOf } from './pagination.ts'
import { Problem } from './problem.ts'

type Key = { created_at: string; id: number }

describe('cursor pagination', () => {
  it('reads back the cursor it gave out', () => {
    const cursor = encodeCursor({ created_at: '2026-01-02T03:04:05.000Z', id: 42 })
    assert.match(cursor, /^[\w-]+$/, 'safe in a query string without escaping')
    assert.deepEqual(decodeCursor<Key>(cursor, ['created_at', 'id']), {
      created_at: '2026-01-02T03:04:05.000Z',
      id: 42,
    })
  })

  it('has no cursor when none is sent', () => {
    assert.equal(decodeCursor<Key>(undefined, ['created_at', 'id']), undefined)
  })

  it('refuses a cursor it never gave out as the client’s mistake, naming the parameter', () => {
    const wrongShape = encodeCursor({ id: 1 })
    // Forged values of the wrong type: PostgreSQL would fail on them as a server error.
    const wrongTypes = [
      { created_at: 'x', id: 'abc' },
      { created_at: 'x', id: 1.5 },
      { created_at: { a: 1 }, id: 1 },
      { created_at: null, id: 1 },
    ].map((c) => Buffer.from(JSON.stringify(c)).toString('base64url'))
    for (const raw of [
      'nonsense',
      '',
      wrongShape,
      ...wrongTypes,
      Buffer.from('null').toString('base64url'),
      Buffer.from('"text"').toString('base64url'),
    ]) {
      assert.throws(
        () => decodeCursor<Key>(raw, ['created_at', 'id']),
        (error: unknown) =>
          error instanceof Problem && error.status === 400 && error.errors?.[0]?.name === 'querystring.cursor',
        JSON.stringify(raw),
      )
    }
  })

  it('trims the extra row and points the next cursor at the last row kept', () => {
    const rows = [1, 2, 3].map((id) => ({ id, created_at: `2026-01-0${id}` }))
    const page = pageOf(rows, 2, (row) => ({ created_at: row.created_at, id: row.id }))
    assert.deepEqual(
      page.items.map((r) => r.id),
      [1, 2],
    )
    assert.deepEqual(decodeCursor<Key>(page.next_cursor ?? undefined, ['created_at', 'id']), {
      created_at: '2026-01-02',
      id: 2,
    })
  })

  it('gives no next cursor on the last page', () => {
    assert.equal(pageOf([{ id: 1 }, { id: 2 }], 2, (row) => ({ id: row.id })).next_cursor, null)
    assert.deepEqual(
      pageOf([], 50, () => ({})),
      { items: [], next_cursor: null },
    )
  })
})
