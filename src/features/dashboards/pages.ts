// /staff/dashboard: the figures councillors ask for, for managers. A GET form picks the period (or
// a preset link does), so a dashboard can be bookmarked and sent; each chart's data downloads as
// CSV; /staff/dashboard/briefing is the same as a printable committee note, or a PDF.
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { FeatureOptions } from '../../platform/http/feature.ts'
import { principalOf } from '../../platform/auth/guard.ts'
import { addTemplateDirectory } from '../../platform/views/views.ts'
import type { FieldError } from '../../platform/http/problem.ts'
import { notFound } from '../../platform/http/problem.ts'
import {
  briefingPdf,
  chartTable,
  dashboardFor,
  displayRows,
  londonToday,
  presets,
  readPeriod,
  tableCsv,
} from './service.ts'
import type { DayRange, Dashboard } from './service.ts'

addTemplateDirectory(join(dirname(fileURLToPath(import.meta.url)), 'views'))

type Query = { Querystring: Record<string, unknown> }

const DASHBOARD = '/staff/dashboard'
const BRIEFING = '/staff/dashboard/briefing'

const query = (range: DayRange): string => new URLSearchParams({ from: range.from, to: range.to }).toString()

function shown(dashboard: Dashboard) {
  const q = query(dashboard.comparison.current)
  return {
    ...dashboard,
    charts: dashboard.charts.map((chart) => ({
      ...chart,
      head: chart.table.columns.map((c) => ({ text: c.heading, format: c.kind === 'text' ? undefined : 'numeric' })),
      rows: displayRows(chart.table).map((row) =>
        row.map((text, i) => ({ text, format: chart.table.columns[i]?.kind === 'text' ? undefined : 'numeric' })),
      ),
      csvHref: `/staff/dashboard/data/${chart.id}?${q}`,
    })),
  }
}

/** The period form again with its errors, sending the corrected period back to the page it came from. */
function errorPage(reply: FastifyReply, request: FastifyRequest, values: object, errors: FieldError[]) {
  const page = request.routeOptions.url === BRIEFING ? BRIEFING : DASHBOARD
  const briefing = page === BRIEFING
  return reply.status(400).view('dashboards/dashboard.njk', {
    pageTitle: briefing ? 'Error: Briefing note' : 'Error: Dashboard',
    heading: briefing ? 'Briefing note' : 'Dashboard',
    buttonText: briefing ? 'Show the briefing note' : 'Show figures',
    formAction: page,
    council: request.council,
    values,
    presets: presetLinks(page),
    errors: Object.fromEntries(errors.map((e) => [e.name, e.message])),
    errorList: errors.map((e) => ({ text: e.message, href: `#${e.name}` })),
  })
}

/** The presets as links to the page they were offered on. */
function presetLinks(page = DASHBOARD) {
  return presets(londonToday()).map((p) => ({ name: p.name, href: `${page}?${query(p.range)}` }))
}

export async function dashboardPages(app: FastifyInstance, feature: FeatureOptions): Promise<void> {
  const { database } = feature

  app.get<Query>(
    DASHBOARD,
    { config: { permission: 'dashboards:read' }, schema: { hide: true } },
    async (request, reply) => {
      const asked = readPeriod(request.query, londonToday())
      if (!asked.range) return errorPage(reply, request, asked.values, asked.errors)
      const dashboard = await dashboardFor(database.db, principalOf(request).councilId, asked.range)
      return reply.view('dashboards/dashboard.njk', {
        pageTitle: 'Dashboard',
        council: request.council,
        values: asked.values,
        presets: presetLinks(),
        dashboard: shown(dashboard),
        briefingHref: `/staff/dashboard/briefing?${query(asked.range)}`,
      })
    },
  )

  app.get<{ Params: { chart: string }; Querystring: Record<string, unknown> }>(
    '/staff/dashboard/data/:chart',
    { config: { permission: 'dashboards:read' }, schema: { hide: true } },
    async (request, reply) => {
      const asked = readPeriod(request.query, londonToday())
      if (!asked.range) return errorPage(reply, request, asked.values, asked.errors)
      const chart = await chartTable(database.db, principalOf(request).councilId, asked.range, request.params.chart)
      if (!chart) throw notFound('Chart')
      const name = `${chart.id}-${asked.range.from}-to-${asked.range.to}.csv`
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(tableCsv(chart.table))
    },
  )

  app.get<Query>(
    BRIEFING,
    { config: { permission: 'dashboards:read' }, schema: { hide: true } },
    async (request, reply) => {
      const asked = readPeriod(request.query, londonToday())
      if (!asked.range) return errorPage(reply, request, asked.values, asked.errors)
      const dashboard = await dashboardFor(database.db, principalOf(request).councilId, asked.range)
      const councilName = request.council?.name ?? 'The council'
      if (request.query.format === 'pdf') {
        const pdf = await briefingPdf(dashboard, councilName)
        return reply
          .type('application/pdf')
          .header('content-disposition', `attachment; filename="briefing-${asked.range.from}-to-${asked.range.to}.pdf"`)
          .send(pdf)
      }
      return reply.view('dashboards/briefing.njk', {
        pageTitle: `Briefing note: ${dashboard.described.current}`,
        council: request.council,
        councilName,
        dashboard: shown(dashboard),
        dashboardHref: `/staff/dashboard?${query(asked.range)}`,
        pdfHref: `/staff/dashboard/briefing?${query(asked.range)}&format=pdf`,
      })
    },
  )
}
