// The telephony feature's one public entry: call records (imported and from the platform's signed
// events), queue waits, call backs, and an advisor's contact linked to the call it answered.
export { callerNumberHash, normalisedNumber } from './keys.ts'
export { emailsNotOfStaff, importCallBatch, keepCallFiguresInStep, linkCallToContact, callsToLink } from './calls.ts'
export type { ImportedCall, CallBatchResult, CallEvent, CallEventType } from './calls.ts'
export { CALL_EVENT_TYPES, QUEUE_NAME_MAX, QUEUE_NAME_PATTERN, callTimesOutOfOrder, queueNameProblem } from './calls.ts'
export { newPlatformSecret, verifySigned, receiveCallEvent } from './platform.ts'
export { bookIvrCallBack } from './ivr-call-backs.ts'
export type { BookedCallBack, IvrCallBack } from './ivr-call-backs.ts'
export { expectedWait } from './queue-wait.ts'
export { phoneLinesNow } from './phone-lines.ts'
export type { Lines } from './phone-lines.ts'
export type { QueueWait } from './queue-wait.ts'
export {
  requestCallBack,
  callBackAboutCase,
  addRequestedCallBacks,
  listCallBacks,
  claimCallBack,
  recordAttempt,
  claimedCallBack,
  callBackHolder,
  MAX_ATTEMPTS,
  ATTEMPT_OUTCOMES,
  CALL_BACK_SORTS,
} from './callbacks.ts'
export type { AttemptOutcome, CallBackItem, CallBackSort, RequestedCallBack } from './callbacks.ts'
export { CALL_BACK_WINDOWS, nextWindow } from './windows.ts'
export type { CallBackWindow } from './windows.ts'
