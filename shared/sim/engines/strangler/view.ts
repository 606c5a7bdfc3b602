import { formatCount, round } from '../../format'
import { edgeId, type Health, type SimView } from '../../view'
import { misledCustomers, type StranglerState } from '../strangler'
import { mixedCustomers } from './customers'

/**
 * The share of customers expected to touch both systems after n independently routed requests
 * with a share p on the new side: 1 − (1 − p)ⁿ − pⁿ (0 when routing keeps customers together).
 */
export function expectedMixedShare(state: StranglerState): number {
  const { percent, routing } = state.routes.billing
  if (routing === 'per-customer') return 0
  const p = percent / 100
  const n = state.tick - state.billingSince
  return n === 0 ? 0 : 1 - (1 - p) ** n - p ** n
}

/** The panel and overlay for a strangler-fig migration. */
export function stranglerView(state: StranglerState): SimView {
  const { params, lastTick, totals, routes } = state
  const customers = params.customers
  const mixed = mixedCustomers(state.customers)
  const misled = misledCustomers(state)
  const requestsEach = state.tick - state.billingSince
  const rawDiffShare = totals.compared === 0 ? 0 : (totals.harmless + totals.real) / totals.compared
  const lastDiffs = state.normalise ? lastTick.real : lastTick.real + lastTick.harmless
  const billingHealth: Health = lastTick.wrongViews > 0 ? 'degraded' : mixed > 0 ? 'hot' : 'healthy'
  const parityHealth: Health = !state.mirror
    ? 'healthy'
    : lastTick.real > 0
      ? 'degraded'
      : lastDiffs > 0
        ? 'hot'
        : 'healthy'
  const billingLabel = `${routes.billing.percent}% ${routes.billing.routing}`
  const rate = (value: number) => ({ rate: value, label: `${formatCount(value)}/tick` })

  return {
    clock: { value: state.tick, unit: 'round' },
    nodes: {
      clients: { health: 'healthy', badges: [`${formatCount(customers)} customers`] },
      facade: {
        health: 'healthy',
        badges: [`billing: ${billingLabel}`, `catalog: ${routes.catalog.percent}%`],
      },
      'route-table': {
        health: 'healthy',
        badges: [`/billing → new ${routes.billing.percent}%`, routes.billing.routing],
      },
      'parity-check': {
        health: parityHealth,
        badges: state.mirror
          ? [
              `${formatCount(lastDiffs)} of ${formatCount(lastTick.compared)} differ`,
              state.normalise ? 'timestamps ignored' : 'raw comparison',
            ]
          : ['not mirroring'],
      },
      'legacy-monolith': {
        health: 'healthy',
        badges: [`${formatCount(lastTick.billingLegacy + lastTick.catalogLegacy)} requests/tick`],
      },
      'legacy-db': {
        health: 'healthy',
        badges: [state.systemOfRecord === 'legacy' ? 'system of record: billing' : 'records legacy payments'],
      },
      cdc: { health: 'healthy', badges: ['legacy writes → new'] },
      acl: {
        health: 'healthy',
        badges: [state.systemOfRecord === 'legacy' ? 'writes billing into legacy' : 'reads only'],
      },
      'module-catalog': { health: 'healthy', badges: [`${formatCount(lastTick.catalogNew)} requests/tick`] },
      'module-billing': {
        health: state.bugShipped ? 'degraded' : billingHealth,
        badges: [
          `${formatCount(lastTick.billingNew)} requests/tick`,
          ...(state.bugShipped ? ['bug live'] : []),
          `${formatCount(mixed)} customers on both systems`,
        ],
      },
      'new-db': {
        health: 'healthy',
        badges: [state.systemOfRecord === 'legacy' ? 'copy of legacy billing' : 'records new payments'],
      },
    },
    edges: {
      [edgeId('clients', 'facade')]: rate(customers),
      [edgeId('route-table', 'facade')]: { rate: 0, label: billingLabel },
      [edgeId('facade', 'legacy-monolith')]: rate(lastTick.billingLegacy + lastTick.catalogLegacy),
      [edgeId('facade', 'module-catalog')]: rate(lastTick.catalogNew),
      [edgeId('facade', 'module-billing')]: rate(lastTick.billingNew),
      [edgeId('facade', 'parity-check')]: rate(lastTick.compared),
      [edgeId('legacy-monolith', 'parity-check')]: rate(lastTick.compared),
      [edgeId('module-billing', 'parity-check')]: rate(lastTick.compared),
      [edgeId('legacy-db', 'cdc')]: rate(lastTick.payments),
      [edgeId('cdc', 'acl')]: rate(lastTick.payments),
      [edgeId('acl', 'new-db')]: rate(lastTick.payments),
      [edgeId('module-billing', 'acl')]: rate(state.systemOfRecord === 'legacy' ? lastTick.billingNew : 0),
    },
    metrics: [
      {
        id: 'requests-per-customer',
        label: 'Billing requests per customer',
        value: requestsEach,
        unit: 'requests',
      },
      { id: 'mixed-customers', label: 'Customers served by both systems', value: mixed, unit: 'customers' },
      {
        id: 'mixed-share',
        label: 'Share on both systems',
        value: round((mixed / customers) * 100, 1),
        unit: '%',
      },
      {
        id: 'expected-mixed-share',
        label: 'Expected share: 1 − (1−p)ⁿ − pⁿ',
        value: round(expectedMixedShare(state) * 100, 1),
        unit: '%',
      },
      {
        id: 'wrong-views',
        label: 'Invoices shown wrongly since the start',
        value: totals.wrongViews,
        unit: 'views',
      },
      { id: 'misled-customers', label: 'Customers shown a wrong balance', value: misled, unit: 'customers' },
      { id: 'parity-compared', label: 'Mirrored reads compared', value: totals.compared, unit: 'reads' },
      {
        id: 'parity-raw-diff',
        label: 'Reads differing (raw)',
        value: round(rawDiffShare * 100, 1),
        unit: '%',
      },
      { id: 'parity-real-diff', label: 'Real differences found', value: totals.real, unit: 'reads' },
    ],
    series: [
      {
        id: 'mixed-share',
        label: 'Share on both systems (%)',
        points: state.history.mixedShare.map((share) => round(share * 100, 1)),
      },
      {
        id: 'wrong-views-per-round',
        label: 'Invoices shown wrongly per round',
        points: state.history.wrongViews,
      },
      { id: 'real-diffs', label: 'Real parity differences per round', points: state.history.realDiffs },
    ],
    log: state.log,
  }
}
