import { describe, expect, it } from 'vitest'
import { type CellsState, cellsEngine } from '../../../shared/sim/engines/cells'
import { choose } from '../../../shared/sim/engines/cells/placement'
import { murmur3 } from '../../../shared/sim/murmur3'
import { deriveSeed } from '../../../shared/sim/random'
import { mean, metric } from './sim-test-kit'

const engine = cellsEngine
const run = (rawParams: unknown, seed: number, rawEvents: unknown[]): CellsState =>
  rawEvents.reduce<CellsState>(
    (state, raw) => engine.apply(state, engine.events.parse(raw)),
    engine.init(engine.params.parse(rawParams), seed),
  )

/** The cell router by its definition: a seeded 32-bit hash of the tenant id, mod N. */
const routedCell = (seed: number, tenant: string, cells: number) =>
  murmur3(tenant, deriveSeed(seed, 'cell-router')) % cells

describe('cells engine', () => {
  it('limits a failed cell to exactly its own tenants, about 1/N of them', () => {
    const shares: number[] = []
    for (let seed = 0; seed < 20; seed++) {
      const state = run({ tenants: 1_000, cells: 8 }, seed, [
        { type: 'fail-cell', cell: 'cell-3', cause: 'bad-deploy' },
      ])
      const inCell3 = state.tenants.filter((tenant) => routedCell(seed, tenant.id, 8) === 2).length
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
    const poisonCell = routedCell(4, 'tenant-17', 10)
    const neighbours = state.tenants.filter((tenant) => routedCell(4, tenant.id, 10) === poisonCell).length
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
      { type: 'tick', steps: 3 },
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
      { type: 'tick', steps: 3 },
      { type: 'control-plane-outage' },
      { type: 'onboard', count: 10 },
      { type: 'control-plane-restore' },
      { type: 'tick', steps: 6 },
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
    const inCell1 = failed.tenants.filter((tenant) => routedCell(9, tenant.id, 8) === 0).length
    expect(metric(engine.view(failed), 'affected-tenants')).toBe(inCell1)
    expect(metric(engine.view(failed), 'success-rate')).toBeCloseTo(100 * (1 - inCell1 / 400), 1)

    const rolledBack = [{ type: 'rollback' }, { type: 'tick', steps: 4 }].reduce<CellsState>(
      (state, raw) => engine.apply(state, engine.events.parse(raw)),
      failed,
    )
    expect(rolledBack.cells.every((cell) => cell.status === 'serving' && cell.configVersion === 1)).toBe(true)
    expect(metric(engine.view(rolledBack), 'affected-tenants')).toBe(0)
  })
})
