import { Router } from 'express'
import type { TemplateLibrary } from '../content/template-library'
import { sendError } from './errors'

/** Read-only REST for the template gallery: list, one template with its layout, preview SVG. */
export function templatesApi(library: TemplateLibrary): Router {
  const router = Router()
  router.get('/', (_req, res) => {
    res.json(library.summaries())
  })
  router.get('/:id', (req, res) => {
    const template = library.get(req.params.id)
    if (!template) return sendError(res, 'template_not_found', `No template "${req.params.id}".`)
    res.json(template)
  })
  router.get('/:id/preview.svg', (req, res) => {
    const svg = library.preview(req.params.id)
    if (!svg) return sendError(res, 'template_not_found', `No template "${req.params.id}".`)
    res.type('image/svg+xml').set('Cache-Control', 'public, max-age=300').send(svg)
  })
  return router
}
