import fs from 'node:fs'
import path from 'node:path'
import { type Article, type Concept, conceptsFileSchema } from '../../shared/content/article-schema'
import { parseArticle } from '../../shared/content/parse-article'
import { type Workshop, workshopSchema } from '../../shared/content/workshop-schema'
import type { ArticleSummary } from '../../shared/protocol/articles'
import { loadContentDir, loadContentFiles } from './content-dir'

/** The shipped articles, concepts and workshop plans, validated at start-up. */
export class ArticleLibrary {
  private constructor(
    private readonly articles: Map<string, Article>,
    readonly concepts: Concept[],
    private readonly workshops: Map<string, Workshop>,
  ) {}

  static load(contentDir: string): ArticleLibrary {
    const articles = loadContentFiles(path.join(contentDir, 'articles'), 'articles', '.md', (text, where) => {
      const parsed = parseArticle(text, where)
      return parsed.ok ? { ok: true, value: parsed.article } : parsed
    })
    const conceptsFile = path.join(contentDir, 'concepts.json')
    const concepts = fs.existsSync(conceptsFile)
      ? conceptsFileSchema.parse(JSON.parse(fs.readFileSync(conceptsFile, 'utf8')))
      : []
    const workshops = loadContentDir(path.join(contentDir, 'workshops'), 'workshops', (content, where) => {
      const parsed = workshopSchema.safeParse(content)
      return parsed.success
        ? { ok: true, value: parsed.data }
        : {
            ok: false,
            problems: parsed.error.issues.map((i) => `${where}: ${i.path.join('.')}: ${i.message}`),
          }
    })
    return new ArticleLibrary(
      new Map(articles.map((a) => [a.id, a])),
      concepts,
      new Map(workshops.map((w) => [w.id, w])),
    )
  }

  article(id: string): Article | undefined {
    return this.articles.get(id)
  }

  articleSummaries(): ArticleSummary[] {
    return [...this.articles.values()].map((a) => ({
      id: a.id,
      title: a.title,
      topic: a.topic,
      templateId: a.templateId,
      readingMinutes: a.readingMinutes,
      scenarioIds: [...a.scenarioIds],
      sections: a.sections.map((s) => ({ id: s.id, heading: s.heading })),
    }))
  }

  workshop(id: string): Workshop | undefined {
    return this.workshops.get(id)
  }

  workshopList(): Workshop[] {
    return [...this.workshops.values()]
  }
}
