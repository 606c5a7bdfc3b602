/**
 * Billing as an idempotent receiver: before charging for an OrderPlaced message it looks the
 * message id up in its dedupe store, and records the id in the same transaction as the charge.
 * Ids are remembered for `ttl` ticks; a copy that arrives later is charged again.
 */
export interface DedupeEntry {
  id: number
  processedAt: number
}

export interface Receiver {
  /** Processed ids in the order they were processed (so oldest first). */
  dedupe: DedupeEntry[]
  /** Charges per order id (index id − 1): 1 is correct, 2 or more is a double charge. */
  charges: number[]
}

export type DeliveryOutcome = 'applied' | 'suppressed' | 'double-applied'

/** Forgets ids processed `ttl` or more ticks before `tick` (in place). */
export function expireDedupe(receiver: Receiver, tick: number, ttl: number): void {
  let expired = 0
  while (expired < receiver.dedupe.length && (receiver.dedupe[expired]?.processedAt ?? 0) + ttl <= tick)
    expired++
  if (expired > 0) receiver.dedupe.splice(0, expired)
}

/** Handles one delivery of message `id` at `tick` (in place). */
export function receive(receiver: Receiver, id: number, tick: number): DeliveryOutcome {
  if (receiver.dedupe.some((entry) => entry.id === id)) return 'suppressed'
  while (receiver.charges.length < id) receiver.charges.push(0)
  const charges = (receiver.charges[id - 1] ?? 0) + 1
  receiver.charges[id - 1] = charges
  receiver.dedupe.push({ id, processedAt: tick })
  return charges === 1 ? 'applied' : 'double-applied'
}

/** A run of consecutive order ids [from, to) the relay published at one tick. */
export interface PublishedRange {
  from: number
  to: number
  at: number
}

/** Every message id published at or after `since`, in publication order (duplicates included). */
export function publishedSince(log: readonly PublishedRange[], since: number): number[] {
  const ids: number[] = []
  for (const range of log) {
    if (range.at < since) continue
    for (let id = range.from; id < range.to; id++) ids.push(id)
  }
  return ids
}
