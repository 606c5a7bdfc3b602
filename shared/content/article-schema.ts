import { z } from 'zod'
import { slugSchema } from '../templates/template-schema'
import { topicIdSchema } from './topics'

/** The four lenses every article is written through, in this order, then practice questions. */
export const ARTICLE_LENSES = ['Mental model', 'Tradeoffs', 'Failure modes', 'Interview reasoning'] as const
export const PRACTICE_HEADING = 'Practice questions'

export const articleFrontmatterSchema = z
  .object({
    id: slugSchema,
    title: z.string().min(5).max(140),
    topic: topicIdSchema,
    concepts: z.array(slugSchema).min(1).max(6),
    templateId: slugSchema,
    scenarioIds: z.array(slugSchema).max(4).default([]),
    readingMinutes: z.number().int().min(3).max(30),
  })
  .strict()
export type ArticleFrontmatter = z.infer<typeof articleFrontmatterSchema>

/** One `## ` section of an article: its heading, an anchor id, and its markdown. */
export const articleSectionSchema = z.object({ id: z.string(), heading: z.string(), markdown: z.string() })
export type ArticleSection = z.infer<typeof articleSectionSchema>

export const articleSchema = articleFrontmatterSchema.extend({
  /** Text before the first section (the lede). */
  intro: z.string(),
  sections: z.array(articleSectionSchema),
  wordCount: z.number().int(),
})
export type Article = z.infer<typeof articleSchema>

export const conceptSchema = z
  .object({
    id: slugSchema,
    title: z.string().min(3).max(60),
    definition: z.string().min(20).max(400),
    articles: z.array(slugSchema).min(1),
    templates: z.array(slugSchema).default([]),
    /** Other concepts this one leans on, drawn as lines on the concept map. */
    related: z.array(slugSchema).default([]),
  })
  .strict()
export type Concept = z.infer<typeof conceptSchema>
export const conceptsFileSchema = z.array(conceptSchema).min(10)
