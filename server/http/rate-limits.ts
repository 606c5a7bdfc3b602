import type { RequestHandler } from 'express'
import { type AugmentedRequest, rateLimit } from 'express-rate-limit'
import { sendError } from './errors'

/**
 * At most `limit` requests per client address in each `windowMs` (express-rate-limit, in memory);
 * beyond that: 429 with Retry-After and our JSON error. The address is `req.ip`, which honours
 * the app's `trust proxy` setting.
 */
export function perAddressLimit(options: { limit: number; windowMs: number; what: string }): RequestHandler {
  return rateLimit({
    windowMs: options.windowMs,
    limit: options.limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (req, res) => {
      const resetAt =
        (req as AugmentedRequest).rateLimit?.resetTime?.getTime() ?? Date.now() + options.windowMs
      res.set('retry-after', String(Math.max(1, Math.ceil((resetAt - Date.now()) / 1000))))
      sendError(
        res,
        'rate_limited',
        `Too many ${options.what} from your network just now. Try again in a minute.`,
      )
    },
  })
}
