import { z } from 'zod'
import { type Article, articleSchema, type Concept, conceptSchema } from '../../shared/content/article-schema'
import { type ArticleSummary, articleSummarySchema } from '../../shared/protocol/articles'

/** Fetches and parses one JSON resource; null when it cannot be had (the panel says so in words). */
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

/** GET /api/articles */
export const fetchArticleSummaries = () => getJson('/api/articles', z.array(articleSummarySchema))
/** GET /api/articles/:id */
export const fetchArticle = (id: string) => getJson(`/api/articles/${encodeURIComponent(id)}`, articleSchema)
/** GET /api/concepts */
export const fetchConcepts = () => getJson('/api/concepts', z.array(conceptSchema))

export type { Article, ArticleSummary, Concept }
