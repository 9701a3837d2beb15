import { readFileSync } from 'node:fs'
// A server process's own CPU time, read from Linux's /proc: on a shared machine requests per
// second move with everyone else's work, the CPU a process spends on a fixed amount of work far less.

const TICKS_PER_SECOND = 100

/** User and system CPU a process has used so far, in microseconds. */
export function cpuMicros(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  // After the command name: state is field 3, utime 14 and stime 15 (1-based, as proc(5) counts).
  return ((Number(fields[11]) + Number(fields[12])) * 1_000_000) / TICKS_PER_SECOND
}
