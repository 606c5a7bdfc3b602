import { z } from 'zod'

/** Services that hold a bounded thread pool, and dependencies that just answer after a latency. */
export const SERVICES = ['api-gateway', 'orders', 'payments', 'inventory'] as const
export const DEPENDENCIES = ['card-processor', 'orders-db', 'inventory-db'] as const
export type ServiceId = (typeof SERVICES)[number]
export type DependencyId = (typeof DEPENDENCIES)[number]
export type HopId = ServiceId | DependencyId
export const serviceIdSchema = z.enum(SERVICES)
export const dependencyIdSchema = z.enum(DEPENDENCIES)
export const hopIdSchema = z.enum([...SERVICES, ...DEPENDENCIES])

/** The three public endpoints and the synchronous chain each one calls, caller first. */
export const ENDPOINTS = {
  checkout: ['api-gateway', 'orders', 'payments', 'card-processor'],
  history: ['api-gateway', 'orders', 'orders-db'],
  stock: ['api-gateway', 'inventory', 'inventory-db'],
} as const satisfies Record<string, readonly HopId[]>
export type EndpointId = keyof typeof ENDPOINTS
export const ENDPOINT_IDS = Object.keys(ENDPOINTS) as EndpointId[]
export const endpointIdSchema = z.enum(['checkout', 'history', 'stock'])

/** Every caller → callee edge, in a stable order. */
export const CALL_EDGES: readonly string[] = [
  ...new Set(
    ENDPOINT_IDS.flatMap((endpoint) =>
      ENDPOINTS[endpoint].slice(1).map((to, i) => `${ENDPOINTS[endpoint][i]}->${to}`),
    ),
  ),
]

/** The hop after `service` on an endpoint's chain, if any. */
export function nextHop(endpoint: EndpointId, service: HopId): HopId | undefined {
  const chain: readonly HopId[] = ENDPOINTS[endpoint]
  return chain[chain.indexOf(service) + 1]
}

/** True for the dependencies that answer after a latency (no pool of their own here). */
export function isDependency(hop: HopId): hop is DependencyId {
  return (DEPENDENCIES as readonly string[]).includes(hop)
}

/** Product of (1 + retries) over the calling layers of a chain: attempts at its last hop per request when all fail. */
export function attemptsPerRequest(
  endpoint: EndpointId,
  retries: Readonly<Record<ServiceId, number>>,
): number {
  return ENDPOINTS[endpoint]
    .slice(0, -1)
    .reduce((product, caller) => product * (1 + (retries[caller as ServiceId] ?? 0)), 1)
}
