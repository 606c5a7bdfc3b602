import type { GraphSnapshotInput } from '../../shared/diagram/graph-snapshot'

/**
 * A layered diagram of 200 boxes and 400 arrows, the size issue 15 asks to run at 10 ticks per
 * second: 10 clients → 10 balancers → 10 gateways → 30 front services → 30 back services, each
 * service behind a cache in front of one of 40 databases, 10 queues feeding 20 workers, and 130
 * occasional calls (share 5%) from services to other databases. Every client sends
 * `ratePerClient` requests per second.
 */
export function layeredDiagram(ratePerClient = 100): GraphSnapshotInput {
  const boxes: GraphSnapshotInput['boxes'] = []
  const calls: GraphSnapshotInput['calls'] = []
  const add = (prefix: string, count: number, kind: GraphSnapshotInput['boxes'][number]['kind']) => {
    for (let i = 0; i < count; i++) boxes.push({ id: `${prefix}-${i}`, kind })
  }
  const call = (from: string, to: string, mode: 'sync' | 'async' = 'sync', share: number | null = null) =>
    calls.push({ id: `c${calls.length}`, from, to, mode, share })
  add('client', 10, 'client')
  add('lb', 10, 'load-balancer')
  add('gw', 10, 'gateway')
  add('svc', 60, 'service')
  add('cache', 40, 'cache')
  add('db', 40, 'database')
  add('queue', 10, 'queue')
  add('worker', 20, 'worker')
  for (const box of boxes) if (box.kind === 'client') box.props = { ratePerSecond: ratePerClient }

  for (let i = 0; i < 10; i++) {
    call(`client-${i}`, `lb-${i}`)
    call(`lb-${i}`, `gw-${i}`)
    call(`lb-${i}`, `gw-${(i + 1) % 10}`)
    for (let k = 0; k < 3; k++) call(`gw-${i}`, `svc-${i * 3 + k}`)
  }
  for (let s = 0; s < 30; s++) call(`svc-${s}`, `svc-${30 + s}`)
  for (let s = 0; s < 60; s++) call(`svc-${s}`, `cache-${s % 40}`)
  for (let c = 0; c < 40; c++) call(`cache-${c}`, `db-${c}`)
  for (let s = 30; s < 60; s++) call(`svc-${s}`, `db-${(s + 7) % 40}`)
  for (let q = 0; q < 10; q++) {
    call(`svc-${q}`, `queue-${q}`, 'async')
    call(`queue-${q}`, `worker-${2 * q}`)
    call(`queue-${q}`, `worker-${2 * q + 1}`)
    call(`worker-${2 * q}`, `db-${q}`)
    call(`worker-${2 * q + 1}`, `db-${q + 10}`)
  }
  for (let n = 0; calls.length < 400; n++) call(`svc-${n % 60}`, `db-${(n * 11 + 3) % 40}`, 'sync', 0.05)
  return { boxes, calls }
}
