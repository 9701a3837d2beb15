// Residents and services a batch refers to, looked up once per batch (residents) or once per run
// (services, a short list that does not change during an import).
import type { Database } from '../../platform/db/database.ts'
import { findServiceByOpen311Code } from '../catalogue/service.ts'
import type { Service } from '../catalogue/service.ts'
import type { Candidate, Rejection } from './importer.ts'
import { residentIdsByExternalId } from '../residents/service.ts'

export type ServiceLookup = (code: string) => Promise<Service | undefined>

export function serviceLookup(database: Database, councilId: number): ServiceLookup {
  const known = new Map<string, Service | undefined>()
  return async (code) => {
    if (!known.has(code)) known.set(code, await findServiceByOpen311Code(database, councilId, code))
    return known.get(code)
  }
}

export const UNKNOWN_RESIDENT = 'resident_external_id does not match any imported resident'
export const UNKNOWN_SERVICE = 'service_code does not match the Open311 code of any service'

type RefersTo = { residentExternalId: string | null; serviceCode: string | null }

export type Links = { residentId: number | null; service: Service | undefined }

/**
 * The resident and service each row names. A row naming one that does not exist is rejected
 * with the reason; the others go on with their ids.
 */
export async function resolveLinks<T extends RefersTo>(
  database: Database,
  councilId: number,
  services: ServiceLookup,
  batch: Candidate<T>[],
): Promise<{ linked: Candidate<T & Links>[]; rejected: Rejection[] }> {
  const wanted = batch.map((c) => c.value.residentExternalId).filter((id): id is string => id !== null)
  const residents =
    wanted.length > 0 ? await residentIdsByExternalId(database.db, councilId, wanted) : new Map<string, number>()
  const linked: Candidate<T & Links>[] = []
  const rejected: Rejection[] = []
  for (const candidate of batch) {
    const { residentExternalId, serviceCode } = candidate.value
    const residentId = residentExternalId === null ? null : residents.get(residentExternalId)
    const service = serviceCode === null ? undefined : await services(serviceCode)
    const reasons: string[] = []
    if (residentId === undefined) reasons.push(UNKNOWN_RESIDENT)
    if (serviceCode !== null && service === undefined) reasons.push(UNKNOWN_SERVICE)
    if (reasons.length > 0) rejected.push({ line: candidate.line, reason: reasons.join('; ') })
    else linked.push({ ...candidate, value: { ...candidate.value, residentId: residentId ?? null, service } })
  }
  return { linked, rejected }
}
