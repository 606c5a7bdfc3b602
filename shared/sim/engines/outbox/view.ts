import { formatCount, round } from '../../format'
import { edgeId, type Health, type SimView } from '../../view'
import type { OutboxState } from '../outbox'

/** The panel and overlay for an outbox state. */
export function outboxView(state: OutboxState): SimView {
  const { params, totals, lastTick, relay } = state
  const unsent = state.outbox.length
  const meanDelay = totals.firstPublished === 0 ? 0 : totals.delayTicks / totals.firstPublished
  const meanUnsent = state.tick === 0 ? 0 : totals.unsentTicks / state.tick
  const billingHealth: Health = totals.doubleApplied > 0 ? 'failed' : 'healthy'
  const relayHealth: Health = relay.up ? (relay.crashArmed ? 'hot' : 'healthy') : 'failed'
  const relayBadge = relay.up ? `polls every ${params.pollTicks} ticks` : `down until t=${relay.downUntil}`

  return {
    clock: { value: state.tick, unit: 'tick' },
    nodes: {
      'order-service': {
        health: 'healthy',
        badges: [`${formatCount(totals.committed)} orders`, `${params.ordersPerTick}/tick`],
      },
      outbox: {
        health: unsent > params.ordersPerTick * params.pollTicks ? 'hot' : 'healthy',
        badges: [`${formatCount(unsent)} unsent rows`, `mean ${round(meanUnsent, 1)}`],
      },
      relay: {
        health: relayHealth,
        badges: [relayBadge, `delay ${round(meanDelay, 1)} ticks on average`],
      },
      broker: {
        health: state.pending.length > 0 ? 'hot' : 'healthy',
        badges: [
          `${formatCount(totals.published)} published`,
          `${formatCount(totals.deliveries)} deliveries`,
          `${formatCount(state.pending.length)} awaiting redelivery`,
        ],
      },
      billing: {
        health: billingHealth,
        badges: [
          `${formatCount(totals.applied)} orders charged`,
          `${formatCount(totals.suppressed)} duplicates skipped`,
          ...(totals.doubleApplied > 0 ? [`${formatCount(totals.doubleApplied)} double charges`] : []),
        ],
      },
      'dedupe-store': {
        health: totals.doubleApplied > 0 ? 'degraded' : 'healthy',
        badges: [`${formatCount(state.receiver.dedupe.length)} ids`, `kept ${state.dedupeTtl} ticks`],
      },
    },
    edges: {
      [edgeId('order-service', 'outbox')]: {
        rate: lastTick.committed,
        label: 'same transaction',
      },
      [edgeId('outbox', 'relay')]: { rate: lastTick.published, label: `${formatCount(unsent)} unsent` },
      [edgeId('relay', 'broker')]: {
        rate: lastTick.published,
        label: `${formatCount(lastTick.published)} published`,
      },
      [edgeId('broker', 'billing')]: {
        rate: lastTick.delivered,
        label: `${formatCount(lastTick.delivered)} delivered`,
      },
      [edgeId('billing', 'dedupe-store')]: {
        rate: lastTick.delivered,
        label: `${formatCount(lastTick.suppressed)} seen before`,
      },
    },
    metrics: [
      { id: 'orders', label: 'Orders committed', value: totals.committed, unit: 'orders' },
      { id: 'unsent-rows', label: 'Unsent outbox rows', value: unsent, unit: 'rows' },
      { id: 'mean-unsent', label: 'Unsent rows, time average', value: round(meanUnsent, 3), unit: 'rows' },
      { id: 'mean-delay', label: 'Commit-to-publish delay', value: round(meanDelay, 3), unit: 'ticks' },
      { id: 'published', label: 'Messages published', value: totals.published, unit: 'messages' },
      {
        id: 'deliveries',
        label: 'Deliveries to Billing since tick 0',
        value: totals.deliveries,
        unit: 'deliveries',
      },
      { id: 'charged-orders', label: 'Orders charged (effects)', value: totals.applied, unit: 'orders' },
      { id: 'duplicates-skipped', label: 'Duplicates skipped', value: totals.suppressed, unit: 'deliveries' },
      { id: 'double-charges', label: 'Double charges', value: totals.doubleApplied, unit: 'charges' },
      {
        id: 'dedupe-ids',
        label: 'Ids in the dedupe store',
        value: state.receiver.dedupe.length,
        unit: 'ids',
      },
    ],
    series: [
      { id: 'unsent-rows', label: 'Unsent outbox rows', points: state.history.unsent },
      {
        id: 'deliveries-per-tick',
        label: 'Deliveries to Billing per tick',
        points: state.history.deliveries,
      },
      { id: 'double-charges', label: 'Double charges', points: state.history.doubleApplied },
    ],
    log: state.log,
  }
}
