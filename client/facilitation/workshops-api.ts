import { z } from 'zod'
import { type Workshop, workshopSchema } from '../../shared/content/workshop-schema'

/** GET a workshop list or plan; null when the server cannot be reached or answers oddly. */
async function getJson<T>(path: string, schema: z.ZodType<T>): Promise<T | null> {
  try {
    const response = await fetch(path, { headers: { Accept: 'application/json' } })
    if (!response.ok) return null
    const parsed = schema.safeParse(await response.json())
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/** GET /api/workshops: every workshop plan. */
export function fetchWorkshops(): Promise<Workshop[] | null> {
  return getJson('/api/workshops', z.array(workshopSchema))
}

/** GET /api/workshops/:id: one plan with its segments. */
export function fetchWorkshop(id: string): Promise<Workshop | null> {
  return getJson(`/api/workshops/${encodeURIComponent(id)}`, workshopSchema)
}
