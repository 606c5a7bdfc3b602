import { describe, expect, it } from 'vitest'
import { type CellsState, cellsEngine } from '../../../shared/sim/engines/cells'
import { choose } from '../../../shared/sim/engines/cells/placement'
import { mean, metric } from './sim-test-kit'

const engine = cellsEngine
const run = (rawParams: unknown, seed: number, rawEvents: unknown[]): CellsState =>
  rawEvents.reduce<CellsState>(
    (state, raw) => engine.apply(state, engine.events.parse(raw)),
    engine.init(engine.params.parse(rawParams), seed),
  )

/** The cell the placement map (the control plane's record) holds for a tenant. */
const mappedCell = (state: CellsState, tenant: string) => state.tenants.find((t) => t.id === tenant)?.cells[0]

describe('cells engine', () => {
  it('limits a failed cell to exactly its own tenants, about 1/N of them', () => {
    const shares: number[] = []
    for (let seed = 0; seed < 20; seed++) {
      const state = run({ tenants: 1_000, cells: 8 }, seed, [
        { type: 'fail-cell', cell: 'cell-3', cause: 'bad-deploy' },
      ])
      const inCell3 = state.tenants.filter((tenant) => mappedCell(state, tenant.id) === 2).length
      const view = engine.view(state)
      expect(metric(view, 'affected-tenants')).toBe(inCell3)
      expect(metric(view, 'affected-share')).toBeCloseTo((inCell3 / 1_000) * 100, 2)
      expect(view.nodes['cell-3']?.health).toBe('failed')
      expect(view.nodes['cell-4']?.health).toBe('healthy')
      shares.push(inCell3 / 1_000)
    }
    expect(Math.abs(mean(shares) - 1 / 8)).toBeLessThan(0.01)
    for (const share of shares) expect(Math.abs(share - 1 / 8)).toBeLessThan(0.04)
  })

  it('takes down only the poison tenant’s cell and counts the tenants sharing it', () => {
    const state = run({ tenants: 500, cells: 10 }, 4, [{ type: 'poison-tenant', tenant: 'tenant-17' }])
    const poisonCell = mappedCell(state, 'tenant-17') ?? -1
    const neighbours = state.tenants.filter((tenant) => mappedCell(state, tenant.id) === poisonCell).length
    expect(state.cells.filter((cell) => cell.status === 'failed')).toHaveLength(1)
    expect(state.cells[poisonCell]?.cause).toBe('poison-tenant')
    expect(metric(engine.view(state), 'affected-tenants')).toBe(neighbours)
  })

  it('with shuffle sharding, matches the combinatorics of shared shards: 1/C(W,k) share all, 1 − C(W−k,k)/C(W,k) share one', () => {
    for (const [workers, k] of [
      [8, 2],
      [10, 3],
    ] as const) {
      const sharingAll: number[] = []
      const sharingSome: number[] = []
      for (let seed = 0; seed < 40; seed++) {
        const state = run({ tenants: 500, cells: workers, shuffleShardSize: k }, seed, [
          { type: 'poison-tenant' },
        ])
        const poison = state.tenants.find((tenant) => tenant.id === state.poisonTenant)
        if (!poison) throw new Error('no poison tenant')
        expect(state.cells.filter((cell) => cell.status === 'failed')).toHaveLength(k)
        const others = state.tenants.filter((tenant) => tenant !== poison)
        for (const tenant of state.tenants) expect(new Set(tenant.cells).size).toBe(k)
        const shared = others.map(
          (tenant) => tenant.cells.filter((cell) => poison.cells.includes(cell)).length,
        )
        const all = shared.filter((count) => count === k).length
        const some = shared.filter((count) => count > 0 && count < k).length
        // the engine's blast radius is the same count (plus the poison tenant itself)
        const view = engine.view(state)
        expect(metric(view, 'affected-tenants')).toBe(all + 1)
        expect(metric(view, 'partially-affected-tenants')).toBe(some)
        sharingAll.push(all / others.length)
        sharingSome.push((all + some) / others.length)
      }
      const expectedAll = 1 / choose(workers, k)
      const expectedSome = 1 - choose(workers - k, k) / choose(workers, k)
      expect(Math.abs(mean(sharingAll) - expectedAll)).toBeLessThan(0.15 * expectedAll)
      expect(Math.abs(mean(sharingSome) - expectedSome)).toBeLessThan(0.03)
    }
  })

  it('places pinned tenants where the diagram draws them and gives each its own box', () => {
    const pinnedTenants = { 'tenant-1': ['cell-1', 'cell-4'], 'tenant-2': ['cell-2', 'cell-5'] }
    const state = run({ tenants: 50, cells: 6, shuffleShardSize: 2, pinnedTenants }, 3, [
      { type: 'poison-tenant', tenant: 'tenant-1' },
    ])
    expect(state.tenants[0]?.cells).toEqual([0, 3])
    const view = engine.view(state)
    expect(view.nodes['tenant-1']).toEqual({ health: 'failed', badges: ['cell-1 + cell-4', 'poison'] })
    expect(view.nodes['tenant-2']?.health).toBe('healthy')
    expect(view.nodes['tenant-3']).toBeUndefined()
    expect(
      engine.params.safeParse({
        cells: 6,
        shuffleShardSize: 2,
        pinnedTenants: { 'tenant-1': ['cell-1', 'cell-9'] },
      }).success,
    ).toBe(false)
  })

  it('keeps serving on the last known config through a control-plane outage, and places no tenant', () => {
    const state = run({ tenants: 96, cells: 8 }, 2, [
      { type: 'deploy', bad: false },
      { type: 'tick', steps: 7 },
      { type: 'control-plane-outage' },
      { type: 'deploy', bad: false },
      { type: 'onboard', count: 10 },
      { type: 'tick', steps: 10 },
    ])
    const view = engine.view(state)
    expect(state.cells.map((cell) => cell.configVersion)).toEqual([2, 2, 2, 1, 1, 1, 1, 1])
    expect(metric(view, 'success-rate')).toBe(100)
    expect(metric(view, 'tenants')).toBe(96)
    expect(metric(view, 'pending-tenants')).toBe(10)
    expect(view.nodes['cell-5']?.badges).toContain('config v1 (stale)')
    expect(view.nodes['control-plane']?.health).toBe('failed')

    const restored = run({ tenants: 96, cells: 8 }, 2, [
      { type: 'deploy', bad: false },
      { type: 'tick', steps: 7 },
      { type: 'control-plane-outage' },
      { type: 'onboard', count: 10 },
      { type: 'control-plane-restore' },
      { type: 'tick', steps: 16 },
    ])
    expect(restored.tenants).toHaveLength(106)
    expect(restored.cells.every((cell) => cell.configVersion === 2)).toBe(true)
  })

  it('halts a bad rollout at the first cell, and a rollback brings that cell back on the good config', () => {
    const failed = run({ tenants: 400, cells: 8 }, 9, [
      { type: 'deploy', bad: true },
      { type: 'tick', steps: 8 },
    ])
    expect(failed.cells.map((cell) => cell.status)).toEqual(['failed', ...Array(7).fill('serving')])
    expect(failed.controlPlane.halted).toBe(true)
    const inCell1 = failed.tenants.filter((tenant) => mappedCell(failed, tenant.id) === 0).length
    expect(metric(engine.view(failed), 'affected-tenants')).toBe(inCell1)
    expect(metric(engine.view(failed), 'tick-success-rate')).toBeCloseTo(100 * (1 - inCell1 / 400), 1)

    const rolledBack = [{ type: 'rollback' }, { type: 'tick', steps: 4 }].reduce<CellsState>(
      (state, raw) => engine.apply(state, engine.events.parse(raw)),
      failed,
    )
    expect(rolledBack.cells.every((cell) => cell.status === 'serving' && cell.configVersion === 1)).toBe(true)
    expect(metric(engine.view(rolledBack), 'affected-tenants')).toBe(0)
  })

  it('places each new tenant in the least-loaded cell, so N cells hold ⌊T/N⌋ or ⌈T/N⌉ tenants', () => {
    for (const [tenants, cells] of [
      [96, 3],
      [1_000, 8],
      [50, 7],
    ] as const) {
      const state = run({ tenants, cells }, 11, [])
      const perCell = Array.from(
        { length: cells },
        (_, index) => state.tenants.filter((t) => t.cells[0] === index).length,
      )
      for (const count of perCell) {
        expect(count).toBeGreaterThanOrEqual(Math.floor(tenants / cells))
        expect(count).toBeLessThanOrEqual(Math.ceil(tenants / cells))
      }
    }
  })

  it('routes every tenant through the router’s cached copy of the placement map, to the cell the map says', () => {
    let state = run({ tenants: 60, cells: 4, requestsPerTenant: 10 }, 5, [{ type: 'tick' }])
    for (const tenant of state.tenants) expect(state.router.cells[tenant.id]).toEqual(tenant.cells)
    // requests per cell on the router's arrows are exactly the map's tenants per cell × requests each
    const view = engine.view(state)
    for (let index = 0; index < 4; index++) {
      const mapped = state.tenants.filter((tenant) => tenant.cells[0] === index).length
      expect(view.edges[`router->cell-${index + 1}`]?.rate).toBe(mapped * 10)
    }
    // a tenant placed now is not in the router's copy until its next pull
    state = engine.apply(state, engine.events.parse({ type: 'onboard', count: 3 }))
    expect(metric(engine.view(state), 'unrouted-tenants')).toBe(3)
    expect(state.router.cells['tenant-61']).toBeUndefined()
    state = engine.apply(state, engine.events.parse({ type: 'tick' }))
    expect(metric(engine.view(state), 'unrouted-tenants')).toBe(0)
    expect(state.router.cells['tenant-61']).toEqual(state.tenants[60]?.cells)
  })

  it('lets a bake shorter than the bad config takes to show start the next wave: ⌊(delay − 1) / bake⌋ + 1 cells fail', () => {
    for (const delay of [1, 2, 4]) {
      for (const bake of [1, 2, 3, 5]) {
        const state = run({ tenants: 80, cells: 8, badConfigDelayTicks: delay }, 3, [
          { type: 'deploy', bad: true, bakeTicks: bake },
          { type: 'tick', steps: 40 },
        ])
        // waves start every `bake` ticks; the first cell fails `delay` ticks after its push and halts the rollout
        const expected = Math.floor((delay - 1) / bake) + 1
        const failedCells = state.cells.filter(
          (cell) => cell.status === 'failed' && cell.cause === 'bad-deploy',
        )
        expect(failedCells, `delay ${delay}, bake ${bake}`).toHaveLength(expected)
        expect(state.controlPlane.halted).toBe(true)
        expect(metric(engine.view(state), 'affected-tenants')).toBe(expected * 10)
      }
    }
    // with the default bake (3) and delay (2), the bad config never reaches cell 2
    expect(engine.params.parse({}).bakeTicks).toBeGreaterThanOrEqual(
      engine.params.parse({}).badConfigDelayTicks,
    )
  })

  it('names its success rates: the last tick’s and the cumulative one since tick 0', () => {
    const state = run({ tenants: 30, cells: 3 }, 1, [
      { type: 'tick', steps: 7 },
      { type: 'fail-cell', cell: 'cell-1', cause: 'infrastructure' },
      { type: 'tick', steps: 3 },
    ])
    const view = engine.view(state)
    // 10 of 30 tenants fail in each of the last 3 ticks, out of 10 ticks in all
    expect(metric(view, 'tick-success-rate')).toBeCloseTo((20 / 30) * 100, 2)
    expect(metric(view, 'success-rate')).toBeCloseTo(((10 * 30 - 3 * 10) / (10 * 30)) * 100, 2)
    expect(view.metrics.find((m) => m.id === 'success-rate')?.label).toMatch(/since tick 0/)
    expect(view.series.find((s) => s.id === 'tick-success-rate')?.label).toMatch(/per tick/)
  })
})
