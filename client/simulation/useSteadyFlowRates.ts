import { useRef } from 'react'
import type { SimView } from '../../shared/sim/view'

/** How many ticks a call keeps its pace through quiet ticks: a call carrying a few requests a second has ticks with none. */
const HOLD_TICKS = 10

/**
 * Each call's rate as its flow dashes show it, by edge id: in half-octave steps, and held through
 * up to HOLD_TICKS ticks that carried nothing. A run's per-tick counts wobble and drop to zero
 * now and then; every change of pace restarts a dash animation, and a stop and start per quiet
 * tick flickered hundreds of arrows and re-rendered them. Undefined for an edge the view lacks.
 */
export function useSteadyFlowRates(
  edges: SimView['edges'],
  tick: number,
): (edge: string) => number | undefined {
  const held = useRef<{ tick: number; rates: Map<string, { rate: number; tick: number }> }>({
    tick: -1,
    rates: new Map(),
  })
  // a run that starts again (or another run) begins with nothing held
  if (tick < held.current.tick) held.current.rates.clear()
  held.current.tick = tick
  const rates = held.current.rates
  return (edge) => {
    const now = edges[edge]?.rate
    if (now === undefined) return undefined
    const steady = steadyRate(now)
    if (steady !== undefined && steady > 0) {
      rates.set(edge, { rate: steady, tick })
      return steady
    }
    const last = rates.get(edge)
    return last && tick - last.tick <= HOLD_TICKS ? last.rate : steady
  }
}

/** A rate in half-octave steps, so the flow changes pace when the traffic does, not with its noise. */
function steadyRate(rate: number): number | undefined {
  if (!(rate > 0)) return rate
  return 2 ** (Math.round(2 * Math.log2(rate)) / 2)
}
