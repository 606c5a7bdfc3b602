import { z } from 'zod'
import type { SimView } from './view'

/** Any engine event: JSON data discriminated by `type`. Each engine narrows it with its own schema. */
export const simEventSchema = z.looseObject({ type: z.string().min(1) })
export type SimEvent = z.infer<typeof simEventSchema>

/** A scenario's seed: any 32-bit unsigned integer. */
export const seedSchema = z.number().int().min(0).max(0xffff_ffff)

/** The most logical time units one `tick` event may advance. */
export const MAX_TICK_STEPS = 10_000

/** Advance logical time; `{ type: 'tick', steps: 10 }` is the same as ten one-step ticks. */
export const tickEventSchema = z
  .object({ type: z.literal('tick'), steps: z.number().int().min(1).max(MAX_TICK_STEPS).default(1) })
  .strict()

/**
 * A deterministic simulation (DESIGN.md §4).
 *
 * `apply` is pure: no Date, no Math.random, no I/O, and it never mutates its input. State is plain
 * JSON holding only integers and the results of + − × ÷ (exactly rounded in every JavaScript
 * engine); Math.log/exp/pow/sqrt may differ in the last bit between engines, so they appear only
 * in `view`, which is never hashed.
 */
export interface SimEngine<P, S, E extends SimEvent = SimEvent> {
  /** Stable engine id that scenarios name. */
  readonly id: string
  /** Validates and fills the engine's parameters. */
  readonly params: z.ZodType<P>
  /** Validates the engine's own events (a union discriminated by `type`). */
  readonly events: z.ZodType<E>
  /** The state before any event. */
  init(params: P, seed: number): S
  /** The state after one event. */
  apply(state: S, event: E): S
  /** What the panel and the canvas overlay show for a state. */
  view(state: S): SimView
}

/** An engine whose parameter, state and event types are not known statically (the registry's view). */
export type AnySimEngine = SimEngine<unknown, unknown, SimEvent>

/** Exhaustiveness check for `switch (event.type)`: a new event type is a compile error here. */
export function unreachable(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`)
}
