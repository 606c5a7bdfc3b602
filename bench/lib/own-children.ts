import fs from 'node:fs'

/** What /proc/<pid>/stat says about a process: its id, command name and parent. */
export interface ProcStat {
  pid: number
  comm: string
  ppid: number
}

/** Parses one /proc/<pid>/stat line; the command name sits in parentheses and may hold spaces or ')'. */
export function parseProcStat(line: string): ProcStat | null {
  const open = line.indexOf('(')
  const close = line.lastIndexOf(')')
  if (open < 0 || close < open) return null
  const pid = Number(line.slice(0, open).trim())
  const [, ppid] = line
    .slice(close + 1)
    .trim()
    .split(' ')
  if (!Number.isInteger(pid) || ppid === undefined) return null
  return { pid, comm: line.slice(open + 1, close), ppid: Number(ppid) }
}

/**
 * Sends SIGTERM to this process's own children named `comm` (Linux only; elsewhere nothing). For
 * an 'exit' handler: a bench stopped by its deadline must not leave a spawned HAProxy behind.
 */
export function killOwnChildrenNamed(comm: string): void {
  let entries: string[]
  try {
    entries = fs.readdirSync('/proc')
  } catch {
    return
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue
    let stat: ProcStat | null = null
    try {
      stat = parseProcStat(fs.readFileSync(`/proc/${entry}/stat`, 'utf8'))
    } catch {
      continue // gone meanwhile
    }
    if (stat && stat.ppid === process.pid && stat.comm === comm) {
      try {
        process.kill(stat.pid, 'SIGTERM')
      } catch {
        // already gone
      }
    }
  }
}
