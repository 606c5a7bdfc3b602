import { murmur3 } from '../../murmur3'
import { deriveSeed } from '../../random'

/** What one customer has done and seen, as bit flags in one integer (state stays plain JSON). */
export const TOUCHED_LEGACY = 1
export const TOUCHED_NEW = 2
export const PAID = 4
export const LEGACY_KNOWS_PAYMENT = 8
export const NEW_KNOWS_PAYMENT = 16
export const SAW_WRONG_BALANCE = 32

/** Which system answers a request. */
export type System = 'legacy' | 'new'

/** True when every bit of `flag` is set in `flags`. */
export function has(flags: number, flag: number): boolean {
  return (flags & flag) === flag
}

/** Customers who have been served by both systems. */
export function mixedCustomers(customers: readonly number[]): number {
  return customers.filter((flags) => has(flags, TOUCHED_LEGACY | TOUCHED_NEW)).length
}

/** Customers with a given flag set. */
export function countWith(customers: readonly number[], flag: number): number {
  return customers.filter((flags) => has(flags, flag)).length
}

/**
 * A customer's fixed bucket in [0, 10,000): per-customer routing sends the customers whose bucket
 * is below share × 10,000 to the new system, so raising the share only ever adds customers.
 */
export function customerBucket(seed: number, customer: number): number {
  return murmur3(`customer-${customer}`, deriveSeed(seed, 'customer-bucket')) % 10_000
}

/** The invoice amount in cents that the legacy system computes for a customer. */
export function invoiceCents(customer: number): number {
  return 4_000 + (customer % 37) * 125
}
