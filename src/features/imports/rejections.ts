// The rejected rows of an import: all are counted, the first few in file order are kept to show.
// Rows are rejected a little out of order (a batch is checked against the database after later
// rows were read), so the kept ones are the lowest lines, not the first to arrive.
import type { Rejection } from './importer.ts'

export class RejectionList {
  readonly limit: number
  total = 0
  private kept: Rejection[] = []

  constructor(limit: number) {
    this.limit = limit
  }

  add(rejection: Rejection): void {
    this.total++
    this.kept.push(rejection)
    if (this.kept.length >= this.limit * 2) this.trim()
  }

  first(): Rejection[] {
    this.trim()
    return [...this.kept]
  }

  private trim(): void {
    this.kept.sort((a, b) => a.line - b.line)
    this.kept.length = Math.min(this.kept.length, this.limit)
  }
}
