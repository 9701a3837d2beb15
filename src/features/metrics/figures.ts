// The figures of DESIGN.md ("Figures — one definition each") made from their parts. Both ways of
// counting — from the rollups and straight from the records — fill a Tally, and only this file
// turns a tally into figures, so the two can differ in what they count but never in the sums.
import { CHANNELS } from '../../platform/db/values.ts'
import type { Channel } from '../../platform/db/values.ts'

export type ByChannel<T> = Record<Channel, T>

/** The parts every figure is made of, for one council, period and filter. */
export type Tally = {
  contacts: ByChannel<number>
  avoidable: number
  handleSeconds: number
  /** Inbound contacts resolved at first contact, and inbound contacts answered (not abandoned). */
  resolvedFirstContact: ByChannel<number>
  inboundAnswered: ByChannel<number>
  cases: number
  /** Cases of services available online, and of those the ones residents raised online themselves. */
  casesOnlineServices: number
  casesSelfServedOnline: number
  casesAssisted: number
  /** Counted in the period they were resolved. */
  casesResolved: number
  casesResolvedWithinTarget: number
  /** Null where the filter leaves calls out: calls have no service, and every call is a phone contact. */
  calls: CallTally | null
  survey: { responses: number; satisfied: number }
  /** Null where the filter leaves online forms out: every form is a web form. */
  forms: { started: number; submitted: number } | null
  residents: ResidentTally
}

export type CallTally = {
  offered: number
  answered: number
  abandoned: number
  /** The answered calls' waits summed, in milliseconds. */
  answerMs: number
  withinThreshold: number
}

/** Figures about residents rather than events: never from rollups. */
export type ResidentTally = { withContact: number; withEAccount: number; digitallyExcluded: number }

export type Metrics = {
  contacts: number
  contacts_by_channel: ByChannel<number>
  contacts_avoidable: number
  contacts_inbound_answered: number
  /** The answered enquiries of each channel: what its first-contact resolution is a share of. */
  contacts_inbound_answered_by_channel: ByChannel<number>
  contacts_resolved_first_contact: number
  contacts_resolved_first_contact_by_channel: ByChannel<number>
  handle_seconds: number
  cases: number
  cases_online_services: number
  cases_self_served_online: number
  cases_assisted: number
  cases_resolved: number
  cases_resolved_within_target: number
  calls_offered: number | null
  calls_answered: number | null
  calls_abandoned: number | null
  calls_answered_within_threshold: number | null
  survey_responses: number
  survey_satisfied: number
  forms_started: number | null
  forms_submitted: number | null
  residents_with_contact: number
  residents_with_e_account: number
  channel_mix: ByChannel<number> | null
  digital_take_up: number | null
  assisted_digital_share: number | null
  first_contact_resolution: { overall: number | null; by_channel: ByChannel<number | null> }
  average_speed_of_answer_seconds: number | null
  abandonment_rate: number | null
  service_level: number | null
  within_target: number | null
  avoidable_contact: number | null
  /** Pounds. */
  cost_per_transaction: number | null
  user_satisfaction: number | null
  completion_rate: number | null
  e_account_take_up: number | null
  digitally_excluded_residents: number
}

export function byChannel<T>(value: (channel: Channel) => T): ByChannel<T> {
  return Object.fromEntries(CHANNELS.map((channel) => [channel, value(channel)])) as ByChannel<T>
}

export function emptyTally(calls: boolean, forms: boolean): Tally {
  return {
    contacts: byChannel(() => 0),
    avoidable: 0,
    handleSeconds: 0,
    resolvedFirstContact: byChannel(() => 0),
    inboundAnswered: byChannel(() => 0),
    cases: 0,
    casesOnlineServices: 0,
    casesSelfServedOnline: 0,
    casesAssisted: 0,
    casesResolved: 0,
    casesResolvedWithinTarget: 0,
    calls: calls ? { offered: 0, answered: 0, abandoned: 0, answerMs: 0, withinThreshold: 0 } : null,
    survey: { responses: 0, satisfied: 0 },
    forms: forms ? { started: 0, submitted: 0 } : null,
    residents: { withContact: 0, withEAccount: 0, digitallyExcluded: 0 },
  }
}

/** A share, or null when there is nothing to share out (never 0 for "no data"). */
export function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole
}

/** Milliseconds as seconds, keeping a figure with no denominator null. */
export const secondsOf = (milliseconds: number | null): number | null =>
  milliseconds === null ? null : milliseconds / 1000

function sum(values: ByChannel<number>): number {
  return CHANNELS.reduce((total, channel) => total + values[channel], 0)
}

/** Cost per transaction: contacts on each channel at the council's unit cost, over cases; pence in, pounds out. */
function costPerTransaction(tally: Tally, unitCostPence: Partial<ByChannel<number>>): number | null {
  const pence = CHANNELS.reduce((total, channel) => total + tally.contacts[channel] * (unitCostPence[channel] ?? 0), 0)
  return tally.cases === 0 ? null : pence / tally.cases / 100
}

export function figures(tally: Tally, unitCostPence: Partial<ByChannel<number>>): Metrics {
  const contacts = sum(tally.contacts)
  const answered = sum(tally.inboundAnswered)
  const resolved = sum(tally.resolvedFirstContact)
  const calls = tally.calls
  return {
    contacts,
    contacts_by_channel: tally.contacts,
    contacts_avoidable: tally.avoidable,
    contacts_inbound_answered: answered,
    contacts_inbound_answered_by_channel: { ...tally.inboundAnswered },
    contacts_resolved_first_contact: resolved,
    contacts_resolved_first_contact_by_channel: { ...tally.resolvedFirstContact },
    handle_seconds: tally.handleSeconds,
    cases: tally.cases,
    cases_online_services: tally.casesOnlineServices,
    cases_self_served_online: tally.casesSelfServedOnline,
    cases_assisted: tally.casesAssisted,
    cases_resolved: tally.casesResolved,
    cases_resolved_within_target: tally.casesResolvedWithinTarget,
    calls_offered: calls?.offered ?? null,
    calls_answered: calls?.answered ?? null,
    calls_abandoned: calls?.abandoned ?? null,
    calls_answered_within_threshold: calls?.withinThreshold ?? null,
    survey_responses: tally.survey.responses,
    survey_satisfied: tally.survey.satisfied,
    forms_started: tally.forms?.started ?? null,
    forms_submitted: tally.forms?.submitted ?? null,
    residents_with_contact: tally.residents.withContact,
    residents_with_e_account: tally.residents.withEAccount,
    channel_mix: contacts === 0 ? null : byChannel((channel) => tally.contacts[channel] / contacts),
    digital_take_up: rate(tally.casesSelfServedOnline, tally.casesOnlineServices),
    assisted_digital_share: rate(tally.casesAssisted, tally.cases),
    first_contact_resolution: {
      overall: rate(resolved, answered),
      by_channel: byChannel((channel) => rate(tally.resolvedFirstContact[channel], tally.inboundAnswered[channel])),
    },
    average_speed_of_answer_seconds: calls ? secondsOf(rate(calls.answerMs, calls.answered)) : null,
    abandonment_rate: calls ? rate(calls.abandoned, calls.offered) : null,
    service_level: calls ? rate(calls.withinThreshold, calls.offered) : null,
    within_target: rate(tally.casesResolvedWithinTarget, tally.casesResolved),
    avoidable_contact: rate(tally.avoidable, contacts),
    cost_per_transaction: costPerTransaction(tally, unitCostPence),
    user_satisfaction: rate(tally.survey.satisfied, tally.survey.responses),
    completion_rate: tally.forms ? rate(tally.forms.submitted, tally.forms.started) : null,
    e_account_take_up: rate(tally.residents.withEAccount, tally.residents.withContact),
    digitally_excluded_residents: tally.residents.digitallyExcluded,
  }
}
