import type { Request, RequestHandler } from 'express'
import { sendError } from './errors'
import { type OriginPolicy, originAllowed } from './origin-policy'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** Refuses state-changing requests sent by a page on another site (a cross-site form or fetch). */
export function refuseForeignOrigins(policy: OriginPolicy): RequestHandler {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method) || originAllowed(req.get('origin'), req.get('host'), policy))
      return next()
    const origin = (req.get('origin') ?? '').slice(0, 100)
    sendError(
      res,
      'origin_not_allowed',
      `This server takes changes only from its own pages, not from ${origin} (see ALLOWED_ORIGINS).`,
    )
  }
}

/** Whether a request carries a body: a length above zero, or one sent in chunks. */
function carriesBody(req: Request): boolean {
  const length = Number(req.get('content-length') ?? 0)
  return req.get('transfer-encoding') !== undefined || length > 0
}

/**
 * Refuses a state-changing request whose body is not of `type`. Browsers let any page send
 * text/plain, form and multipart bodies to any site without asking; JSON they do not.
 */
export function requireBodyType(type: 'application/json' | 'image/png'): RequestHandler {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next()
    const named = req.get('content-type') !== undefined
    if (!named && !carriesBody(req)) return next() // a body-less POST (fork, restore, publish)
    if (named && req.is(type)) return next()
    sendError(res, 'unsupported_media_type', `Send the body as ${type} (Content-Type: ${type}).`)
  }
}
