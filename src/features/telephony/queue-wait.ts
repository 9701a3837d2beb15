// The expected wait in a phone queue, for an IVR to announce and the website to decide on offering
// a call back. It is the longer of two readings of the last half hour: the median time to answer
// of calls answered in it, and how long the caller waiting longest has waited so far. The first
// is steady; the second rises at once when the queue backs up and nobody is being answered.
// Neither reading counts a wait longer than any real caller would hold on for: such a call is one
// whose answered or abandoned event was lost, and would otherwise stall the queue's wait for good.
import type { Database } from '../../platform/db/database.ts'
import { parseCouncilSettings } from '../../platform/council/settings.ts'
import type { CouncilSettings } from '../../platform/council/settings.ts'
import * as repo from './repo.ts'

export const RECENT_MINUTES = 30
/** Longer than any caller holds on: the longest waits seen are under an hour; four leaves room. */
export const LONGEST_REAL_WAIT_HOURS = 4

export type QueueWait = {
  queue: string
  expectedWaitSeconds: number
  offerCallBack: boolean
  callBackThresholdSeconds: number
  /** Calls answered in the window the wait was read from. */
  answeredRecently: number
  waitingNow: boolean
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}

export async function expectedWait(
  database: Database,
  council: { id: number; settings: CouncilSettings | string },
  queue: string,
  nowMs = Date.now(),
): Promise<QueueWait> {
  const settings = typeof council.settings === 'string' ? parseCouncilSettings(council.settings) : council.settings
  const since = new Date(nowMs - RECENT_MINUTES * 60_000).toISOString()
  const longestWaitMs = LONGEST_REAL_WAIT_HOURS * 3_600_000
  const sample = await repo.queueSample(database.db, council.id, queue, {
    answeredSince: since,
    offeredSince: new Date(nowMs - RECENT_MINUTES * 60_000 - longestWaitMs).toISOString(),
    waitingSince: new Date(nowMs - longestWaitMs).toISOString(),
    longestWaitSeconds: longestWaitMs / 1000,
  })
  const longestWaiting = sample.oldestWaitingSince === null ? 0 : (nowMs - Date.parse(sample.oldestWaitingSince)) / 1000
  const expectedWaitSeconds = Math.max(0, Math.round(Math.max(median(sample.answerSeconds), longestWaiting)))
  return {
    queue,
    expectedWaitSeconds,
    offerCallBack: expectedWaitSeconds >= settings.callBackThresholdSeconds,
    callBackThresholdSeconds: settings.callBackThresholdSeconds,
    answeredRecently: sample.answerSeconds.length,
    waitingNow: sample.oldestWaitingSince !== null,
  }
}
