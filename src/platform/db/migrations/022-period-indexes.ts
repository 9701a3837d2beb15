// Two reads of a period that a large council made slow (measured by `npm run bench -- metrics` and
// `-- open311`, see docs/performance.md):
// - the figures count the residents in contact over a period (a whole year for the metrics API):
//   with the resident beside the time in the index that finds a period's contacts, that count
//   reads the index alone instead of a million contact rows. It replaces the index it extends,
//   which every other reader of contacts by period uses as before, so a contact write still
//   updates one index for it;
// - Open311 lists a service's requests newest first: without an index by service it walked every
//   case of the last 90 days to find the few of a rarely used service.
import type { Migration } from 'kysely/migration'
import type { AnyDb } from './columns.ts'

export function periodIndexesMigration(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createIndex('contact_council_started_resident')
        .on('contact')
        .columns(['council_id', 'started_at', 'resident_id'])
        .execute()
      await db.schema.dropIndex('contact_council_started').execute()
      await db.schema
        .createIndex('case_council_service_created')
        .on('case')
        .columns(['council_id', 'service_id', 'created_at'])
        .execute()
    },
  }
}
