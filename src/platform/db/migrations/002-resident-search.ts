// The one search box over residents. Engine-specific by necessity: SQLite uses an FTS5 table with
// the trigram tokenizer, PostgreSQL a pg_trgm GIN index. Both match any three-letter fragment,
// case-insensitively, so "smi", "SMITH" and "b12 3" all find what a person would expect.
import { sql } from 'kysely'
import type { Migration } from 'kysely/migration'
import type { Engine } from '../../../config.ts'

export function residentSearchMigration(engine: Engine): Migration {
  return {
    async up(db) {
      if (engine === 'postgres') {
        await sql`create extension if not exists pg_trgm`.execute(db)
        await sql`create index resident_search_trgm on resident using gin (search_text gin_trgm_ops)`.execute(db)
        return
      }
      await sql`create virtual table resident_search using fts5(search_text, content='resident', content_rowid='id', tokenize='trigram')`.execute(
        db,
      )
      await sql`create trigger resident_search_insert after insert on resident begin
        insert into resident_search(rowid, search_text) values (new.id, new.search_text);
      end`.execute(db)
      await sql`create trigger resident_search_delete after delete on resident begin
        insert into resident_search(resident_search, rowid, search_text) values ('delete', old.id, old.search_text);
      end`.execute(db)
      await sql`create trigger resident_search_update after update of search_text on resident begin
        insert into resident_search(resident_search, rowid, search_text) values ('delete', old.id, old.search_text);
        insert into resident_search(rowid, search_text) values (new.id, new.search_text);
      end`.execute(db)
    },
  }
}
