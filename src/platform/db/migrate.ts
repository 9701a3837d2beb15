// Runs the migrations in order. They live in code rather than being found on disk, so the
// engine can be handed to the few that differ between SQLite and PostgreSQL.
import { Migrator } from 'kysely/migration'
import type { Migration, MigrationProvider } from 'kysely/migration'
import type { Engine } from '../../config.ts'
import { domainMigration } from './migrations/001-domain.ts'
import { residentSearchMigration } from './migrations/002-resident-search.ts'
import { signInMigration } from './migrations/003-sign-in.ts'
import { accountNamesMigration } from './migrations/004-account-names.ts'
import { notificationClaimsMigration } from './migrations/005-notification-claims.ts'
import { linkedCasesMigration } from './migrations/006-linked-cases.ts'
import { reopenPeriodMigration } from './migrations/007-reopen-period.ts'
import { deskContactsKnowledgeMigration } from './migrations/008-desk-contacts-knowledge.ts'
import { residentChangesMigration } from './migrations/009-resident-changes.ts'
import { addressUprnMigration } from './migrations/010-address-uprn.ts'
import { open311Migration } from './migrations/013-open311.ts'
import { openDataMigration } from './migrations/014-open-data.ts'
import { figureRollupsMigration } from './migrations/015-figure-rollups.ts'
import { telephonyMigration } from './migrations/016-telephony.ts'
import { deskFinishMigration } from './migrations/012-desk-finish.ts'
import { selfServiceMigration } from './migrations/017-self-service.ts'
import { messagesMigration } from './migrations/019-messages.ts'
import { callHourRollupMigration } from './migrations/020-call-hour-rollup.ts'
import { periodIndexesMigration } from './migrations/022-period-indexes.ts'
import { figureMonthsMigration } from './migrations/023-figure-months.ts'
import { figuresGenerationMigration } from './migrations/024-figures-generation.ts'
import { figuresYearGenerationMigration } from './migrations/025-figures-year-generation.ts'
import { rollupsInKeyOrderMigration } from './migrations/026-rollups-in-key-order.ts'
import { caseMonthRollupMigration } from './migrations/027-case-month-rollup.ts'
import { mergedResidentCountsMigration } from './migrations/028-merged-resident-counts.ts'
import { callContactIndexMigration } from './migrations/029-call-contact-index.ts'
import { callAnswerMillisecondsMigration } from './migrations/030-call-answer-milliseconds.ts'
import { callBackLanguageMigration } from './migrations/031-call-back-language.ts'
import { answersBeforeOffersMigration } from './migrations/032-answers-before-offers.ts'
import type { Database } from './database.ts'
import { connectionProblem } from './errors.ts'

function migrations(engine: Engine): Record<string, Migration> {
  return {
    '001-domain': domainMigration(engine),
    '002-resident-search': residentSearchMigration(engine),
    '003-sign-in': signInMigration(engine),
    '004-account-names': accountNamesMigration(),
    '005-notification-claims': notificationClaimsMigration(engine),
    '006-linked-cases': linkedCasesMigration(engine),
    '007-reopen-period': reopenPeriodMigration(),
    '008-desk-contacts-knowledge': deskContactsKnowledgeMigration(),
    '009-resident-changes': residentChangesMigration(engine),
    '010-address-uprn': addressUprnMigration(),
    '012-desk-finish': deskFinishMigration(),
    '013-open311': open311Migration(engine),
    '014-open-data': openDataMigration(),
    '015-figure-rollups': figureRollupsMigration(),
    '016-telephony': telephonyMigration(engine),
    '017-self-service': selfServiceMigration(engine),
    '019-messages': messagesMigration(engine),
    '020-call-hour-rollup': callHourRollupMigration(),
    '022-period-indexes': periodIndexesMigration(),
    '023-figure-months': figureMonthsMigration(engine),
    '024-figures-generation': figuresGenerationMigration(engine),
    '025-figures-year-generation': figuresYearGenerationMigration(),
    '026-rollups-in-key-order': rollupsInKeyOrderMigration(engine),
    '027-case-month-rollup': caseMonthRollupMigration(engine),
    '028-merged-resident-counts': mergedResidentCountsMigration(),
    '029-call-contact-index': callContactIndexMigration(),
    '030-call-answer-milliseconds': callAnswerMillisecondsMigration(),
    '031-call-back-language': callBackLanguageMigration(),
    '032-answers-before-offers': answersBeforeOffersMigration(),
  }
}

export type MigrationReport = { applied: string[] }

/** The database could not be reached, so no migration was tried: a setting to fix, not a broken migration. */
export class DatabaseUnreachableError extends Error {
  constructor(problem: string, options: { cause: unknown }) {
    super(problem, options)
    this.name = 'DatabaseUnreachableError'
  }
}

/**
 * `unordered` also runs migrations numbered below the last one run (merged from another branch
 * later): only for copies of data kept from such a branch, such as the benchmarks' data.
 */
export async function migrateToLatest(
  database: Database,
  options: { unordered?: boolean } = {},
): Promise<MigrationReport> {
  const provider: MigrationProvider = { getMigrations: async () => migrations(database.engine) }
  const migrator = new Migrator({ db: database.db, provider, allowUnorderedMigrations: options.unordered === true })
  const { error, results } = await migrator.migrateToLatest()
  if (error) {
    const unreachable = connectionProblem(error)
    if (unreachable !== undefined) throw new DatabaseUnreachableError(unreachable, { cause: error })
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown'
    throw new Error(`migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    })
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) }
}
