import { type DrawnSystemState, topologyOf } from './model'

/**
 * The calls a partition cuts, by id (the arrow's shape id): one end on each side. A box in neither
 * group is not cut off from anything, as the traffic model has it.
 */
export function cutCalls(state: DrawnSystemState): string[] {
  const { partition, params } = state
  if (!partition) return []
  const side = new Map<number, 'a' | 'b'>()
  for (const i of partition.a) side.set(i, 'a')
  for (const i of partition.b) side.set(i, 'b')
  const { index } = topologyOf(params)
  return params.calls.flatMap((call) => {
    const from = side.get(index.get(call.from) ?? -1)
    const to = side.get(index.get(call.to) ?? -1)
    return from && to && from !== to ? [call.id] : []
  })
}
