// The council must never lock itself out: whichever way a member of staff loses access (the admin
// pages or `frontdoor staff disable`), the last active administrator cannot.
import type { Database } from '../../platform/db/database.ts'
import type { Queryable } from '../../platform/db/schema.ts'
import { conflict } from '../../platform/http/problem.ts'
import { activeAdmins } from './members-repo.ts'

/** Refuses (409) a change that would leave the council without an active administrator; in the change's transaction. */
export async function refuseLosingLastAdmin(
  database: Database,
  trx: Queryable,
  councilId: number,
  id: number,
): Promise<void> {
  const admins = await activeAdmins(database, trx, councilId)
  if (admins.length === 1 && admins[0] === id)
    throw conflict('This is the council’s last active administrator: give another member of staff the admin role first')
}
