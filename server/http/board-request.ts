import type { Request, RequestHandler, Response } from 'express'
import type { z } from 'zod'
import { firstProblem } from '../../shared/protocol/errors'
import { isAtLeast, type Role } from '../../shared/protocol/roles'
import type { BoardAccess } from '../auth/board-access'
import type { BoardRecord } from '../storage/board-store'
import { sendError } from './errors'
import { wellFormedId } from './path-ids'

/** The bearer token of a request, or an empty string. */
export function bearerToken(req: Request): string {
  const header = req.get('authorization') ?? ''
  const match = /^Bearer\s+(\S+)$/i.exec(header)
  return match?.[1] ?? ''
}

/** Who is asking about a board: the board, their link's role and the token they hold. */
export interface Caller {
  board: BoardRecord
  role: Role
  token: string
}

const TOO_WEAK: Record<Role, string> = {
  viewer: 'This link cannot see this board.',
  editor: 'Only editors and facilitators can do this.',
  facilitator: 'Only a facilitator can do this.',
}

/**
 * A route on `/:id` that only runs for a valid token of at least `minimum` role: every board route
 * answers 400 (malformed id), 404 (unknown board), 401 (bad token) and 403 (role too weak) the same way.
 */
export function forRole(
  access: BoardAccess,
  minimum: Role,
  handle: (caller: Caller, req: Request<Record<string, string>>, res: Response) => Promise<void> | void,
): RequestHandler<Record<string, string>> {
  return async (req, res) => {
    if (!wellFormedId('board', req.params.id, res)) return
    const token = bearerToken(req)
    const grant = await access.authorize(req.params.id, token)
    if (!grant.ok) return sendError(res, grant.failure.code, grant.failure.message)
    if (!isAtLeast(grant.role, minimum)) return sendError(res, 'forbidden', TOO_WEAK[minimum])
    await handle({ board: grant.board, role: grant.role, token }, req, res)
  }
}

/** Parses a JSON body with its schema, or answers 400 naming the first problem and returns null. */
export function readBody<S extends z.ZodType>(schema: S, body: unknown, res: Response): z.infer<S> | null {
  const parsed = schema.safeParse(body ?? {})
  if (parsed.success) return parsed.data
  sendError(res, 'bad_request', firstProblem(parsed.error, 'invalid body'))
  return null
}
