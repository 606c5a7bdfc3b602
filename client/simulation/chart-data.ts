import type { Series } from '../../shared/sim/view'

/** A series as one run drew it, with the tick that run had reached. */
export interface RunSeries {
  series: Series
  endTick: number
}

/** The tick of each point: the series' own, or consecutive ticks ending at `endTick`. */
export function ticksOf({ series, endTick }: RunSeries): number[] {
  if (series.ticks) return series.ticks
  const first = endTick - series.points.length + 1
  return series.points.map((_, i) => first + i)
}

/**
 * uPlot data for runs laid over one another by tick since each run started (every run starts at
 * tick 0), so run A and run B overlay. The x range is the current runs' (`current`); `compared`
 * lines are drawn where they overlap it. A null point stays null (a gap: nothing measured), and a
 * tick where a line has no point at all is `undefined`, which uPlot draws straight across.
 */
export function overlayData(
  current: readonly RunSeries[],
  compared: readonly RunSeries[],
): [number[], ...(number | null | undefined)[][]] {
  const all = [...current, ...compared]
  const ticks = all.map(ticksOf)
  const framing = current.length > 0 ? ticks.slice(0, current.length) : ticks
  const first = Math.min(...framing.map((t) => t[0] ?? Number.POSITIVE_INFINITY))
  const last = Math.max(...current.map((run) => run.endTick), ...framing.map((t) => t.at(-1) ?? 0))
  const xs = [...new Set(ticks.flat().filter((t) => t >= first && t <= last))].sort((a, b) => a - b)
  const lines = all.map((run, i) => {
    const at = new Map((ticks[i] ?? []).map((tick, j) => [tick, run.series.points[j] ?? null]))
    return xs.map((x) => at.get(x))
  })
  return [xs, ...lines]
}
