// A change to one past day counted against its own year, not the council's every closed period:
// an import of last year's phone records then leaves the years before it kept, so a dashboard that
// compares with them and charts eleven years reads one year again rather than all of them (see
// docs/decisions.md, "A figures generation per year"). Changes that reach every year (a merge, an
// e-account verified, a service put online, a rebuild) still move `figures_generation`.
import type { Migration } from 'kysely/migration'
import type { AnyDb } from './columns.ts'

export function figuresYearGenerationMigration(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('figures_year_generation')
        .addColumn('council_id', 'integer', (col) => col.notNull().references('council.id'))
        .addColumn('year', 'text', (col) => col.notNull())
        .addColumn('generation', 'integer', (col) => col.notNull())
        .addPrimaryKeyConstraint('figures_year_generation_pk', ['council_id', 'year'])
        .execute()
    },
  }
}
