import { z } from 'zod'
import { type Article, articleSchema, type Concept, conceptSchema } from '../../shared/content/article-schema'
import { type ArticleSummary, articleSummarySchema } from '../../shared/protocol/articles'
import { fetchJsonOrNull } from '../rest-client'

/** GET /api/articles */
export const fetchArticleSummaries = () => fetchJsonOrNull('/api/articles', z.array(articleSummarySchema))
/** GET /api/articles/:id */
export const fetchArticle = (id: string) =>
  fetchJsonOrNull(`/api/articles/${encodeURIComponent(id)}`, articleSchema)
/** GET /api/concepts */
export const fetchConcepts = () => fetchJsonOrNull('/api/concepts', z.array(conceptSchema))

export type { Article, ArticleSummary, Concept }
