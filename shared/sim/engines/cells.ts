import { z } from 'zod'
import { type SimEngine, tickEventSchema, unreachable } from '../engine'
import { onCopy, tickStamp } from '../history'
import { restartCell } from './cells/control-plane'
import { cellId, cellIndex, tenantNumber } from './cells/placement'
import { advanceOneTick, failCell, pickPoisonTenant, placeTenants, pullPlacementMap } from './cells/traffic'
import { cellsView } from './cells/view'

const cellSchema = z.string().regex(/^cell-[1-9][0-9]*$/)
const tenantSchema = z.string().regex(/^tenant-[1-9][0-9]*$/)

export const cellsParamsSchema = z
  .object({
    /** T: tenants placed at the start. */
    tenants: z.number().int().min(1).max(20_000).default(96),
    /** N: cells (or, with shuffle sharding, workers). */
    cells: z.number().int().min(1).max(64).default(8),
    /** k: cells per tenant; 1 is the classic cell router, k > 1 is shuffle sharding. */
    shuffleShardSize: z.number().int().min(1).max(64).default(1),
    /** Requests each tenant sends per tick. */
    requestsPerTenant: z.number().int().min(1).max(1_000).default(10),
    /**
     * Tenants placed by hand instead of by the router, e.g. to match the tenants a diagram draws
     * (`{ "tenant-1": ["cell-1", "cell-4"] }`); each gets its own node in the view.
     */
    pinnedTenants: z.record(tenantSchema, z.array(cellSchema).min(1)).default({}),
    /** Ticks a deploy wave bakes in its cell before the next wave starts. */
    bakeTicks: z.number().int().min(1).max(100).default(3),
    /** Ticks a bad config runs in a cell before the cell fails (a latent bug, not a failed start). */
    badConfigDelayTicks: z.number().int().min(0).max(100).default(2),
  })
  .strict()
  .refine((params) => params.shuffleShardSize <= params.cells, {
    message: 'shuffleShardSize cannot exceed the number of cells',
    path: ['shuffleShardSize'],
  })
  .refine(
    (params) =>
      Object.entries(params.pinnedTenants).every(
        ([tenant, cells]) =>
          tenantNumber(tenant) <= params.tenants &&
          cells.length === params.shuffleShardSize &&
          new Set(cells).size === cells.length &&
          cells.every((cell) => cellIndex(cell) < params.cells),
      ),
    {
      message:
        'each pinned tenant needs shuffleShardSize distinct existing cells and a number within tenants',
      path: ['pinnedTenants'],
    },
  )
export type CellsParams = z.infer<typeof cellsParamsSchema>

export const failureCauseSchema = z.enum(['bad-deploy', 'poison-tenant', 'infrastructure'])
export type FailureCause = z.infer<typeof failureCauseSchema>

export const cellsEventSchema = z.discriminatedUnion('type', [
  tickEventSchema,
  /** One cell fails for a stated cause. */
  z.object({ type: z.literal('fail-cell'), cell: cellSchema, cause: failureCauseSchema }).strict(),
  /** A tenant whose requests crash whatever serves them (a seeded pick when `tenant` is left out). */
  z.object({ type: z.literal('poison-tenant'), tenant: z.string().optional() }).strict(),
  /** Failed cells restart (one cell, or all); a poison tenant is blocked at the router first. */
  z.object({ type: z.literal('recover'), cell: cellSchema.optional() }).strict(),
  /** The control plane starts a cell-by-cell rollout of the next config version, baking each wave. */
  z
    .object({
      type: z.literal('deploy'),
      bad: z.boolean().default(false),
      /** This rollout's bake per wave (the params' bakeTicks when left out). */
      bakeTicks: z.number().int().min(1).max(100).optional(),
    })
    .strict(),
  /** The control plane rolls every cell back to the last good version. */
  z.object({ type: z.literal('rollback') }).strict(),
  z.object({ type: z.literal('control-plane-outage') }).strict(),
  z.object({ type: z.literal('control-plane-restore') }).strict(),
  /** New tenants sign up; only a working control plane can place them. */
  z.object({ type: z.literal('onboard'), count: z.number().int().min(1).max(10_000) }).strict(),
])
export type CellsEvent = z.infer<typeof cellsEventSchema>

export interface Cell {
  status: 'serving' | 'failed' | 'recovering'
  cause: FailureCause | null
  /** The config version this cell runs (its last known config when the control plane is away). */
  configVersion: number
  /** The tick this cell received its config (a bad one fails it badConfigDelayTicks later). */
  configuredAt: number
  recoveringUntil: number
}

/** One entry of the placement map the control plane keeps (in its config store). */
export interface Tenant {
  id: string
  /** Indexes of the cells that serve it (one, or k with shuffle sharding). */
  cells: number[]
}

/** The router's cached snapshot of the placement map: it routes from this, never from the store. */
export interface RouterCache {
  mapVersion: number
  cells: Record<string, number[]>
}

export interface CellsState {
  params: CellsParams
  seed: number
  tick: number
  /** The placement map (control plane). */
  tenants: Tenant[]
  /** Bumped on every placement change; the router pulls a newer map on its next tick. */
  mapVersion: number
  router: RouterCache
  nextTenant: number
  pendingTenants: number
  cells: Cell[]
  controlPlane: {
    up: boolean
    desiredVersion: number
    lastGoodVersion: number
    badVersions: number[]
    halted: boolean
    /** The running rollout's bake per wave, and the tick the current wave's bake ends. */
    bakeTicks: number
    bakingUntil: number
  }
  poisonTenant: string | null
  blockedTenants: string[]
  /** Requests and failures since tick 0 (cumulative), and in the last tick. */
  totals: { requests: number; failed: number }
  lastTick: { requests: number; failed: number }
  history: { successRate: number[]; affectedShare: number[] }
  log: string[]
}

export const cellsEngine: SimEngine<CellsParams, CellsState, CellsEvent> = {
  id: 'cells',
  params: cellsParamsSchema,
  events: cellsEventSchema,

  init(params, seed) {
    const state: CellsState = {
      params,
      seed,
      tick: 0,
      tenants: [],
      mapVersion: 0,
      router: { mapVersion: 0, cells: {} },
      nextTenant: 1,
      pendingTenants: 0,
      cells: Array.from({ length: params.cells }, () => ({
        status: 'serving',
        cause: null,
        configVersion: 1,
        configuredAt: 0,
        recoveringUntil: 0,
      })),
      controlPlane: {
        up: true,
        desiredVersion: 1,
        lastGoodVersion: 1,
        badVersions: [],
        halted: false,
        bakeTicks: params.bakeTicks,
        bakingUntil: 0,
      },
      poisonTenant: null,
      blockedTenants: [],
      totals: { requests: 0, failed: 0 },
      lastTick: { requests: 0, failed: 0 },
      history: { successRate: [], affectedShare: [] },
      log: [],
    }
    placeTenants(state, params.tenants)
    pullPlacementMap(state)
    return state
  },

  apply(state, event) {
    return onCopy(state, tickStamp, (next, log) => {
      const { controlPlane } = next
      switch (event.type) {
        case 'tick':
          for (let step = 0; step < event.steps; step++) advanceOneTick(next, log)
          return next
        case 'fail-cell': {
          const index = cellIndex(event.cell)
          if (index >= next.cells.length) {
            log(`ignored: there is no ${event.cell}`)
            return next
          }
          failCell(next, index, event.cause)
          log(`${event.cell} failed (${event.cause})`)
          return next
        }
        case 'poison-tenant': {
          const tenant = pickPoisonTenant(next, event.tenant)
          if (!tenant) {
            log(`ignored: no tenant ${event.tenant ?? ''} to poison`)
            return next
          }
          next.poisonTenant = tenant.id
          for (const index of tenant.cells) failCell(next, index, 'poison-tenant')
          log(`${tenant.id} sends poison requests: ${tenant.cells.map(cellId).join(', ')} crash`)
          return next
        }
        case 'recover': {
          if (next.poisonTenant) {
            next.blockedTenants.push(next.poisonTenant)
            log(`${next.poisonTenant} blocked at the router`)
            next.poisonTenant = null
          }
          next.cells.forEach((cell, index) => {
            if (cell.status !== 'failed' || (event.cell && cellId(index) !== event.cell)) return
            restartCell(next, index)
            log(`${cellId(index)} restarting`)
          })
          return next
        }
        case 'deploy': {
          if (!controlPlane.up) {
            log('deploy refused: the control plane is down')
            return next
          }
          controlPlane.desiredVersion++
          controlPlane.halted = false
          controlPlane.bakeTicks = event.bakeTicks ?? next.params.bakeTicks
          controlPlane.bakingUntil = next.tick
          if (event.bad) controlPlane.badVersions.push(controlPlane.desiredVersion)
          log(
            `control plane rolls out config v${controlPlane.desiredVersion}, one cell per wave, ${controlPlane.bakeTicks}-tick bake`,
          )
          return next
        }
        case 'rollback':
          if (!controlPlane.up) {
            log('rollback refused: the control plane is down')
            return next
          }
          controlPlane.desiredVersion = controlPlane.lastGoodVersion
          controlPlane.halted = false
          log(`control plane rolls back to config v${controlPlane.lastGoodVersion}`)
          // going back to a known good config needs no bake: every cell on a bad one gets it now
          next.cells.forEach((cell, index) => {
            if (cell.status === 'failed' && cell.cause === 'bad-deploy') restartCell(next, index)
            else if (controlPlane.badVersions.includes(cell.configVersion)) {
              next.cells[index] = {
                ...cell,
                configVersion: controlPlane.lastGoodVersion,
                configuredAt: next.tick,
              }
            }
          })
          return next
        case 'control-plane-outage':
          controlPlane.up = false
          log('control plane down: cells keep serving on their last known config')
          return next
        case 'control-plane-restore':
          controlPlane.up = true
          log('control plane back')
          if (next.pendingTenants > 0) {
            const waiting = next.pendingTenants
            next.pendingTenants = 0
            placeTenants(next, waiting)
            log(`${waiting} waiting tenant(s) placed`)
          }
          return next
        case 'onboard':
          if (controlPlane.up) {
            placeTenants(next, event.count)
            log(`${event.count} new tenant(s) placed`)
          } else {
            next.pendingTenants += event.count
            log(`${event.count} new tenant(s) wait: no control plane to place them`)
          }
          return next
        default:
          return unreachable(event)
      }
    })
  },

  view: cellsView,
}
