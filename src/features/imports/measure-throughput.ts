// Measures how fast a large contacts file imports on each engine:
//   node src/features/imports/measure-throughput.ts [ROWS]     (PostgreSQL too when PG_URL is set)
// It writes a file of ROWS contacts (200,000 by default) for 2,000 imported residents, imports it
// twice (inserting, then updating) and prints rows per second and the peak heap used, which stays
// flat however long the file is, since it is streamed.
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs'
import { once } from 'node:events'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { out } from '../../cli/output.ts'
import type { Engine } from '../../config.ts'
import { testDatabase } from '../../../test/support/databases.ts'
import { createTestCouncil } from '../../../test/support/app.ts'
import { CHANNELS, CONTACT_OUTCOMES } from '../../platform/db/values.ts'
import { importCsv } from './service.ts'
import { addTeamAndService } from './test-fixtures.ts'

const RESIDENTS = 2000

async function writeLines(path: string, header: string, count: number, line: (i: number) => string): Promise<void> {
  const file = createWriteStream(path)
  file.write(header + '\n')
  for (let i = 0; i < count; i++) if (!file.write(line(i) + '\n')) await once(file, 'drain')
  file.end()
  await once(file, 'finish')
}

function contactLine(i: number): string {
  const started = new Date(Date.UTC(2015, 0, 1) + i * 60_000).toISOString()
  const notes = i % 10 === 0 ? `"Caller asked about ""collection day"",\nthen about council tax"` : ''
  return [
    `contact-${i}`,
    i % 5 === 0 ? '' : `resident-${i % RESIDENTS}`,
    CHANNELS[i % CHANNELS.length],
    i % 7 === 0 ? 'outbound' : 'inbound',
    started,
    i % 600,
    i % 3 === 0 ? 'missed-bin' : '',
    CONTACT_OUTCOMES[i % CONTACT_OUTCOMES.length],
    i % 9 === 0 ? 'yes' : 'no',
    notes,
  ].join(',')
}

async function measure(engine: Engine, residentsFile: string, contactsFile: string, rows: number): Promise<void> {
  const database = await testDatabase(engine)
  try {
    const councilId = await createTestCouncil(database)
    await addTeamAndService(database, councilId)
    await importCsv(database, councilId, 'residents', residentsFile)
    let peak = 0
    const sample = () => (peak = Math.max(peak, process.memoryUsage().heapUsed))
    for (const run of ['insert', 'update']) {
      const report = await importCsv(database, councilId, 'contacts', contactsFile, sample)
      const perSecond = Math.round((report.read * 1000) / report.elapsedMs)
      out.line(
        `${database.label.padEnd(8)} ${run}: ${report.read.toLocaleString('en-GB')} rows in ${(report.elapsedMs / 1000).toFixed(1)} s = ${perSecond.toLocaleString('en-GB')} rows/s ` +
          `(inserted ${report.inserted}, updated ${report.updated}, rejected ${report.rejected}; peak heap ${Math.round(peak / 1e6)} MB)`,
      )
      if (report.read !== rows || report.rejected !== 0) throw new Error(`expected ${rows} rows and no rejections`)
    }
  } finally {
    await database.close()
  }
}

const rows = Number(process.argv[2] ?? 200_000)
const dir = mkdtempSync(join(tmpdir(), 'frontdoor-import-throughput-'))
try {
  const residentsFile = join(dir, 'residents.csv')
  const contactsFile = join(dir, 'contacts.csv')
  await writeLines(
    residentsFile,
    'external_id,given_name,family_name,email,postcode,address_line_1',
    RESIDENTS,
    (i) => `resident-${i},Given${i},Family${i},person${i}@example.org,AB1 ${i % 10}CD,${i} High Street`,
  )
  await writeLines(
    contactsFile,
    'external_id,resident_external_id,channel,direction,started_at,handle_seconds,service_code,outcome,avoidable,notes',
    rows,
    contactLine,
  )
  await measure('sqlite', residentsFile, contactsFile, rows)
  if (process.env.PG_URL) await measure('postgres', residentsFile, contactsFile, rows)
  else out.line('PG_URL is not set: PostgreSQL not measured')
} finally {
  rmSync(dir, { recursive: true, force: true })
}
