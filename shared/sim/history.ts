import { LOG_LIMIT, SERIES_LIMIT } from './view'

/** `list` with `item` appended, keeping only the newest `limit` entries (a new array). */
export function appendBounded<T>(list: readonly T[], item: T, limit: number): T[] {
  const next = [...list, item]
  return next.length > limit ? next.slice(next.length - limit) : next
}

/** A chart series with a new point (null: nothing to measure), bounded to SERIES_LIMIT. */
export function appendPoint<T extends number | null>(points: readonly T[], point: T): T[] {
  return appendBounded(points, point, SERIES_LIMIT)
}

/** The event log with a new line stamped with logical time, bounded to LOG_LIMIT. */
export function appendLog(log: readonly string[], time: string, line: string): string[] {
  return appendBounded(log, `${time} ${line}`, LOG_LIMIT)
}

/** A logger that appends to a state's event log, stamping each line with the state's logical time. */
export type LogLine = (line: string) => void

/**
 * Runs `change` on a deep copy of `state` with a logger stamped by `stampOf`: engines edit the copy
 * in place with plain code, and the input state is never touched (apply stays pure).
 */
export function onCopy<S extends { log: string[] }>(
  state: S,
  stampOf: (next: S) => string,
  change: (next: S, log: LogLine) => S,
): S {
  const next = structuredClone(state)
  return change(next, (line) => {
    next.log = appendLog(next.log, stampOf(next), line)
  })
}

/** The usual stamp: `t=<tick>`. */
export const tickStamp = (state: { tick: number }): string => `t=${state.tick}`
