import { randomStream } from '../../random'

/** The id of the n-th tenant (1-based). */
export function tenantId(n: number): string {
  return `tenant-${n}`
}

/** `tenant-7` → 7. */
export function tenantNumber(id: string): number {
  return Number(id.slice('tenant-'.length))
}

/** The id of cell (or shuffle-shard worker) `index` (0-based). */
export function cellId(index: number): string {
  return `cell-${index + 1}`
}

/** `cell-3` → 2. */
export function cellIndex(id: string): number {
  return Number(id.slice('cell-'.length)) - 1
}

/**
 * The cells the placement service gives a new tenant. With k = 1 it is the cell with the fewest
 * tenants (a seeded pick among equals), as a placement service balancing cells would choose. With
 * k > 1 it is shuffle sharding: a seeded combination of k of the N cells, so two tenants share all
 * of theirs with probability 1/C(N, k).
 */
export function placeTenant(
  seed: number,
  tenant: string,
  tenantsPerCell: readonly number[],
  shardSize: number,
): number[] {
  const cells = tenantsPerCell.length
  if (shardSize > 1) {
    return randomStream(seed, 'shuffle-shard', tenant)
      .sample(cells, shardSize)
      .sort((a, b) => a - b)
  }
  const fewest = Math.min(...tenantsPerCell)
  const emptiest = tenantsPerCell.flatMap((count, index) => (count === fewest ? [index] : []))
  return [emptiest[randomStream(seed, 'placement', tenant).below(emptiest.length)] as number]
}

/** Binomial coefficient C(n, k), exact for the small n of a cell layout. */
export function choose(n: number, k: number): number {
  if (k < 0 || k > n) return 0
  let result = 1
  for (let i = 1; i <= k; i++) result = (result * (n - k + i)) / i
  return result
}
