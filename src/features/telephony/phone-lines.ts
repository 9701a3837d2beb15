// The phone lines as a resident would find them now: closed (by the council's hours, its closure
// days and bank holidays), open but busy enough that a call back is offered, or open and quiet.
// One reading for the call-back page and for the service pages that give the council's number.
import type { Database } from '../../platform/db/database.ts'
import type { CouncilSettings } from '../../platform/council/settings.ts'
import { closedDays } from './callbacks.ts'
import { expectedWait } from './queue-wait.ts'
import type { QueueWait } from './queue-wait.ts'
import { nextOpening } from './windows.ts'

export type Lines = 'quiet' | 'busy' | 'closed'

export type LinesNow = {
  lines: Lines
  wait: QueueWait
  /** When the lines next open (now, if open), or undefined when the hours never open. */
  opening: ReturnType<typeof nextOpening>
  /** The council's closure days and bank holidays, for the windows a call back may be promised in. */
  closed: ReadonlySet<string>
}

export async function phoneLinesNow(
  database: Database,
  council: { id: number; settings: CouncilSettings },
  nowMs = Date.now(),
): Promise<LinesNow> {
  const closed = await closedDays(database.db, council)
  const opening = nextOpening(council.settings.workingHours, nowMs, closed)
  const wait = await expectedWait(database, council, council.settings.callBackQueue, nowMs)
  const lines: Lines = !opening?.openNow ? 'closed' : wait.offerCallBack ? 'busy' : 'quiet'
  return { lines, wait, opening, closed }
}
