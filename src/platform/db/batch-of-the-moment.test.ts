import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { BatchOfTheMoment } from './batch-of-the-moment.ts'

describe('a batch of the moment', () => {
  it('hands the items of one moment over together and gives each caller its own outcome', async () => {
    const batches: number[][] = []
    const batcher = new BatchOfTheMoment(async (items: readonly number[]) => {
      batches.push([...items])
      return items.map((n) =>
        n % 2 === 0 ? { ok: true as const, value: n * 10 } : { ok: false as const, error: new Error(`odd ${n}`) },
      )
    }, 100)
    const results = await Promise.allSettled([1, 2, 3, 4].map((n) => batcher.add(n)))
    assert.deepEqual(batches, [[1, 2, 3, 4]])
    assert.deepEqual(
      results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message)),
      ['odd 1', 20, 'odd 3', 40],
    )
  })

  it('keeps what arrives during a batch for the next, and never hands over more than its limit', async () => {
    const batches: number[][] = []
    const batcher = new BatchOfTheMoment(async (items: readonly number[]) => {
      batches.push([...items])
      await new Promise((resolve) => setTimeout(resolve, 5))
      return items.map((n) => ({ ok: true as const, value: n }))
    }, 3)
    const first = [1, 2, 3, 4].map((n) => batcher.add(n))
    await new Promise((resolve) => setTimeout(resolve, 1))
    const later = batcher.add(5)
    assert.deepEqual(await Promise.all([...first, later]), [1, 2, 3, 4, 5])
    assert.deepEqual(batches, [
      [1, 2, 3],
      [4, 5],
    ])
  })

  it('fails every item of a batch whose handler throws, and carries on with the next', async () => {
    let calls = 0
    const batcher = new BatchOfTheMoment(async (items: readonly string[]) => {
      calls++
      if (calls === 1) throw new Error('the disk is full')
      return items.map((item) => ({ ok: true as const, value: item }))
    }, 10)
    const failed = await Promise.allSettled([batcher.add('a'), batcher.add('b')])
    assert.deepEqual(
      failed.map((r) => r.status === 'rejected' && (r.reason as Error).message),
      ['the disk is full', 'the disk is full'],
    )
    assert.equal(await batcher.add('c'), 'c')
  })
})
