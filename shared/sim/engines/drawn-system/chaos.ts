import { z } from 'zod'
import { boxIdSchema } from '../../../diagram/graph-snapshot'
import type { LogLine } from '../../history'
import { randomStream } from '../../random'
import { type BoxChaos, type DrawnSystemState, NO_CHAOS, topologyOf } from './model'
import { rescheduleSources } from './tick'

const boxList = z.array(boxIdSchema).min(1).max(400)

/** Chaos a facilitator injects at any moment (issue 15 §4); `undo-chaos` takes it back. */
export const chaosEventSchemas = [
  /** Every replica of a box goes down: calls to it are refused, work in progress fails. */
  z.object({ type: z.literal('kill-box'), box: boxIdSchema }).strict(),
  /** A box's service time and base latency are multiplied by `factor`. */
  z
    .object({ type: z.literal('slow-box'), box: boxIdSchema, factor: z.number().min(1).max(100).default(10) })
    .strict(),
  /** Every traffic source sends `factor` times its rate, for `ticks` ticks (null: until undone). */
  z
    .object({
      type: z.literal('traffic-spike'),
      factor: z.number().min(1).max(50).default(5),
      ticks: z.number().int().min(1).max(10_000).nullable().default(null),
    })
    .strict(),
  /** A cache (or CDN) loses its contents: its hit ratio restarts at 0 and warms back. */
  z.object({ type: z.literal('cache-flush'), box: boxIdSchema }).strict(),
  /** Calls between a box of `a` and a box of `b` are lost: callers wait for their timeout. */
  z.object({ type: z.literal('partition'), a: boxList, b: boxList }).strict(),
  /** A dependency answers a share of its requests with errors. */
  z
    .object({
      type: z.literal('fail-dependency'),
      box: boxIdSchema,
      errorRate: z.number().min(0).max(1).default(1),
    })
    .strict(),
  /** Takes back chaos: one box's, or all of it when `box` is left out. */
  z.object({ type: z.literal('undo-chaos'), box: boxIdSchema.optional() }).strict(),
] as const

export type ChaosEvent = z.infer<(typeof chaosEventSchemas)[number]>

/** Applies one chaos event to a copied state (in place). Unknown boxes are logged as ignored. */
export function applyChaos(state: DrawnSystemState, event: ChaosEvent, log: LogLine): void {
  const topology = topologyOf(state.params)
  const find = (id: string) => {
    const index = topology.index.get(id)
    if (index === undefined) log(`ignored: no box ${id}`)
    return index
  }
  const name = (index: number) => state.params.boxes[index]?.label || state.params.boxes[index]?.id || ''
  // chaos entries are replaced, never edited: the state copy shares them with the input
  const setChaos = (id: string, change: Partial<BoxChaos>) => {
    state.chaos[id] = { ...(state.chaos[id] ?? NO_CHAOS), ...change }
  }
  const restartSources = (label: string) =>
    rescheduleSources(state, topology.sources, randomStream(state.seed, label, state.tick, state.nextSeq))

  switch (event.type) {
    case 'kill-box': {
      const i = find(event.box)
      if (i === undefined) return
      setChaos(event.box, { killed: true })
      log(`${name(i)} killed`)
      return
    }
    case 'slow-box': {
      const i = find(event.box)
      if (i === undefined) return
      setChaos(event.box, { slow: event.factor })
      log(`${name(i)} slowed ${event.factor}×`)
      return
    }
    case 'traffic-spike':
      state.spike = {
        factor: event.factor,
        untilTick: event.ticks === null ? null : state.tick + event.ticks,
      }
      restartSources('spike')
      log(`traffic spike ${event.factor}×${event.ticks === null ? '' : ` for ${event.ticks} ticks`}`)
      return
    case 'cache-flush': {
      const i = find(event.box)
      if (i === undefined) return
      if (!topology.caching[i]) {
        log(`ignored: ${name(i)} is not a cache`)
        return
      }
      setChaos(event.box, { flushedAt: state.tick })
      log(`${name(i)} flushed: every lookup misses until it warms up`)
      return
    }
    case 'partition': {
      const a = event.a.map(find).filter((i): i is number => i !== undefined)
      const b = event.b.map(find).filter((i): i is number => i !== undefined && !a.includes(i))
      if (a.length === 0 || b.length === 0) return
      state.partition = { a, b }
      log(`partition: ${a.map(name).join(', ')} | ${b.map(name).join(', ')}`)
      return
    }
    case 'fail-dependency': {
      const i = find(event.box)
      if (i === undefined) return
      setChaos(event.box, { errorRate: event.errorRate })
      log(`${name(i)} answers ${Math.round(event.errorRate * 100)}% of requests with errors`)
      return
    }
    case 'undo-chaos': {
      // a killed traffic source scheduled nothing more: it starts sending again
      const revived = (ids: readonly string[]) =>
        topology.sources.filter((i) => {
          const id = state.params.boxes[i]?.id ?? ''
          return ids.includes(id) && state.chaos[id]?.killed
        })
      if (event.box !== undefined) {
        const i = find(event.box)
        if (i === undefined) return
        const sources = revived([event.box])
        delete state.chaos[event.box]
        if (sources.length > 0)
          rescheduleSources(state, sources, randomStream(state.seed, 'revive', state.tick, state.nextSeq))
        log(`chaos on ${name(i)} undone`)
        return
      }
      const sources = revived(Object.keys(state.chaos))
      state.chaos = {}
      state.partition = null
      if (state.spike) {
        state.spike = null
        restartSources('spike-end')
      } else if (sources.length > 0)
        rescheduleSources(state, sources, randomStream(state.seed, 'revive', state.tick, state.nextSeq))
      log('chaos undone')
      return
    }
    default:
      event satisfies never
  }
}
