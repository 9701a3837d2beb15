// `frontdoor briefing` as an operator runs it: a PDF briefing note for a period on a council with
// a few contacts, read back; bad or missing dates are one line and exit code 2.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Database } from '../src/platform/db/database.ts'
import { cliSandbox, oneErrorLine, usageText } from './support/cli.ts'
import { createTestCouncil } from './support/app.ts'
import { writeContact } from '../src/features/metrics/test-records.ts'
import { pdfText } from '../src/features/dashboards/test-pdf.ts'

describe('frontdoor briefing', () => {
  const sandbox = cliSandbox('cli-briefing', { NODE_ENV: 'test', SESSION_SECRET: 'x'.repeat(32), LOG_LEVEL: 'silent' })
  const folder = mkdtempSync(join(tmpdir(), 'frontdoor-briefing-'))
  const note = join(folder, 'note.pdf')
  let database: Database

  before(async () => {
    ;({ database } = await sandbox.open())
    const councilId = await createTestCouncil(database, 'exampleton', 'Exampleton District Council')
    const contact = (channel: 'web' | 'phone', started_at: string) =>
      writeContact(database.db, councilId, { channel, direction: 'inbound', started_at, outcome: 'signposted' })
    // March 2026: three online, one by phone; February: one of each.
    for (const day of ['02', '03', '04']) await contact('web', `2026-03-${day}T10:00:00.000Z`)
    await contact('phone', '2026-03-05T10:00:00.000Z')
    await contact('web', '2026-02-10T10:00:00.000Z')
    await contact('phone', '2026-02-11T10:00:00.000Z')
  })
  after(async () => {
    await sandbox.close()
    rmSync(folder, { recursive: true, force: true })
  })

  it('is listed in the usage', () => {
    assert.match(usageText(), /briefing --from D --to D --out FILE\.pdf/)
  })

  it('writes the briefing note for the period as a PDF', () => {
    const result = sandbox.run('briefing', '--from', '2026-03-01', '--to', '2026-03-31', '--out', note)
    assert.equal(result.status, 0, result.stderr)
    assert.match(
      result.stdout,
      /Briefing note for Exampleton District Council, 1 March 2026 to 31 March 2026, written to/,
    )
    const pdf = readFileSync(note)
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-')
    const text = pdfText(pdf)
    assert.match(text, /Exampleton District Council/)
    // 3 of 4 online in March against 1 of 2 in the 31 days before (29 January to 28 February).
    assert.match(text, /Contacts made online rose from 50\.0% to 75\.0% of all contacts\./)
    assert.match(text, /Contacts rose from 2 to 4, a rise of 2 \(100%\)\./)
  })

  it('writes a tagged PDF in British English, saying a whole year’s comparison once', () => {
    const year = join(folder, 'year.pdf')
    const result = sandbox.run('briefing', '--from', '2025-04-01', '--to', '2026-03-31', '--out', year)
    assert.equal(result.status, 0, result.stderr)
    const pdf = readFileSync(year)
    assert.match(pdf.toString('latin1'), /\/StructTreeRoot \d+ 0 R/)
    assert.match(pdf.toString('latin1'), /\/Lang \(en-GB\)/)
    const text = pdfText(pdf)
    assert.match(text, /Compared with the previous year 1 April 2024 to 31 March 2025\./)
    assert.doesNotMatch(text, /Compared with (the same period )?a year earlier/)
  })

  it('refuses bad dates in one line with exit code 2, writing nothing', () => {
    const other = join(folder, 'other.pdf')
    oneErrorLine(
      sandbox.run('briefing', '--from', '2026-02-30', '--to', '2026-03-31', '--out', other),
      /^frontdoor: The first day must be a real date, like 2025-04-01; usage: frontdoor briefing/,
    )
    oneErrorLine(
      sandbox.run('briefing', '--from', '2026-03-31', '--to', '2026-03-01', '--out', other),
      /The last day must be the same as or after the first day/,
    )
    oneErrorLine(sandbox.run('briefing', '--from', '2026-03-01', '--out', other), /--from and --to are required/)
    oneErrorLine(sandbox.run('briefing', '--from', '2026-03-01', '--to', '2026-03-31'), /--out is required/)
    assert.equal(existsSync(other), false)
  })
})
