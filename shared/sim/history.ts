import { LOG_LIMIT, SERIES_LIMIT } from './view'

/** `list` with `item` appended, keeping only the newest `limit` entries (a new array). */
export function appendBounded<T>(list: readonly T[], item: T, limit: number): T[] {
  const next = [...list, item]
  return next.length > limit ? next.slice(next.length - limit) : next
}

/** A chart series with a new point, bounded to SERIES_LIMIT. */
export function appendPoint(points: readonly number[], point: number): number[] {
  return appendBounded(points, point, SERIES_LIMIT)
}

/** The event log with a new line stamped with logical time, bounded to LOG_LIMIT. */
export function appendLog(log: readonly string[], time: string, line: string): string[] {
  return appendBounded(log, `${time} ${line}`, LOG_LIMIT)
}
