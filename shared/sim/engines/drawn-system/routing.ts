import type { Random } from '../../random'
import type { Resolved, Topology } from './model'

/**
 * The calls one visit to box `b` makes, in order. A routing box (client, balancer, gateway,
 * queue) picks ONE call, weighted by share; a balancer's health checks skip killed targets, and a
 * retry (`excluding` its last target) goes elsewhere when it can. Any other box makes each call
 * with probability = its share (every call when the share is unset).
 */
export function planCalls(
  topology: Topology,
  now: Resolved,
  random: Random,
  b: number,
  excluding = -1,
): number[] {
  const outgoing = topology.outgoing[b] ?? []
  if (outgoing.length === 0) return []
  if (!topology.routing[b]) {
    return outgoing.filter((call) => {
      const share = now.calls[call]?.share ?? null
      return share === null || share >= 1 || random.chance(share)
    })
  }
  const balancer = topology.kinds[b] === 'load-balancer'
  const usable = (call: number) => {
    const to = topology.target[call] as number
    return to !== excluding && !(balancer && now.chaos[to]?.killed)
  }
  const candidates = outgoing.filter(usable)
  const pool = candidates.length > 0 ? candidates : outgoing
  const weights = pool.map((call) => now.calls[call]?.share ?? 1)
  const total = weights.reduce((sum, weight) => sum + weight, 0)
  if (total <= 0) return [pool[0] as number]
  let draw = random.float() * total
  for (let i = 0; i < pool.length; i++) {
    draw -= weights[i] as number
    if (draw < 0) return [pool[i] as number]
  }
  return [pool[pool.length - 1] as number]
}
