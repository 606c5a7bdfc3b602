import { z } from 'zod'
import { viewAreaSchema } from '../protocol/session'
import type { SessionIntent } from './intents'
import type { SessionState } from './session-state'

/** "Everyone look here": a page-space area the facilitator highlights on every screen. */
export const spotlightSchema = z.object({
  area: viewAreaSchema,
  /** Who put it there, for "Ana's spotlight". */
  byName: z.string(),
})
export type Spotlight = z.infer<typeof spotlightSchema>

export const spotlightIntentSchemas = [
  z.object({ type: z.literal('spotlight:set'), area: viewAreaSchema }).strict(),
  z.object({ type: z.literal('spotlight:clear') }).strict(),
] as const

/** The page area a spotlight frames around `bounds`, with room around the shapes it shows. */
export function spotlightAround(bounds: { x: number; y: number; w: number; h: number }, padding = 24) {
  return {
    x: bounds.x - padding,
    y: bounds.y - padding,
    w: Math.max(bounds.w, 1) + padding * 2,
    h: Math.max(bounds.h, 1) + padding * 2,
  }
}

/** Facilitators only (checked by the caller): puts the spotlight on an area, or takes it away. */
export function applySpotlight(
  state: SessionState,
  intent: Extract<SessionIntent, { type: 'spotlight:set' | 'spotlight:clear' }>,
  participant: { id: string; name: string },
): { ok: true; state: SessionState } {
  const spotlight = intent.type === 'spotlight:set' ? { area: intent.area, byName: participant.name } : null
  // clearing what is already clear is not news: the same state, the same seq
  if (spotlight === null && state.spotlight === null) return { ok: true, state }
  return { ok: true, state: { ...state, spotlight, seq: state.seq + 1, driver: { ...participant } } }
}
