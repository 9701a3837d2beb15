// Knowledge articles: Kysely queries only.
import { sql } from 'kysely'
import type { Insertable, Selectable, Updateable } from 'kysely'
import type { KbArticleTable, Queryable } from '../../platform/db/schema.ts'

export type ArticleRow = Selectable<KbArticleTable>
export type ArticleListing = Pick<ArticleRow, 'slug' | 'title' | 'service_id' | 'review_on' | 'audience'>

const LIMIT = 200

/** `%` and `_` typed by someone searching are letters, not wildcards. */
function likePattern(words: string): string {
  return `%${words.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

const MAX_WORDS = 8

function wordsOf(words: string | undefined): string[] {
  return (words ?? '').split(/\s+/).filter(Boolean).slice(0, MAX_WORDS)
}

export async function listArticles(
  db: Queryable,
  councilId: number,
  filter: { words?: string; serviceId?: number },
): Promise<ArticleListing[]> {
  let query = db
    .selectFrom('kb_article')
    .select(['slug', 'title', 'service_id', 'review_on', 'audience'])
    .where('council_id', '=', councilId)
  if (filter.serviceId !== undefined) query = query.where('service_id', '=', filter.serviceId)
  // Every word typed must be in the title or the text, in any order: "bin missed" finds "Missed bins".
  for (const word of wordsOf(filter.words)) {
    const pattern = likePattern(word)
    query = query.where(
      sql<boolean>`(lower(title) like ${pattern} escape '\\' or lower(body) like ${pattern} escape '\\')`,
    )
  }
  return query.orderBy('title').orderBy('id').limit(LIMIT).execute()
}

export async function findArticle(db: Queryable, councilId: number, slug: string): Promise<ArticleRow | undefined> {
  return db
    .selectFrom('kb_article')
    .selectAll()
    .where('council_id', '=', councilId)
    .where('slug', '=', slug)
    .executeTakeFirst()
}

export async function slugsLike(db: Queryable, councilId: number, base: string): Promise<string[]> {
  const rows = await db
    .selectFrom('kb_article')
    .select('slug')
    .where('council_id', '=', councilId)
    .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]))
    .execute()
  return rows.map((row) => row.slug)
}

export async function insertArticle(db: Queryable, row: Insertable<KbArticleTable>): Promise<number> {
  return (await db.insertInto('kb_article').values(row).returning('id').executeTakeFirstOrThrow()).id
}

export async function updateArticle(
  db: Queryable,
  councilId: number,
  id: number,
  changes: Updateable<KbArticleTable>,
): Promise<void> {
  await db.updateTable('kb_article').set(changes).where('council_id', '=', councilId).where('id', '=', id).execute()
}
