import { z } from 'zod'

/** How long a chart series may grow at one point per logical time unit: the newest points win. */
export const SERIES_LIMIT = 60
/**
 * The most points a series may carry in all: SERIES_LIMIT recent ones plus a coarser stretch
 * before them (a drawn run keeps three minutes at one point a second). Bounded because the view
 * is rebuilt on every screen every tick.
 */
export const SERIES_POINTS_MAX = 240
/** How many event log lines a view keeps: the newest lines win. */
export const LOG_LIMIT = 40

/** The colour a box on the canvas gets. */
export const healthSchema = z.enum(['healthy', 'hot', 'degraded', 'failed', 'recovering'])
export type Health = z.infer<typeof healthSchema>

/** One engine entity (bound later to a template node): its health and short badges. */
export const nodeViewSchema = z.object({ health: healthSchema, badges: z.array(z.string()) })
export type NodeView = z.infer<typeof nodeViewSchema>

/** Flow along an entity edge `from->to`: a rate (items per logical time unit) and its label. */
export const edgeViewSchema = z.object({ rate: z.number().min(0), label: z.string() })
export type EdgeView = z.infer<typeof edgeViewSchema>

/**
 * A figure for the metrics list; `value` is finite (a negative drain time means "never"), or null
 * when there is nothing to measure (no successful request, no latency), with a `hint` saying why.
 */
export const metricSchema = z.object({
  id: z.string(),
  label: z.string(),
  value: z.number().nullable(),
  unit: z.string(),
  hint: z.string().optional(),
})
export type Metric = z.infer<typeof metricSchema>

/**
 * A short time series for a small chart, oldest point first; a null point is a gap (nothing to
 * measure then). `ticks`, when given, is the logical time of each point (ascending, one per point);
 * without it the points are consecutive and end at the view's clock.
 */
export const seriesSchema = z
  .object({
    id: z.string(),
    label: z.string(),
    points: z.array(z.number().nullable()).max(SERIES_POINTS_MAX),
    ticks: z.array(z.number().int().min(0)).max(SERIES_POINTS_MAX).optional(),
  })
  .refine((s) => s.ticks === undefined || s.ticks.length === s.points.length, {
    message: 'a series needs one tick per point',
  })
export type Series = z.infer<typeof seriesSchema>

/** Logical time as the engine counts it, e.g. `{ value: 42, unit: 'tick' }`. */
export const clockSchema = z.object({ value: z.number().int().min(0), unit: z.string() })

/**
 * What an engine shows for a state: everything the simulation panel and the canvas overlay draw.
 * Narration belongs to the scenario step, not the engine.
 */
export const simViewSchema = z.object({
  clock: clockSchema,
  nodes: z.record(z.string(), nodeViewSchema),
  edges: z.record(z.string(), edgeViewSchema),
  metrics: z.array(metricSchema),
  series: z.array(seriesSchema),
  log: z.array(z.string()).max(LOG_LIMIT),
})
export type SimView = z.infer<typeof simViewSchema>

/** The id of the edge between two entities, as views and scenario bindings spell it. */
export function edgeId(from: string, to: string): string {
  return `${from}->${to}`
}
