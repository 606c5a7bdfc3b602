import { murmur3 } from '../../murmur3'
import { deriveSeed, randomStream } from '../../random'

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
 * The cells that serve a tenant. With k = 1 this is the classic cell router, a seeded hash of
 * the tenant id mod N. With k > 1 it is shuffle sharding: a seeded combination of k of the N
 * cells, so two tenants share all of theirs with probability 1/C(N, k).
 */
export function placeTenant(seed: number, tenant: string, cells: number, shardSize: number): number[] {
  if (shardSize === 1) return [murmur3(tenant, deriveSeed(seed, 'cell-router')) % cells]
  return randomStream(seed, 'shuffle-shard', tenant)
    .sample(cells, shardSize)
    .sort((a, b) => a - b)
}

/** Binomial coefficient C(n, k), exact for the small n of a cell layout. */
export function choose(n: number, k: number): number {
  if (k < 0 || k > n) return 0
  let result = 1
  for (let i = 1; i <= k; i++) result = (result * (n - k + i)) / i
  return result
}
