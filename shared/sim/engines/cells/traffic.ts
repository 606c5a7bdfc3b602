/** What the cells engine does between events: placing tenants, failing cells, one tick of traffic. */
import { appendPoint } from '../../history'
import { randomStream } from '../../random'
import type { Cell, CellsState, FailureCause, Tenant } from '../cells'
import { pushConfig } from './control-plane'
import { cellId, cellIndex, placeTenant, tenantId } from './placement'
import { tenantImpact } from './view'

/** Places `count` new tenants with the cell router, or where the params pin them (in place). */
export function placeTenants(state: CellsState, count: number): void {
  const { cells, shuffleShardSize, pinnedTenants } = state.params
  for (let i = 0; i < count; i++) {
    const id = tenantId(state.nextTenant)
    const pinned = pinnedTenants[id]?.map(cellIndex).sort((a, b) => a - b)
    const tenantsPerCell = Array.from({ length: cells }, () => 0)
    for (const tenant of state.tenants) {
      for (const index of tenant.cells) tenantsPerCell[index] = (tenantsPerCell[index] ?? 0) + 1
    }
    const placed = pinned ?? placeTenant(state.seed, id, tenantsPerCell, shuffleShardSize)
    state.tenants.push({ id, cells: placed })
    state.nextTenant++
  }
  if (count > 0) state.mapVersion++
}

/** The router replaces its cached map with the control plane's current one (in place). */
export function pullPlacementMap(state: CellsState): void {
  state.router = {
    mapVersion: state.mapVersion,
    cells: Object.fromEntries(state.tenants.map((tenant) => [tenant.id, [...tenant.cells]])),
  }
}

export function failCell(state: CellsState, index: number, cause: FailureCause): void {
  const cell = state.cells[index]
  if (cell) state.cells[index] = { ...cell, status: 'failed', cause }
}

/** The named tenant, or a seeded pick when none is named. */
export function pickPoisonTenant(state: CellsState, requested: string | undefined): Tenant | undefined {
  if (requested !== undefined) return state.tenants.find((tenant) => tenant.id === requested)
  if (state.tenants.length === 0) return undefined
  const pick = randomStream(state.seed, 'poison-tenant', state.tick).below(state.tenants.length)
  return state.tenants[pick]
}

/**
 * One tick: cells finish restarting, bad configs that have run long enough fail their cells, the
 * router pulls a newer placement map, the control plane advances its rollout, tenants send requests
 * (in place).
 */
export function advanceOneTick(state: CellsState, log: (line: string) => void): void {
  state.tick++
  const { badVersions } = state.controlPlane
  state.cells.forEach((cell, index) => {
    if (cell.status === 'recovering' && state.tick >= cell.recoveringUntil) {
      state.cells[index] = { ...cell, status: 'serving' }
      log(`${cellId(index)} serving again`)
    }
    const current = state.cells[index] as Cell
    const broken = badVersions.includes(current.configVersion)
    if (
      current.status === 'serving' &&
      broken &&
      state.tick >= current.configuredAt + state.params.badConfigDelayTicks
    ) {
      state.cells[index] = { ...current, status: 'failed', cause: 'bad-deploy' }
      log(`${cellId(index)} fails on config v${current.configVersion}`)
    }
  })
  if (state.controlPlane.up && state.router.mapVersion < state.mapVersion) {
    pullPlacementMap(state)
    log(`router pulls placement map v${state.mapVersion}`)
  }
  pushConfig(state, log)

  const impact = tenantImpact(state)
  const requests = state.tenants.length * state.params.requestsPerTenant
  const failed = impact.failingTenants * state.params.requestsPerTenant
  state.totals.requests += requests
  state.totals.failed += failed
  state.lastTick = { requests, failed }
  const { history } = state
  history.successRate = appendPoint(
    history.successRate,
    requests === 0 ? 100 : ((requests - failed) / requests) * 100,
  )
  history.affectedShare = appendPoint(
    history.affectedShare,
    state.tenants.length === 0 ? 0 : (impact.fullyAffected / state.tenants.length) * 100,
  )
}
