import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadScenarios } from '../../server/content/scenario-catalog'
import { loadTemplates } from '../../server/content/template-catalog'
import { type Article, type Concept, conceptsFileSchema } from '../../shared/content/article-schema'
import { parseArticle } from '../../shared/content/parse-article'
import { TOPICS } from '../../shared/content/topics'
import { type Workshop, workshopSchema } from '../../shared/content/workshop-schema'

const ARTICLES_DIR = 'content/articles'
const WORKSHOPS_DIR = 'content/workshops'
const CONCEPTS_FILE = 'content/concepts.json'

/** The ten cross-cutting concepts (DESIGN.md §8) and the four shipped workshop plans. */
const CONCEPT_IDS = [
  'blast-radius',
  'backpressure',
  'idempotency',
  'replayable-log',
  'data-quality-tiers',
  'control-vs-data-plane',
  'progressive-delivery',
  'schema-contracts',
  'cardinality-estimation',
  'consistency-vs-freshness',
]
const WORKSHOP_IDS = [
  'cells-45',
  'medallion-45',
  'kappa-45',
  'study-session-45',
  'microservices-45',
  'serverless-45',
]

const templates = loadTemplates('content/templates')
const templateById = new Map(templates.map((t) => [t.id, t]))
const scenarios = loadScenarios('content/scenarios', (id) => templateById.get(id))
const scenarioById = new Map(scenarios.map((s) => [s.id, s]))

const filesIn = (dir: string, ext: string) =>
  fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => f.endsWith(ext))
        .sort()
    : []

const articleSources = filesIn(ARTICLES_DIR, '.md').map((file) => ({
  file,
  source: fs.readFileSync(path.join(ARTICLES_DIR, file), 'utf8'),
}))
const articles = new Map<string, Article>()
for (const { file, source } of articleSources) {
  const parsed = parseArticle(source, path.join(ARTICLES_DIR, file))
  if (parsed.ok) articles.set(parsed.article.id, parsed.article)
}

const concepts: Concept[] = conceptsFileSchema.parse(JSON.parse(fs.readFileSync(CONCEPTS_FILE, 'utf8')))
const conceptById = new Map(concepts.map((c) => [c.id, c]))

/** The ids of every `[text](scheme:id)` link in a markdown source. */
const linkIds = (markdown: string, scheme: 'node' | 'concept') =>
  [...markdown.matchAll(new RegExp(`\\]\\(${scheme}:([^)\\s]*)\\)`, 'g'))].map((m) => m[1] ?? '')

const body = (article: Article) => [article.intro, ...article.sections.map((s) => s.markdown)].join('\n')

describe('the shipped articles', () => {
  it('cover all twelve seed topics, one article each', () => {
    const seedTopics = TOPICS.map((t) => t.id).filter((id) => id !== 'system-behavior')
    const byTopic = [...articles.values()].map((a) => a.topic)
    for (const topic of seedTopics) expect(byTopic, `no article for topic ${topic}`).toContain(topic)
    expect(new Set(byTopic).size, 'two articles share a topic').toBe(byTopic.length)
  })

  describe.each(articleSources.map((a) => [a.file, a.source] as const))('%s', (file, source) => {
    const parsed = parseArticle(source, path.join(ARTICLES_DIR, file))
    const article = parsed.ok ? parsed.article : undefined

    it('has valid frontmatter and the four lenses plus practice questions, in order', () => {
      expect(parsed.ok ? [] : parsed.problems).toEqual([])
    })

    it('is between 1,200 and 2,500 words', () => {
      expect(article?.wordCount).toBeGreaterThanOrEqual(1200)
      expect(article?.wordCount).toBeLessThanOrEqual(2500)
    })

    it('has a lede and states a reading time close to words / 200', () => {
      if (!article) return
      expect(article.intro.length).toBeGreaterThan(100)
      expect(Math.abs(article.readingMinutes - article.wordCount / 200)).toBeLessThanOrEqual(3)
    })

    it('names a template and scenarios that exist, on its own topic', () => {
      if (!article) return
      const template = templateById.get(article.templateId)
      expect(template, `template ${article.templateId}`).toBeDefined()
      expect(template?.topic).toBe(article.topic)
      for (const id of article.scenarioIds) expect(scenarioById.has(id), `scenario ${id}`).toBe(true)
    })

    it('links only to boxes of its own template', () => {
      if (!article) return
      const nodeIds = new Set(templateById.get(article.templateId)?.nodes.map((n) => n.id))
      const links = linkIds(body(article), 'node')
      expect(links.length, 'too few jump-to-box links').toBeGreaterThanOrEqual(3)
      for (const id of links) expect(nodeIds.has(id), `node:${id} is not in ${article.templateId}`).toBe(true)
    })

    it('links and lists only known concepts, each of which lists the article back', () => {
      if (!article) return
      for (const id of [...article.concepts, ...linkIds(body(article), 'concept')]) {
        const concept = conceptById.get(id)
        expect(concept, `concept ${id}`).toBeDefined()
        expect(concept?.articles, `concepts.json: ${id} does not list ${article.id}`).toContain(article.id)
      }
    })

    it('ends with 4 to 6 numbered practice questions', () => {
      if (!article) return
      const practice = article.sections.find((s) => s.id === 'practice-questions')
      const questions = (practice?.markdown ?? '').split('\n').filter((line) => /^\d+\.\s/.test(line))
      expect(questions.length).toBeGreaterThanOrEqual(4)
      expect(questions.length).toBeLessThanOrEqual(6)
    })

    it('contains no raw HTML', () => {
      expect(source).not.toMatch(/<\/?[a-zA-Z][^>]*>/)
    })
  })
})

describe('concepts.json', () => {
  it('holds exactly the ten cross-cutting concepts, once each', () => {
    expect(concepts.map((c) => c.id).sort()).toEqual([...CONCEPT_IDS].sort())
  })

  describe.each(concepts.map((c) => [c.id, c] as const))('%s', (_id, concept) => {
    it('names articles that exist', () => {
      for (const id of concept.articles) expect(articles.has(id), `article ${id}`).toBe(true)
    })

    it('names templates that exist', () => {
      for (const id of concept.templates) expect(templateById.has(id), `template ${id}`).toBe(true)
    })

    it('relates only to other known concepts', () => {
      for (const id of concept.related) {
        expect(id).not.toBe(concept.id)
        expect(conceptById.has(id), `related concept ${id}`).toBe(true)
      }
    })
  })
})

describe('the shipped workshops', () => {
  const workshopFiles = filesIn(WORKSHOPS_DIR, '.json')
  const parsedWorkshops = workshopFiles.map((file) => ({
    file,
    result: workshopSchema.safeParse(JSON.parse(fs.readFileSync(path.join(WORKSHOPS_DIR, file), 'utf8'))),
  }))

  it('include the cells, medallion, Kappa, microservices, serverless and generic study-session plans', () => {
    const ids = parsedWorkshops.flatMap((w) => (w.result.success ? [w.result.data.id] : []))
    for (const id of WORKSHOP_IDS) expect(ids).toContain(id)
  })

  describe.each(parsedWorkshops.map((w) => [w.file, w.result] as const))('%s', (file, result) => {
    const workshop: Workshop | undefined = result.success ? result.data : undefined

    it('parses and is named after its file', () => {
      expect(result.success ? [] : result.error.issues).toEqual([])
      expect(workshop?.id).toBe(file.replace(/\.json$/, ''))
    })

    it('references an existing template, article and scenario that fit together', () => {
      if (!workshop) return
      expect(templateById.has(workshop.templateId), `template ${workshop.templateId}`).toBe(true)
      expect(articles.has(workshop.articleId), `article ${workshop.articleId}`).toBe(true)
      if (workshop.scenarioId) {
        expect(scenarioById.get(workshop.scenarioId)?.templateId, `scenario ${workshop.scenarioId}`).toBe(
          workshop.templateId,
        )
      }
    })

    it('plans 6 to 10 timed segments that fit its duration, with at most 10 minutes of slack', () => {
      if (!workshop) return
      expect(workshop.segments.length).toBeGreaterThanOrEqual(6)
      expect(workshop.segments.length).toBeLessThanOrEqual(10)
      // planned time may leave up to 10 minutes of slack for questions, never overrun
      const minutes = workshop.segments.reduce((sum, s) => sum + (s.timerMinutes ?? 0), 0)
      expect(minutes).toBeLessThanOrEqual(workshop.durationMinutes)
      expect(minutes).toBeGreaterThanOrEqual(workshop.durationMinutes - 10)
    })

    it('points every segment at an article section, steps that exist and failures of its scenario', () => {
      if (!workshop) return
      const article = articles.get(workshop.articleId)
      const sectionIds = new Set(article?.sections.map((s) => s.id))
      const scenario = workshop.scenarioId ? scenarioById.get(workshop.scenarioId) : undefined
      const failureIds = new Set(scenario?.failureModes.map((f) => f.id))
      for (const segment of workshop.segments) {
        const where = `${workshop.id} / ${segment.title}`
        expect(segment.articleSection, `${where}: no article section`).toBeDefined()
        expect(sectionIds.has(segment.articleSection ?? ''), `${where}: ${segment.articleSection}`).toBe(true)
        expect(
          segment.scenarioStep !== undefined || segment.triggerFailure !== undefined,
          `${where}: neither a step nor a failure`,
        ).toBe(true)
        if (segment.scenarioStep !== undefined) {
          expect(scenario, `${where}: a step without a scenario`).toBeDefined()
          expect(segment.scenarioStep, `${where}: step`).toBeLessThan(scenario?.steps.length ?? 0)
        }
        if (segment.triggerFailure !== undefined) {
          expect(failureIds.has(segment.triggerFailure), `${where}: failure ${segment.triggerFailure}`).toBe(
            true,
          )
        }
        if (segment.checkpoint?.answer !== undefined) {
          expect(segment.checkpoint.answer, `${where}: answer`).toBeLessThan(
            segment.checkpoint.options.length,
          )
        }
        expect(segment.notes.length, `${where}: facilitator notes`).toBeGreaterThan(40)
      }
    })
  })
})
