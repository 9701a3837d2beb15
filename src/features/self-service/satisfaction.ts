// The GOV.UK satisfaction question, asked twice in a request's life: once after sending it and once
// when it is resolved. Each answer is tied to the case and to no person, counted once per case and
// stage, and added to the figures' survey rollup in the same transaction as the answer itself.
import type { Database } from '../../platform/db/database.ts'
import { nowIso } from '../../platform/db/database.ts'
import type { Queryable } from '../../platform/db/schema.ts'
import type { Channel } from '../../platform/db/values.ts'
import { caseToRate } from '../cases/service.ts'
import { rollupSurveyResponses } from '../metrics/service.ts'
import * as repo from './repo.ts'

export const SCORES = [5, 4, 3, 2, 1] as const

/** The longest comment kept, as the question's hint promises. */
export const COMMENT_MAX = 1200

type Answer = { score: number; comment: string }
type AboutCase = { id: number; serviceId: number; channel: Channel }

/** Why a rating link cannot be answered: no resolved case by that reference, or answered already. */
export type RatingRefusal = 'not-to-rate' | 'answered'

async function writeAnswer(trx: Queryable, councilId: number, about: AboutCase, answer: Answer): Promise<void> {
  const createdAt = nowIso()
  await repo.insertSurveyResponse(trx, {
    council_id: councilId,
    case_id: about.id,
    score: answer.score,
    comment: answer.comment === '' ? null : answer.comment.slice(0, COMMENT_MAX),
    created_at: createdAt,
  })
  await rollupSurveyResponses(trx, councilId, {
    added: [{ created_at: createdAt, score: answer.score, channel: about.channel, service_id: about.serviceId }],
  })
}

/** The question after sending: once per request, 1 to 5, an optional comment. */
export async function recordSatisfaction(
  database: Database,
  councilId: number,
  sent: { id: number; serviceId: number },
  answer: Answer,
): Promise<void> {
  await database.db.transaction().execute(async (trx) => {
    if (await repo.surveyAnswered(trx, councilId, sent.id)) return
    // A request sent through these pages is a web request.
    await writeAnswer(trx, councilId, { id: sent.id, serviceId: sent.serviceId, channel: 'web' }, answer)
  })
}

/**
 * Whether the link in a "your request is resolved" message may still be answered. An unknown,
 * mistyped or unfinished reference are one refusal, so the link tells nobody which cases exist.
 */
export async function mayRateFinishedRequest(
  database: Database,
  councilId: number,
  reference: string,
): Promise<RatingRefusal | undefined> {
  const found = await caseToRate(database, councilId, reference)
  if (!found) return 'not-to-rate'
  return (await repo.surveyAnsweredSince(database.db, councilId, found.id, found.finishedAt)) ? 'answered' : undefined
}

/** The question when the request is resolved: once per resolution, whoever holds the reference. */
export async function rateFinishedRequest(
  database: Database,
  councilId: number,
  reference: string,
  answer: Answer,
): Promise<RatingRefusal | undefined> {
  const found = await caseToRate(database, councilId, reference)
  if (!found) return 'not-to-rate'
  return database.db.transaction().execute(async (trx) => {
    // Checked again as it is written, in case it was answered while the page was open.
    if (await repo.surveyAnsweredSince(trx, councilId, found.id, found.finishedAt)) return 'answered'
    await writeAnswer(trx, councilId, found, answer)
    return undefined
  })
}
