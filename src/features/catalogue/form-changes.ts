// Changing a service's form one question at a time, as an administrator does on the desk: add,
// change, move and remove. Each change reads the form, checks the question against the same rules
// the API's whole-form writes meet, and writes the form back with its audit event in one
// transaction. Answers are stored on each case, so cases already raised keep theirs as given.
import type { Database } from '../../platform/db/database.ts'
import { nowIso } from '../../platform/db/database.ts'
import type { Actor } from '../../platform/audit/audit.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import type { FieldError } from '../../platform/http/problem.ts'
import { invalid, notFound } from '../../platform/http/problem.ts'
import type { FormField } from './form-fields.ts'
import { checkFormDefinition } from './form-schema.ts'
import * as repo from './repo.ts'

/** The API's limits on a question (schemas.ts), so a page never stores what the API would refuse. */
export const QUESTION_LIMITS = { label: 200, hint: 500, option: 200, options: 100, maxLength: 100_000, questions: 200 }

export type QuestionChange = 'add' | 'change' | 'move_up' | 'move_down' | 'remove'

function textErrors(question: FormField): FieldError[] {
  const errors: FieldError[] = []
  const label = question.label.trim()
  if (label === '') errors.push({ name: 'label', message: 'Enter the question' })
  else if (label.length > QUESTION_LIMITS.label)
    errors.push({ name: 'label', message: `The question must be ${QUESTION_LIMITS.label} characters or fewer` })
  if ((question.hint ?? '').length > QUESTION_LIMITS.hint)
    errors.push({ name: 'hint', message: `The hint must be ${QUESTION_LIMITS.hint} characters or fewer` })
  const options = question.options ?? []
  if (
    options.length > QUESTION_LIMITS.options ||
    options.some((o) => o.trim() === '' || o.length > QUESTION_LIMITS.option)
  )
    errors.push({
      name: 'options',
      message: `Give up to ${QUESTION_LIMITS.options} options, each ${QUESTION_LIMITS.option} characters or fewer`,
    })
  const max = question.maxLength
  if (max !== undefined && (!Number.isInteger(max) || max < 1 || max > QUESTION_LIMITS.maxLength))
    errors.push({ name: 'maxLength', message: `The longest answer must be a whole number from 1 to 100000` })
  return errors
}

/**
 * Every mistake in a question about to stand among the others, named as the question's own
 * fields (name, label, options …). `others` is the rest of the form: its names are taken.
 */
export function questionErrors(question: FormField, others: readonly FormField[]): FieldError[] {
  const definition = checkFormDefinition([question], 'question').map((e) => ({
    name: e.name.replace(/^question\.0\./, ''),
    message: e.message,
  }))
  const taken = others.some((other) => other.name === question.name)
  const clash = taken
    ? [{ name: 'name', message: `Another question on this form is already named ${question.name}` }]
    : []
  const errors = [...clash, ...definition, ...textErrors(question)]
  return errors.filter((e, i) => errors.findIndex((x) => x.name === e.name) === i)
}

type Rewrite = (form: FormField[]) => FormField[]

async function rewriteForm(
  database: Database,
  actor: Actor,
  councilId: number,
  serviceId: number,
  audit: { change: QuestionChange; question: string },
  rewrite: Rewrite,
): Promise<void> {
  await database.db.transaction().execute(async (trx) => {
    const row = await repo.findServiceRowToChange(trx, councilId, serviceId, database.engine === 'postgres')
    if (!row) throw notFound('Service')
    const stored = JSON.parse(row.form) as FormField[]
    const form = rewrite(stored)
    // A move past either end changes nothing, so there is nothing to write or record.
    if (form === stored) return
    // The whole form must still be one the API would accept, whatever the single change was.
    const wholeForm = checkFormDefinition(form)
    if (wholeForm.length > 0) throw invalid(wholeForm, 'The form cannot be saved as it is')
    await repo.updateServiceRow(trx, councilId, serviceId, { form: JSON.stringify(form), updated_at: nowIso() })
    const detail = { fields: ['form'], ...audit, questions: form.length }
    await recordAudit(
      database,
      actor,
      { action: 'service.form_change', subjectType: 'service', subjectId: serviceId, detail },
      trx,
    )
  })
}

function indexOf(form: readonly FormField[], name: string): number {
  const index = form.findIndex((field) => field.name === name)
  if (index < 0) throw notFound('Question')
  return index
}

function tidy(question: FormField): FormField {
  const { hint, ...rest } = question
  const trimmed = hint?.trim()
  return { ...rest, label: question.label.trim(), ...(trimmed ? { hint: trimmed } : {}) }
}

/** Adds a question at the end of the form; refused (422, named by the question's fields) when it is not valid there. */
export async function addQuestion(
  database: Database,
  actor: Actor,
  councilId: number,
  serviceId: number,
  question: FormField,
): Promise<void> {
  await rewriteForm(database, actor, councilId, serviceId, { change: 'add', question: question.name }, (form) => {
    const errors = questionErrors(question, form)
    if (form.length >= QUESTION_LIMITS.questions)
      errors.push({ name: 'label', message: `A form can have up to ${QUESTION_LIMITS.questions} questions` })
    if (errors.length > 0) throw invalid(errors, 'The question cannot be added as it is')
    return [...form, tidy(question)]
  })
}

/** Replaces the question named `name`, keeping its place; its name stays, so answers already given still match it. */
export async function changeQuestion(
  database: Database,
  actor: Actor,
  councilId: number,
  serviceId: number,
  name: string,
  question: Omit<FormField, 'name'>,
): Promise<void> {
  await rewriteForm(database, actor, councilId, serviceId, { change: 'change', question: name }, (form) => {
    const index = indexOf(form, name)
    const changed = { ...question, name }
    const errors = questionErrors(
      changed,
      form.filter((_, i) => i !== index),
    )
    if (errors.length > 0) throw invalid(errors, 'The question cannot be saved as it is')
    return form.map((field, i) => (i === index ? tidy(changed) : field))
  })
}

/** Swaps a question with the one before or after it; at either end of the form nothing moves. */
export async function moveQuestion(
  database: Database,
  actor: Actor,
  councilId: number,
  serviceId: number,
  name: string,
  direction: 'up' | 'down',
): Promise<void> {
  const change = direction === 'up' ? 'move_up' : 'move_down'
  await rewriteForm(database, actor, councilId, serviceId, { change, question: name }, (form) => {
    const index = indexOf(form, name)
    const other = direction === 'up' ? index - 1 : index + 1
    if (other < 0 || other >= form.length) return form
    const moved = [...form]
    ;[moved[index], moved[other]] = [moved[other] as FormField, moved[index] as FormField]
    return moved
  })
}

/** Takes a question off the form. Cases already raised keep the answer they were given. */
export async function removeQuestion(
  database: Database,
  actor: Actor,
  councilId: number,
  serviceId: number,
  name: string,
): Promise<void> {
  await rewriteForm(database, actor, councilId, serviceId, { change: 'remove', question: name }, (form) => {
    const index = indexOf(form, name)
    return form.filter((_, i) => i !== index)
  })
}
