import { formatCount, formatPercent, round } from '../../format'
import { type EdgeView, edgeId, type Health, type NodeView, type SimView } from '../../view'
import type { CellsState } from '../cells'
import { cellId, choose } from './placement'

/** Who a failure reaches: tenants with every cell down, tenants with some down, tenants whose requests fail. */
export interface TenantImpact {
  fullyAffected: number
  partiallyAffected: number
  failingTenants: number
}

/** Counts tenants by how many of their cells are down (blocked tenants fail whatever their cells do). */
export function tenantImpact(state: CellsState): TenantImpact {
  const down = state.cells.map((cell) => cell.status === 'failed')
  const blocked = new Set(state.blockedTenants)
  let fullyAffected = 0
  let partiallyAffected = 0
  let failingTenants = 0
  for (const tenant of state.tenants) {
    const downCells = tenant.cells.filter((index) => down[index]).length
    const allDown = downCells === tenant.cells.length
    if (allDown) fullyAffected++
    else if (downCells > 0) partiallyAffected++
    if (allDown || blocked.has(tenant.id)) failingTenants++
  }
  return { fullyAffected, partiallyAffected, failingTenants }
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
      health: 'healthy',
      badges: [
        shuffleSharding
          ? `shuffle shards of ${params.shuffleShardSize}/${params.cells}`
          : `hash mod ${params.cells}`,
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
    const down = tenant.cells.filter((index) => state.cells[index]?.status === 'failed').length
    const health: Health =
      down === tenant.cells.length || blocked.has(tenant.id) ? 'failed' : down > 0 ? 'degraded' : 'healthy'
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
  }
  state.cells.forEach((cell, index) => {
    const id = cellId(index)
    const placed = state.tenants.filter((tenant) => tenant.cells.includes(index)).length
    const stale = cell.configVersion !== controlPlane.desiredVersion
    const health: Health =
      cell.status === 'failed' ? 'failed' : cell.status === 'recovering' ? 'recovering' : 'healthy'
    nodes[id] = {
      health,
      badges: [
        `${formatCount(placed)} tenants`,
        `config v${cell.configVersion}${stale ? (controlPlane.up ? ' (updating)' : ' (stale)') : ''}`,
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
        id: 'success-rate',
        label: 'Request success',
        value: round(requests === 0 ? 100 : ((requests - failed) / requests) * 100),
        unit: '%',
      },
    ],
    series: [
      {
        id: 'success-rate',
        label: 'Request success (%)',
        points: state.history.successRate.map((point) => round(point)),
      },
      {
        id: 'affected-share',
        label: 'Tenants fully down (%)',
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
    const serving = tenant.cells.filter((index) => state.cells[index]?.status !== 'failed')
    for (const index of serving)
      perCell[index] = (perCell[index] ?? 0) + state.params.requestsPerTenant / serving.length
  }
  return perCell.map((rate) => round(rate, 1))
}
