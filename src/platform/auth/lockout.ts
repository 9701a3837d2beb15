// What repeated wrong passwords do to an account (staff or e-account alike): from the third
// failure each further attempt is slowed, and the fifth locks the account for 15 minutes and
// tells its owner by email. The counts live on the account row, so every app process agrees.
const SLOW_AFTER = 3
export const LOCK_AFTER = 5
export const LOCK_MINUTES = 15
const DELAY_STEP_MS = 500

export type AfterFailure = {
  failedSignIns: number
  lockedUntil: string | null
  /** True only for the failure that locked the account: the owner is told once. */
  justLocked: boolean
  /** How long to hold the answer back, so guessing gets slower before it stops. */
  delayMs: number
}

export function isLocked(lockedUntil: string | null, now = new Date()): boolean {
  return lockedUntil !== null && new Date(lockedUntil).getTime() > now.getTime()
}

export function afterFailure(failedSignIns: number, now = new Date()): AfterFailure {
  const failed = failedSignIns + 1
  if (failed >= LOCK_AFTER) {
    // The count starts again after the lock, so the next five attempts are slowed and locked again.
    return {
      failedSignIns: 0,
      lockedUntil: new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString(),
      justLocked: true,
      delayMs: DELAY_STEP_MS * (LOCK_AFTER - SLOW_AFTER + 1),
    }
  }
  const delayMs = failed >= SLOW_AFTER ? DELAY_STEP_MS * (failed - SLOW_AFTER + 1) : 0
  return { failedSignIns: failed, lockedUntil: null, justLocked: false, delayMs }
}

export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
