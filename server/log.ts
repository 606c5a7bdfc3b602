import type { LogLevel } from './config'

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 }

export type Fields = Record<string, string | number | boolean | null | undefined>

/** A tiny levelled logger writing one line per event; the server never logs tokens. */
export interface Logger {
  debug(message: string, fields?: Fields): void
  info(message: string, fields?: Fields): void
  warn(message: string, fields?: Fields): void
  error(message: string, fields?: Fields): void
}

export function createLogger(level: LogLevel): Logger {
  const write = (at: Exclude<LogLevel, 'silent'>) => (message: string, fields?: Fields) => {
    if (RANK[at] < RANK[level]) return
    const tail = fields
      ? Object.entries(fields)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => ` ${k}=${String(v)}`)
          .join('')
      : ''
    const line = `${new Date().toISOString()} ${at.padEnd(5)} ${message}${tail}\n`
    ;(at === 'error' || at === 'warn' ? process.stderr : process.stdout).write(line)
  }
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') }
}

/** What a caught error says, for a log line's `reason` field. */
export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
