import { formatCount } from '../../format'
import { type EdgeView, edgeId, type Health, type NodeView, type SimView } from '../../view'
import type { KappaState } from '../kappa'
import { type ConsumerGroup, lagOf, wrongOutputs } from './consumer-group'

/** The panel and overlay for a Kappa state. */
export function kappaView(state: KappaState): SimView {
  const { partitions, v1, v2, params, lastTick } = state
  const head = partitions.reduce((total, partition) => total + partition.head, 0)
  const deleted = partitions.reduce((total, partition) => total + partition.logStart, 0)
  const lagV1 = v1 ? lagOf(v1, partitions) : 0
  const lagV2 = v2 ? lagOf(v2, partitions) : 0
  const wrong = v1 ? wrongOutputs(v1) : 0
  const v1KnownWrong = state.bugFound && wrong > 0
  const reading = state.readsFrom === 'v1' ? v1 : v2
  const readersHealth: Health =
    (state.readsFrom === 'v1' && v1KnownWrong) || (reading?.lost ?? 0) > 0 ? 'degraded' : 'healthy'
  // "caught up" means within one tick of live reading on every partition
  const caughtUpLag = params.consumeRate * params.partitions

  const nodes: Record<string, NodeView> = {
    producers: { health: 'healthy', badges: [`${formatCount(params.produceRate)}/tick`] },
    log: {
      health: 'healthy',
      badges: [
        `${params.partitions} partitions`,
        `${formatCount(head)} records written`,
        state.retention === null ? 'retention: all' : `retention: ${formatCount(state.retention)}/partition`,
        ...(deleted > 0 ? [`${formatCount(deleted)} deleted`] : []),
      ],
    },
    'consumer-group-v1': groupNode(state, v1, lagV1),
    'consumer-group-v2': groupNode(state, v2, lagV2),
    'processor-v1': processorNode(v1, v1KnownWrong),
    'processor-v2': processorNode(v2, false),
    'serving-v1': {
      health: v1 ? (v1KnownWrong ? 'degraded' : 'healthy') : 'failed',
      badges: v1
        ? [`${formatCount(v1.processed)} writes`, ...(wrong > 0 ? [`${formatCount(wrong)} wrong`] : [])]
        : ['retired'],
    },
    'serving-v2': {
      health: !v2 ? 'healthy' : v2.lost > 0 ? 'degraded' : v2.mode === 'replaying' ? 'recovering' : 'healthy',
      badges: v2
        ? [
            `${formatCount(v2.processed)} writes`,
            ...(v2.lost > 0 ? [`incomplete: ${formatCount(v2.lost)} lost`] : []),
          ]
        : ['empty'],
    },
    'lag-monitor': {
      health: v2 && lagV2 > caughtUpLag ? 'hot' : 'healthy',
      badges: [`v1 lag ${formatCount(lagV1)}`, ...(v2 ? [`v2 lag ${formatCount(lagV2)}`] : [])],
    },
    'read-switch': {
      health: state.readsFrom === 'v2' && lagV2 > caughtUpLag ? 'degraded' : 'healthy',
      badges: [`reads → ${state.readsFrom}`],
    },
    readers: { health: readersHealth, badges: [`reading ${state.readsFrom}`] },
  }
  partitions.forEach((partition, p) => {
    nodes[`partition-${p + 1}`] = {
      health: 'healthy',
      badges: [`offsets ${formatCount(partition.logStart)}–${formatCount(partition.head)}`],
    }
  })

  const flow = (rate: number, label = `${formatCount(rate)}/tick`): EdgeView => ({ rate, label })
  const reads = (version: 'v1' | 'v2'): EdgeView =>
    flow(state.readsFrom === version ? 1 : 0, state.readsFrom === version ? 'serving reads' : 'idle')
  return {
    clock: { value: state.tick, unit: 'tick' },
    nodes,
    edges: {
      [edgeId('producers', 'log')]: flow(lastTick.produced),
      [edgeId('log', 'lag-monitor')]: flow(1, `head ${formatCount(head)}`),
      [edgeId('log', 'consumer-group-v1')]: flow(lastTick.read.v1),
      [edgeId('consumer-group-v1', 'processor-v1')]: flow(lastTick.read.v1),
      [edgeId('processor-v1', 'serving-v1')]: flow(lastTick.read.v1, 'writes'),
      [edgeId('log', 'consumer-group-v2')]: flow(lastTick.read.v2),
      [edgeId('consumer-group-v2', 'processor-v2')]: flow(lastTick.read.v2),
      [edgeId('processor-v2', 'serving-v2')]: flow(lastTick.read.v2, 'writes'),
      [edgeId('consumer-group-v2', 'lag-monitor')]: flow(v2 ? 1 : 0, `lag ${formatCount(lagV2)}`),
      [edgeId('lag-monitor', 'read-switch')]: flow(0, lagV2 <= caughtUpLag && v2 ? 'caught up' : 'wait'),
      [edgeId('serving-v1', 'read-switch')]: reads('v1'),
      [edgeId('serving-v2', 'read-switch')]: reads('v2'),
      [edgeId('read-switch', 'readers')]: flow(1, `from ${state.readsFrom}`),
    },
    metrics: [
      { id: 'head', label: 'Records in the log (head offsets)', value: head, unit: 'records' },
      {
        id: 'broker-reads',
        label: 'Broker reads last tick (all groups)',
        value: lastTick.read.v1 + lastTick.read.v2,
        unit: 'records',
      },
      {
        id: 'broker-read-capacity',
        label: 'Broker read bandwidth per tick (0: unlimited)',
        value: state.brokerReadRate === null ? 0 : state.brokerReadRate * params.partitions,
        unit: 'records',
      },
      { id: 'deleted', label: 'Deleted by retention', value: deleted, unit: 'records' },
      { id: 'lag-v1', label: 'v1 lag', value: lagV1, unit: 'records' },
      { id: 'lag-v2', label: 'v2 lag', value: lagV2, unit: 'records' },
      { id: 'wrong-v1', label: 'v1 wrong results', value: wrong, unit: 'records' },
      { id: 'lost-v2', label: 'v2 offsets lost to retention', value: v2?.lost ?? 0, unit: 'records' },
      {
        id: 'reprocessed',
        label: 'Processed twice (at-least-once)',
        value: (v1?.reprocessed ?? 0) + (v2?.reprocessed ?? 0),
        unit: 'records',
      },
    ],
    series: [
      { id: 'lag-v1', label: 'v1 lag', points: state.history.lagV1 },
      { id: 'lag-v2', label: 'v2 lag', points: state.history.lagV2 },
    ],
    log: state.log,
  }
}

/** A consumer group: where it has committed, how far behind it is, whether it just restarted. */
function groupNode(state: KappaState, group: ConsumerGroup | null, lag: number): NodeView {
  if (!group) return { health: 'healthy', badges: ['no group'] }
  const restarting = state.tick < group.restartedUntil
  const health: Health = restarting
    ? 'recovering'
    : lag > state.params.consumeRate * state.params.partitions * 3
      ? 'hot'
      : 'healthy'
  return {
    health,
    badges: [
      `committed ${formatCount(group.committed.reduce((total, offset) => total + offset, 0))}`,
      `lag ${formatCount(lag)}`,
      ...(group.reprocessed > 0 ? [`${formatCount(group.reprocessed)} re-read`] : []),
    ],
  }
}

/** A processor: replaying or live, and whether its output is known to be wrong. */
function processorNode(group: ConsumerGroup | null, knownWrong: boolean): NodeView {
  if (!group) return { health: 'healthy', badges: ['not running'] }
  const health: Health = group.mode === 'replaying' ? 'recovering' : knownWrong ? 'degraded' : 'healthy'
  return {
    health,
    badges: [group.mode === 'replaying' ? 'replaying' : 'live', ...(knownWrong ? ['wrong output'] : [])],
  }
}
