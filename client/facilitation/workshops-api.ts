import { z } from 'zod'
import { type Workshop, workshopSchema } from '../../shared/content/workshop-schema'
import { fetchJsonOrNull } from '../rest-client'

/** GET /api/workshops: every workshop plan. */
export function fetchWorkshops(): Promise<Workshop[] | null> {
  return fetchJsonOrNull('/api/workshops', z.array(workshopSchema))
}

/** GET /api/workshops/:id: one plan with its segments. */
export function fetchWorkshop(id: string): Promise<Workshop | null> {
  return fetchJsonOrNull(`/api/workshops/${encodeURIComponent(id)}`, workshopSchema)
}
