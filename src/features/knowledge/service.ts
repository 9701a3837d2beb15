// The knowledge base: articles per service that help an advisor resolve a contact at the first
// attempt. Advisors and up read them; team leaders write them, each with a date by which someone
// must check it is still right. Articles hold no personal data, so reading one is not audited;
// every change is, as every change to the council's setup is.
import type { Database } from '../../platform/db/database.ts'
import type { Actor } from '../../platform/audit/audit.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { inTransaction } from '../../platform/db/transaction.ts'
import type { FieldError } from '../../platform/http/problem.ts'
import { notFound } from '../../platform/http/problem.ts'
import { KB_AUDIENCES } from '../../platform/db/values.ts'
import type { KbAudience } from '../../platform/db/values.ts'
import { getService, listActiveServices, slugify } from '../catalogue/service.ts'
import { renderMarkdown } from './markdown.ts'
import * as repo from './repo.ts'
import type { ArticleListing, ArticleRow } from './repo.ts'

export { renderMarkdown } from './markdown.ts'

export const MAX_TITLE_LENGTH = 200
export const MAX_BODY_LENGTH = 50_000

/** An article in a list: enough to choose it, and whether its review is overdue. */
export type ArticleSummary = ArticleListing & { serviceName: string | null; reviewOverdue: boolean }
export type Article = ArticleRow & { serviceName: string | null; reviewOverdue: boolean; html: string }

/** What the article form sends, as typed. */
export type ArticleForm = {
  title: string
  serviceId: string
  audience: string
  body: string
  reviewOn: { day: string; month: string; year: string }
}

export type ArticleResult = { ok: true; slug: string } | { ok: false; errors: FieldError[] }

/** Today in the council's time zone as YYYY-MM-DD, which is how review dates compare. */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
}

function overdue(reviewOn: string | null, today: string): boolean {
  return reviewOn !== null && reviewOn < today
}

async function serviceNames(database: Database, councilId: number): Promise<Map<number, string>> {
  return new Map((await listActiveServices(database, councilId)).map((service) => [service.id, service.name]))
}

/** Articles matching the words (in the title or text), of one service or all, by title. */
export async function findArticles(
  database: Database,
  councilId: number,
  filter: { words?: string; serviceId?: number; today: string },
): Promise<ArticleSummary[]> {
  const [rows, names] = await Promise.all([
    repo.listArticles(database.db, councilId, filter),
    serviceNames(database, councilId),
  ])
  return rows.map((row) => ({
    ...row,
    serviceName: row.service_id === null ? null : (names.get(row.service_id) ?? null),
    reviewOverdue: overdue(row.review_on, filter.today),
  }))
}

/** One article with its text rendered safely; 404 when the council has none by that name. */
export async function readArticle(
  database: Database,
  councilId: number,
  slug: string,
  today: string,
): Promise<Article> {
  const row = await repo.findArticle(database.db, councilId, slug)
  if (!row) throw notFound('Article')
  const service = row.service_id === null ? undefined : await getService(database, councilId, row.service_id)
  return {
    ...row,
    serviceName: service?.name ?? null,
    reviewOverdue: overdue(row.review_on, today),
    html: renderMarkdown(row.body),
  }
}

/** The article as its form shows it for editing. */
export function formOf(article: ArticleRow): ArticleForm {
  const [year = '', month = '', day = ''] = (article.review_on ?? '').split('-')
  return {
    title: article.title,
    serviceId: article.service_id === null ? '' : String(article.service_id),
    audience: article.audience,
    body: article.body,
    reviewOn: { day: String(Number(day) || ''), month: String(Number(month) || ''), year },
  }
}

function reviewDate(parts: ArticleForm['reviewOn'], errors: FieldError[]): string | null {
  const [day, month, year] = [parts.day, parts.month, parts.year].map((part) => part.trim())
  if (!day && !month && !year) {
    errors.push({ name: 'reviewOn', message: 'Enter the date by which the article must be checked' })
    return null
  }
  const numbers = [day, month, year].map((part) => (/^\d+$/.test(part!) ? Number(part) : NaN))
  const [d, m, y] = numbers as [number, number, number]
  const date = new Date(Date.UTC(y, m - 1, d))
  if (numbers.some(Number.isNaN) || y < 2000 || y > 2100 || date.getUTCDate() !== d || date.getUTCMonth() !== m - 1) {
    errors.push({ name: 'reviewOn', message: 'Review date must be a real date, like 31 3 2027' })
    return null
  }
  return date.toISOString().slice(0, 10)
}

type CheckedArticle = { title: string; serviceId: number | null; audience: KbAudience; body: string; reviewOn: string }

async function checkArticle(
  database: Database,
  councilId: number,
  form: ArticleForm,
): Promise<{ article?: CheckedArticle; errors: FieldError[] }> {
  const errors: FieldError[] = []
  const title = form.title.trim()
  if (!title) errors.push({ name: 'title', message: 'Enter a title' })
  else if (title.length > MAX_TITLE_LENGTH)
    errors.push({ name: 'title', message: `Title must be ${MAX_TITLE_LENGTH} characters or fewer` })
  let serviceId: number | null = null
  if (form.serviceId !== '') {
    const id = /^\d{1,9}$/.test(form.serviceId) ? Number(form.serviceId) : undefined
    if (id === undefined || !(await getService(database, councilId, id)))
      errors.push({ name: 'serviceId', message: 'Select a service from the list' })
    else serviceId = id
  }
  const audience = KB_AUDIENCES.find((value) => value === form.audience)
  if (!audience) errors.push({ name: 'audience', message: 'Select who the article is for' })
  const body = form.body.replace(/\r\n/g, '\n')
  if (!body.trim()) errors.push({ name: 'body', message: 'Enter the article' })
  else if (body.length > MAX_BODY_LENGTH)
    errors.push({ name: 'body', message: `The article must be ${MAX_BODY_LENGTH} characters or fewer` })
  const reviewOn = reviewDate(form.reviewOn, errors)
  if (errors.length > 0 || !audience || reviewOn === null) return { errors }
  return { article: { title, serviceId, audience, body, reviewOn }, errors }
}

async function uniqueSlug(database: Database, councilId: number, title: string): Promise<string> {
  const base = slugify(title)
  const taken = new Set(await repo.slugsLike(database.db, councilId, base))
  if (!taken.has(base) && base !== 'new') return base
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`
}

function staffId(actor: Actor): number | null {
  return actor.kind === 'staff' ? actor.id : null
}

/** Publishes a new article under a name made from its title; audited as 'kb_article.create'. */
export async function writeArticle(
  database: Database,
  actor: Actor,
  councilId: number,
  form: ArticleForm,
): Promise<ArticleResult> {
  const { article, errors } = await checkArticle(database, councilId, form)
  if (!article) return { ok: false, errors }
  const slug = await uniqueSlug(database, councilId, article.title)
  const now = new Date().toISOString()
  await inTransaction(database, undefined, async (db) => {
    const id = await repo.insertArticle(db, {
      council_id: councilId,
      slug,
      title: article.title,
      body: article.body,
      audience: article.audience,
      service_id: article.serviceId,
      review_on: article.reviewOn,
      updated_at: now,
      created_by: staffId(actor),
      updated_by: staffId(actor),
    })
    await recordAudit(database, actor, { action: 'kb_article.create', subjectType: 'kb_article', subjectId: id }, db)
  })
  return { ok: true, slug }
}

/** Changes an article, keeping its address so links to it still work; audited as 'kb_article.update'. */
export async function rewriteArticle(
  database: Database,
  actor: Actor,
  councilId: number,
  slug: string,
  form: ArticleForm,
): Promise<ArticleResult> {
  const existing = await repo.findArticle(database.db, councilId, slug)
  if (!existing) throw notFound('Article')
  const { article, errors } = await checkArticle(database, councilId, form)
  if (!article) return { ok: false, errors }
  await inTransaction(database, undefined, async (db) => {
    await repo.updateArticle(db, councilId, existing.id, {
      title: article.title,
      body: article.body,
      audience: article.audience,
      service_id: article.serviceId,
      review_on: article.reviewOn,
      updated_at: new Date().toISOString(),
      updated_by: staffId(actor),
    })
    await recordAudit(
      database,
      actor,
      { action: 'kb_article.update', subjectType: 'kb_article', subjectId: existing.id },
      db,
    )
  })
  return { ok: true, slug }
}

/** The article as stored, for its edit form; 404 when there is none. */
export async function articleForEditing(database: Database, councilId: number, slug: string): Promise<ArticleRow> {
  const row = await repo.findArticle(database.db, councilId, slug)
  if (!row) throw notFound('Article')
  return row
}
