import { Router } from 'express'
import type { ScenarioLibrary } from '../content/scenario-library'
import { sendError } from './errors'

/** Read-only REST for scenarios: the list for the picker, and one whole scenario for the panel. */
export function scenariosApi(library: ScenarioLibrary): Router {
  const router = Router()
  router.get('/', (_req, res) => {
    res.json(library.summaries())
  })
  router.get('/:id', (req, res) => {
    const scenario = library.get(req.params.id)
    if (!scenario) return sendError(res, 'not_found', `No scenario "${req.params.id}".`)
    res.json(scenario)
  })
  return router
}
