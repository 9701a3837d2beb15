// What people type into the resident search box, drawn from the generated data so each finds
// someone: surnames, part names, name and postcode together, postcodes, phone endings, emails
// and case references. Deterministic for a given file.
import { DatabaseSync } from 'node:sqlite'

type Sample = { family_name: string; given_name: string; postcode: string; phone: string | null; email: string | null }

export function searchQueries(file: string, count = 500): string[] {
  const sqlite = new DatabaseSync(file, { readOnly: true })
  try {
    const people = sqlite
      .prepare(
        `select r.family_name, r.given_name, a.postcode,
           (select value from resident_contact_detail d where d.resident_id = r.id and d.kind = 'phone' limit 1) as phone,
           (select value from resident_contact_detail d where d.resident_id = r.id and d.kind = 'email' limit 1) as email
         from resident r join resident_address a on a.resident_id = r.id and a.is_primary = 1
         where r.id % (select max(1, count(*) / ?) from resident) = 0 order by r.id limit ?`,
      )
      .all(count, count) as Sample[]
    const references = (
      sqlite.prepare('select reference from "case" order by id limit ?').all(count) as { reference: string }[]
    ).map((r) => r.reference)
    return people.map((person, index) => {
      switch (index % 7) {
        case 0:
          return person.family_name
        case 1:
          return person.family_name.slice(0, 4).toLowerCase()
        case 2:
          return `${person.given_name} ${person.family_name.slice(0, 3)}`
        case 3:
          return person.postcode
        case 4:
          return person.phone
            ? person.phone.replace(/\s/g, '').slice(-6)
            : person.postcode.split(' ')[0] + ' ' + person.family_name
        case 5:
          return person.email ?? person.family_name
        default:
          return references[index % Math.max(1, references.length)] ?? person.family_name
      }
    })
  } finally {
    sqlite.close()
  }
}

export function residentCount(file: string): number {
  const sqlite = new DatabaseSync(file, { readOnly: true })
  try {
    return (sqlite.prepare('select count(*) as n from resident').get() as { n: number }).n
  } finally {
    sqlite.close()
  }
}
