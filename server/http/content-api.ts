import { Router } from 'express'
import type { ArticleLibrary } from '../content/article-library'
import { sendError } from './errors'

/** Read-only REST for articles, concepts and workshop plans. */
export function contentApi(library: ArticleLibrary): Router {
  const router = Router()
  router.get('/articles', (_req, res) => {
    res.json(library.articleSummaries())
  })
  router.get('/articles/:id', (req, res) => {
    const article = library.article(req.params.id)
    if (!article) return sendError(res, 'not_found', `No article "${req.params.id}".`)
    res.json(article)
  })
  router.get('/concepts', (_req, res) => {
    res.json(library.concepts)
  })
  router.get('/workshops', (_req, res) => {
    res.json(library.workshopList())
  })
  router.get('/workshops/:id', (req, res) => {
    const workshop = library.workshop(req.params.id)
    if (!workshop) return sendError(res, 'not_found', `No workshop "${req.params.id}".`)
    res.json(workshop)
  })
  return router
}
