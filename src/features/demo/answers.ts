// Answers to a service's form for a demo case, shaped as the form expects: text as strings,
// numbers as numbers, dates as YYYY-MM-DD, yes/no as booleans, checkboxes as lists of options.
import type { DemoField, DemoService } from './catalogue-data.ts'
import { addDays, isoDate } from './clock.ts'
import type { Random } from './random.ts'

export type AnswerContext = { createdAt: Date; postcode: string | null; email: string | null; phone: string | null }

type Answer = string | number | boolean | string[]

function optionsOf(field: DemoField): string[] {
  return field.options ?? []
}

function answerFor(field: DemoField, random: Random, context: AnswerContext): Answer | undefined {
  switch (field.type) {
    case 'select':
    case 'radios':
      return random.pick(optionsOf(field))
    case 'checkboxes': {
      const options = optionsOf(field)
      const chosen = options.filter(() => random.chance(0.25))
      return chosen.length > 0 ? chosen : [random.pick(options)]
    }
    case 'yes_no':
      return random.chance(0.55)
    case 'number': {
      const min = field.min ?? 0
      const max = field.max ?? 100
      // Most answers sit in the lower part of the allowed range, as real ones do.
      return Math.min(max, min + Math.floor(random.next() * random.next() * (max - min + 1)))
    }
    case 'date':
      return isoDate(addDays(context.createdAt, -random.int(0, 20)))
    case 'email':
      return context.email ?? undefined
    case 'phone':
      return context.phone ?? undefined
    case 'postcode':
      return context.postcode ?? undefined
    case 'text':
    case 'textarea':
    case 'address':
      if (field.examples && field.examples.length > 0) return random.pick(field.examples)
      if (field.name === 'account_number') return String(random.int(10_000_000, 99_999_999))
      return undefined
  }
}

/** Answers for every required field and some optional ones. */
export function answersFor(service: DemoService, random: Random, context: AnswerContext): Record<string, Answer> {
  const answers: Record<string, Answer> = {}
  for (const field of service.fields) {
    if (!field.required && !random.chance(0.4)) continue
    const answer = answerFor(field, random, context)
    if (answer !== undefined) answers[field.name] = answer
  }
  return answers
}
