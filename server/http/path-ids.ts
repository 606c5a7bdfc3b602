import type { Response } from 'express'
import { boardIdSchema } from '../../shared/protocol/links'
import { versionIdSchema } from '../../shared/protocol/saved-boards'
import { sendError } from './errors'

/** The ids a REST path carries, each with the shared schema that says what a well-formed one is. */
const PATH_IDS = {
  board: boardIdSchema,
  version: versionIdSchema,
  publication: versionIdSchema,
} as const

export type PathId = keyof typeof PATH_IDS

/**
 * Whether `value` is a well-formed id of this kind; otherwise answers 400 `invalid_id` naming
 * which id is malformed, so a typo in a link reads differently from a board that is gone.
 */
export function wellFormedId(kind: PathId, value: string | undefined, res: Response): value is string {
  if (PATH_IDS[kind].safeParse(value).success) return true
  const shown = JSON.stringify((value ?? '').slice(0, 40))
  sendError(
    res,
    'invalid_id',
    `The ${kind} id in the address is malformed (${shown}): an id is 22 characters of A–Z, a–z, 0–9, - and _.`,
  )
  return false
}
