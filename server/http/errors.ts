import type { ErrorRequestHandler, Response } from 'express'
import type { ErrorCode, Failure } from '../../shared/protocol/errors'
import { type Logger, reasonOf } from '../log'

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  invalid_json: 400,
  invalid_id: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
  unauthorized: 401,
  forbidden: 403,
  origin_not_allowed: 403,
  board_not_found: 404,
  template_not_found: 404,
  version_not_found: 404,
  not_found: 404,
  rate_limited: 429,
  internal: 500,
}

/** Answers with the JSON error contract `{ error: { code, message } }` and the fitting status. */
export function sendError(res: Response, code: ErrorCode, message: string): void {
  res.status(STATUS[code]).json({ error: { code, message } })
}

/** What body-parser, serve-static and the router attach to the errors they pass on. */
interface HttpError {
  type?: string
  status?: number
}

/** The answer for an error express's own parts raise about the request, or null for our own faults. */
function requestFault(error: HttpError): Failure | null {
  switch (error.type) {
    case 'entity.parse.failed':
      return { code: 'invalid_json', message: 'The request body is not valid JSON.' }
    case 'entity.too.large':
      return { code: 'payload_too_large', message: 'The request body is too large.' }
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return { code: 'unsupported_media_type', message: 'The body’s charset or encoding is not supported.' }
  }
  if (error instanceof URIError && error.status === 400) {
    // the router's only 400 without a type: a path parameter (always an id here) it cannot decode
    return { code: 'invalid_id', message: 'An id in the address is not valid percent-encoding.' }
  }
  if (error.status === 404) return { code: 'not_found', message: 'Nothing here.' }
  if (error.status === 400) return { code: 'bad_request', message: 'The request body could not be read.' }
  return null
}

/** Turns failures about the request into the JSON error contract, and logs anything unexpected. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (error: unknown, _req, res, _next) => {
    const fault = requestFault((error ?? {}) as HttpError)
    if (fault) return sendError(res, fault.code, fault.message)
    log.error('unhandled request error', { reason: reasonOf(error) })
    sendError(res, 'internal', 'Something went wrong on the server.')
  }
}
