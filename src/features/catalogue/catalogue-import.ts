// Importing a catalogue file: the whole file is checked before anything is written, then every
// team, partner organisation and service is written in one transaction, so a council never has
// half a catalogue. A second import of the same file updates instead of duplicating: teams and
// organisations are found again by name, services by their Open311 code. Every write is audited.
import type { Database } from '../../platform/db/database.ts'
import type { Queryable } from '../../platform/db/schema.ts'
import type { Actor } from '../../platform/audit/audit.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { Problem } from '../../platform/http/problem.ts'
import { changePartnerOrg, insertPartnerOrg, partnerOrgNamed } from '../partners/service.ts'
import type { CatalogueFile, CatalogueProblem } from './catalogue-file.ts'
import { fileRuleProblems, filePath, shapeProblems } from './catalogue-file.ts'
import type { ServiceInput } from './service.ts'
import { changeService, insertService } from './service.ts'
import { changeTeam, insertTeam, teamNamed } from './teams.ts'
import * as repo from './repo.ts'

export type Counts = { added: number; updated: number; unchanged: number }
export type CatalogueImportReport = { teams: Counts; partner_organisations: Counts; services: Counts }
export type CatalogueImportResult =
  { ok: true; report: CatalogueImportReport } | { ok: false; problems: CatalogueProblem[] }

type ServiceEntry = NonNullable<CatalogueFile['services']>[number]

/** Thrown inside the transaction so that it rolls back; never leaves this module. */
class Refused extends Error {
  readonly problems: CatalogueProblem[]
  constructor(problems: CatalogueProblem[]) {
    super('catalogue file refused')
    this.problems = problems
  }
}

const sameName = (a: string, b: string) => a.trim().toLocaleLowerCase('en-GB') === b.trim().toLocaleLowerCase('en-GB')

/** A service may name a team or organisation the council already has, or one the file adds. */
async function referenceProblems(trx: Queryable, councilId: number, file: CatalogueFile): Promise<CatalogueProblem[]> {
  const problems: CatalogueProblem[] = []
  for (const [i, service] of (file.services ?? []).entries()) {
    const team = service.team
    if (
      team !== undefined &&
      !(file.teams ?? []).some((t) => sameName(t.name, team)) &&
      !(await teamNamed(trx, councilId, team))
    )
      problems.push({
        path: filePath('services', i, 'team'),
        message: `names no team in the file or the council: ${team}`,
      })
    const partner = service.partner_organisation
    if (
      partner !== undefined &&
      !(file.partner_organisations ?? []).some((p) => sameName(p.name, partner)) &&
      !(await partnerOrgNamed(trx, councilId, partner))
    )
      problems.push({
        path: filePath('services', i, 'partner_organisation'),
        message: `names no partner organisation in the file or the council: ${partner}`,
      })
  }
  return problems
}

async function writeTeams(
  database: Database,
  trx: Queryable,
  actor: Actor,
  councilId: number,
  file: CatalogueFile,
): Promise<Counts> {
  const counts = { added: 0, updated: 0, unchanged: 0 }
  for (const team of file.teams ?? []) {
    const existing = await teamNamed(trx, councilId, team.name)
    if (!existing) {
      await insertTeam(database, trx, actor, councilId, team)
      counts.added++
    } else if (existing.name !== team.name.trim()) {
      await changeTeam(database, trx, actor, councilId, existing.id, team)
      counts.updated++
    } else counts.unchanged++
  }
  return counts
}

async function writePartners(
  database: Database,
  trx: Queryable,
  actor: Actor,
  councilId: number,
  file: CatalogueFile,
): Promise<Counts> {
  const counts = { added: 0, updated: 0, unchanged: 0 }
  for (const org of file.partner_organisations ?? []) {
    const existing = await partnerOrgNamed(trx, councilId, org.name)
    const input = {
      name: org.name,
      description: org.description ?? null,
      email: org.email ?? null,
      phone: org.phone ?? null,
      website: org.website ?? null,
      open_referral_id: org.open_referral_id ?? null,
      active: org.active ?? true,
    }
    if (existing) await changePartnerOrg(database, trx, actor, councilId, existing.id, input)
    else await insertPartnerOrg(database, trx, actor, councilId, input)
    counts[existing ? 'updated' : 'added']++
  }
  return counts
}

/** The service as the file describes it, every field set, so a field taken out of the file goes back to its default. */
async function serviceInput(trx: Queryable, councilId: number, entry: ServiceEntry): Promise<ServiceInput> {
  const { team, partner_organisation: partner, ...fields } = entry
  return {
    ...fields,
    description: fields.description ?? '',
    lgsl_code: fields.lgsl_code ?? null,
    open311_group: fields.open311_group ?? null,
    team_id: team === undefined ? null : ((await teamNamed(trx, councilId, team))?.id ?? null),
    partner_org_id: partner === undefined ? null : ((await partnerOrgNamed(trx, councilId, partner))?.id ?? null),
    online_available: fields.online_available ?? true,
    anonymous_allowed: fields.anonymous_allowed ?? false,
    keywords: fields.keywords ?? [],
    form: fields.form ?? [],
    active: fields.active ?? true,
  }
}

async function writeServices(
  database: Database,
  trx: Queryable,
  actor: Actor,
  councilId: number,
  file: CatalogueFile,
): Promise<Counts> {
  const counts = { added: 0, updated: 0, unchanged: 0 }
  for (const entry of file.services ?? []) {
    const input = await serviceInput(trx, councilId, entry)
    const existing = await repo.findServiceRowByCode(trx, councilId, entry.open311_code)
    if (existing) await changeService(database, trx, actor, councilId, existing.id, input)
    else await insertService(database, trx, actor, councilId, input)
    counts[existing ? 'updated' : 'added']++
  }
  return counts
}

/** Checks the parsed file (YAML or JSON) and, if it has no problem at all, writes it in one transaction. */
export async function importCatalogue(
  database: Database,
  actor: Actor,
  councilId: number,
  document: unknown,
): Promise<CatalogueImportResult> {
  const shape = shapeProblems(document)
  if (shape.length > 0) return { ok: false, problems: shape }
  const file = document as CatalogueFile
  try {
    const report = await database.db.transaction().execute(async (trx) => {
      const problems = [...fileRuleProblems(file), ...(await referenceProblems(trx, councilId, file))]
      if (problems.length > 0) throw new Refused(problems)
      const teams = await writeTeams(database, trx, actor, councilId, file)
      const partners = await writePartners(database, trx, actor, councilId, file)
      const services = await writeServices(database, trx, actor, councilId, file)
      const report = { teams, partner_organisations: partners, services }
      await recordAudit(
        database,
        actor,
        { action: 'catalogue.import', subjectType: 'council', subjectId: councilId, detail: report },
        trx,
      )
      return report
    })
    return { ok: true, report }
  } catch (error) {
    if (error instanceof Refused) return { ok: false, problems: error.problems }
    // Another save of the same name landed while this file was being written: the database's unique name refused it.
    if (error instanceof Problem && error.status === 409)
      return { ok: false, problems: [{ path: 'partner_organisations', message: error.message }] }
    throw error
  }
}
