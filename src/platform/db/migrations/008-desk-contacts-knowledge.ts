// The advisor's desk: why a contact was avoidable (not only that it was), the one-time token of the
// form that logged it so a double click logs one contact, and who wrote each knowledge article and
// when it is next due for review.
import { sql } from 'kysely'
import type { Migration } from 'kysely/migration'
import { AVOIDABLE_REASONS } from '../values.ts'
import type { AnyDb } from './columns.ts'

export function deskContactsKnowledgeMigration(): Migration {
  return {
    async up(db: AnyDb) {
      const reasons = sql.join(AVOIDABLE_REASONS.map((reason) => sql.lit(reason)))
      await db.schema
        .alterTable('contact')
        .addColumn('avoidable_reason', 'text', (col) =>
          col.check(sql`avoidable_reason is null or avoidable_reason in (${reasons})`),
        )
        .execute()
      await db.schema.alterTable('contact').addColumn('form_token', 'text').execute()
      // Nulls are distinct on both engines: only contacts logged through the desk's form are held to it.
      await db.schema
        .createIndex('contact_form_token_unique')
        .unique()
        .on('contact')
        .columns(['council_id', 'form_token'])
        .execute()
      await db.schema.alterTable('kb_article').addColumn('review_on', 'text').execute()
      await db.schema
        .alterTable('kb_article')
        .addColumn('created_by', 'integer', (col) => col.references('staff_user.id'))
        .execute()
      await db.schema
        .alterTable('kb_article')
        .addColumn('updated_by', 'integer', (col) => col.references('staff_user.id'))
        .execute()
      await db.schema.createIndex('kb_article_service').on('kb_article').columns(['council_id', 'service_id']).execute()
    },
  }
}
