import fs from 'node:fs'
import path from 'node:path'
import { type Article, type Concept, conceptsFileSchema } from '../../shared/content/article-schema'
import { parseArticle } from '../../shared/content/parse-article'
import { type Workshop, workshopSchema } from '../../shared/content/workshop-schema'
import type { ArticleSummary } from '../../shared/protocol/articles'
import { loadContentDir, loadContentFiles } from './content-dir'

/** Articles, concepts and workshop plans as data. */
export interface ArticleContent {
  articles: Article[]
  concepts: Concept[]
  workshops: Workshop[]
}

/** The shipped articles, concepts and workshop plans, validated by the build or at start-up. */
export class ArticleLibrary {
  private constructor(
    private readonly articles: Map<string, Article>,
    readonly concepts: Concept[],
    private readonly workshops: Map<string, Workshop>,
  ) {}

  /** Reads and validates the articles, concepts and workshops under `contentDir`; throws listing every problem. */
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
    return ArticleLibrary.of({ articles, concepts, workshops })
  }

  static of(content: ArticleContent): ArticleLibrary {
    return new ArticleLibrary(
      new Map(content.articles.map((a) => [a.id, a])),
      content.concepts,
      new Map(content.workshops.map((w) => [w.id, w])),
    )
  }

  /** Everything this library holds, as data (for the server build to prepare). */
  content(): ArticleContent {
    return { articles: [...this.articles.values()], concepts: this.concepts, workshops: this.workshopList() }
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
