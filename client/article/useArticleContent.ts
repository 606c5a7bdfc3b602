import { useEffect, useState } from 'react'
import {
  type Article,
  type ArticleSummary,
  type Concept,
  fetchArticle,
  fetchArticleSummaries,
  fetchConcepts,
} from './article-api'

/** What a loader knows: still loading, failed (said in words), or the value. */
export type Loaded<T> = { state: 'loading' } | { state: 'failed' } | { state: 'ready'; value: T }

/** The article list and the concepts, fetched once per board page. */
export function useArticleIndex(): { summaries: Loaded<ArticleSummary[]>; concepts: Concept[] } {
  const [summaries, setSummaries] = useState<Loaded<ArticleSummary[]>>({ state: 'loading' })
  const [concepts, setConcepts] = useState<Concept[]>([])
  useEffect(() => {
    let live = true
    void fetchArticleSummaries().then((list) => {
      if (live) setSummaries(list ? { state: 'ready', value: list } : { state: 'failed' })
    })
    void fetchConcepts().then((list) => {
      if (live && list) setConcepts(list)
    })
    return () => {
      live = false
    }
  }, [])
  return { summaries, concepts }
}

/** One article's full text, refetched when the id changes. */
export function useArticle(articleId: string | null): Loaded<Article> | null {
  const [article, setArticle] = useState<{ id: string; loaded: Loaded<Article> } | null>(null)
  useEffect(() => {
    if (!articleId) return
    let live = true
    setArticle({ id: articleId, loaded: { state: 'loading' } })
    void fetchArticle(articleId).then((value) => {
      if (live) setArticle({ id: articleId, loaded: value ? { state: 'ready', value } : { state: 'failed' } })
    })
    return () => {
      live = false
    }
  }, [articleId])
  if (!articleId) return null
  return article?.id === articleId ? article.loaded : { state: 'loading' }
}
