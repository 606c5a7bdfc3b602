import { formatCount, formatPercent, round } from '../../format'
import { type EdgeView, edgeId, type Health, type NodeView, type SimView } from '../../view'
import type { CellsState } from '../cells'
import { cellId, choose } from './placement'

/**
 * Who a failure reaches: tenants with every cell down, tenants with some down, tenants the router
 * cannot route yet (placed after its last map pull), and tenants whose requests fail.
 */
export interface TenantImpact {
  fullyAffected: number
  partiallyAffected: number
  unrouted: number
  failingTenants: number
}

/** The cells the router sends a tenant to: its cached map's entry, or none before the map has it. */
export function routedCells(state: CellsState, tenant: string): readonly number[] {
  return state.router.cells[tenant] ?? []
}

/** Counts tenants by how many of their routed cells are down (blocked tenants fail whatever their cells do). */
export function tenantImpact(state: CellsState): TenantImpact {
  const down = state.cells.map((cell) => cell.status === 'failed')
  const blocked = new Set(state.blockedTenants)
  let fullyAffected = 0
  let partiallyAffected = 0
  let unrouted = 0
  let failingTenants = 0
  for (const tenant of state.tenants) {
    const cells = routedCells(state, tenant.id)
    const downCells = cells.filter((index) => down[index]).length
    const allDown = cells.length > 0 && downCells === cells.length
    if (cells.length === 0) unrouted++
    else if (allDown) fullyAffected++
    else if (downCells > 0) partiallyAffected++
    if (cells.length === 0 || allDown || blocked.has(tenant.id)) failingTenants++
  }
  return { fullyAffected, partiallyAffected, unrouted, failingTenants }
}

/** The panel and overlay for a cells state. */
export function cellsView(state: CellsState): SimView {
  const { params, controlPlane } = state
  const tenants = state.tenants.length
  const impact = tenantImpact(state)
  const share = (count: number) => (tenants === 0 ? 0 : count / tenants)
  const staleCells = state.cells.filter((cell) => cell.configVersion !== controlPlane.desiredVersion).length
  const requestsPerCell = routedRequests(state)
  const shuffleSharding = params.shuffleShardSize > 1

  const nodes: Record<string, NodeView> = {
    tenants: {
      health: impact.fullyAffected > 0 ? 'degraded' : 'healthy',
      badges: [
        `${formatCount(tenants)} tenants`,
        `${formatCount(impact.fullyAffected)}/${formatCount(tenants)} down (${formatPercent(share(impact.fullyAffected))})`,
        ...(state.pendingTenants > 0 ? [`${formatCount(state.pendingTenants)} waiting to be placed`] : []),
      ],
    },
    router: {
      health: impact.unrouted > 0 ? 'hot' : 'healthy',
      badges: [
        `cached map v${state.router.mapVersion}${state.router.mapVersion < state.mapVersion ? ` (v${state.mapVersion} in store)` : ''}`,
        ...(shuffleSharding ? [`shuffle shards of ${params.shuffleShardSize}/${params.cells}`] : []),
        ...(impact.unrouted > 0 ? [`${formatCount(impact.unrouted)} tenants not in its map yet`] : []),
      ],
    },
    'control-plane': {
      health: controlPlane.up ? (controlPlane.halted ? 'degraded' : 'healthy') : 'failed',
      badges: [
        `desired v${controlPlane.desiredVersion}`,
        controlPlane.up
          ? controlPlane.halted
            ? 'rollout halted'
            : 'pushing'
          : 'down: data plane on last config',
      ],
    },
  }
  // tenants the params pin get their own box: the ones a diagram draws
  const blocked = new Set(state.blockedTenants)
  for (const tenant of state.tenants) {
    if (!Object.hasOwn(params.pinnedTenants, tenant.id)) continue
    const cells = routedCells(state, tenant.id)
    const down = cells.filter((index) => state.cells[index]?.status === 'failed').length
    const health: Health =
      down === cells.length || blocked.has(tenant.id) ? 'failed' : down > 0 ? 'degraded' : 'healthy'
    nodes[tenant.id] = {
      health,
      badges: [
        tenant.cells.map(cellId).join(' + '),
        ...(tenant.id === state.poisonTenant ? ['poison'] : []),
        ...(blocked.has(tenant.id) ? ['blocked'] : []),
      ],
    }
  }
  const edges: Record<string, EdgeView> = {
    [edgeId('tenants', 'router')]: {
      rate: tenants * params.requestsPerTenant,
      label: `${formatCount(tenants * params.requestsPerTenant)} req/tick`,
    },
    [edgeId('control-plane', 'router')]: {
      rate: controlPlane.up ? 1 : 0,
      label: controlPlane.up ? `map v${state.mapVersion}` : 'no pulls: cached map kept',
    },
  }
  state.cells.forEach((cell, index) => {
    const id = cellId(index)
    const placed = state.tenants.filter((tenant) => tenant.cells.includes(index)).length
    const baking =
      controlPlane.up &&
      cell.status === 'serving' &&
      cell.configVersion === controlPlane.desiredVersion &&
      state.tick < controlPlane.bakingUntil &&
      cell.configuredAt + controlPlane.bakeTicks === controlPlane.bakingUntil
    const stale = cell.configVersion !== controlPlane.desiredVersion
    const health: Health =
      cell.status === 'failed' ? 'failed' : cell.status === 'recovering' ? 'recovering' : 'healthy'
    nodes[id] = {
      health,
      badges: [
        `${formatCount(placed)} tenants`,
        `config v${cell.configVersion}${stale ? (controlPlane.up ? ' (updating)' : ' (stale)') : baking ? ' (baking)' : ''}`,
        ...(cell.cause ? [cell.cause] : []),
      ],
    }
    const routed = requestsPerCell[index] ?? 0
    edges[edgeId('router', id)] = { rate: routed, label: `${formatCount(routed)} req/tick` }
    edges[edgeId('control-plane', id)] = {
      rate: controlPlane.up && stale ? 1 : 0,
      label: `v${cell.configVersion}${stale && !controlPlane.up ? ' stale' : ''}`,
    }
  })

  const { requests, failed } = state.totals
  const successPercent = (counts: { requests: number; failed: number }) =>
    round(counts.requests === 0 ? 100 : ((counts.requests - counts.failed) / counts.requests) * 100)
  return {
    clock: { value: state.tick, unit: 'tick' },
    nodes,
    edges,
    metrics: [
      { id: 'tenants', label: 'Tenants placed', value: tenants, unit: 'tenants' },
      { id: 'affected-tenants', label: 'Tenants fully down', value: impact.fullyAffected, unit: 'tenants' },
      {
        id: 'affected-share',
        label: 'Blast radius',
        value: round(share(impact.fullyAffected) * 100),
        unit: '%',
      },
      {
        id: 'partially-affected-tenants',
        label: 'Tenants with some cells down',
        value: impact.partiallyAffected,
        unit: 'tenants',
      },
      {
        id: 'shared-shard-odds',
        label: shuffleSharding
          ? 'Chance another tenant shares every cell (1/C(N,k))'
          : 'Chance another tenant shares the cell (1/N)',
        value: round(100 / choose(params.cells, params.shuffleShardSize), 2),
        unit: '%',
      },
      {
        id: 'failed-cells',
        label: 'Failed cells',
        value: state.cells.filter((cell) => cell.status === 'failed').length,
        unit: 'cells',
      },
      { id: 'stale-cells', label: 'Cells behind the desired config', value: staleCells, unit: 'cells' },
      {
        id: 'pending-tenants',
        label: 'Tenants waiting for placement',
        value: state.pendingTenants,
        unit: 'tenants',
      },
      {
        id: 'unrouted-tenants',
        label: 'Tenants not yet in the router’s map',
        value: impact.unrouted,
        unit: 'tenants',
      },
      {
        id: 'tick-success-rate',
        label: 'Request success per tick',
        value: successPercent(state.lastTick),
        unit: '%',
      },
      {
        id: 'success-rate',
        label: 'Request success since tick 0',
        value: successPercent({ requests, failed }),
        unit: '%',
      },
    ],
    series: [
      {
        id: 'tick-success-rate',
        label: 'Request success per tick (%)',
        points: state.history.successRate.map((point) => round(point)),
      },
      {
        id: 'affected-share',
        label: 'Blast radius (%)',
        points: state.history.affectedShare.map((point) => round(point)),
      },
    ],
    log: state.log,
  }
}

/** Requests per tick each cell serves: a tenant spreads its requests over its cells that still serve. */
function routedRequests(state: CellsState): number[] {
  const perCell = state.cells.map(() => 0)
  const blocked = new Set(state.blockedTenants)
  for (const tenant of state.tenants) {
    if (blocked.has(tenant.id)) continue
    const serving = routedCells(state, tenant.id).filter((index) => state.cells[index]?.status !== 'failed')
    for (const index of serving)
      perCell[index] = (perCell[index] ?? 0) + state.params.requestsPerTenant / serving.length
  }
  return perCell.map((rate) => round(rate, 1))
}
