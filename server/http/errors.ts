import type { ErrorRequestHandler, Response } from 'express'
import type { ErrorCode } from '../../shared/protocol/errors'
import type { Logger } from '../log'

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  invalid_json: 400,
  payload_too_large: 413,
  unauthorized: 401,
  forbidden: 403,
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

interface BodyParserError {
  type?: string
  status?: number
}

/** Turns body-parser failures and anything unexpected into the JSON error contract. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (error: unknown, _req, res, _next) => {
    const parserError = error as BodyParserError
    if (parserError.type === 'entity.parse.failed') {
      return sendError(res, 'invalid_json', 'The request body is not valid JSON.')
    }
    if (parserError.type === 'entity.too.large') {
      return sendError(res, 'payload_too_large', 'The request body is too large.')
    }
    if (parserError.status === 400 || parserError.status === 415) {
      return sendError(res, 'bad_request', 'The request body could not be read.')
    }
    log.error('unhandled request error', { reason: error instanceof Error ? error.message : String(error) })
    sendError(res, 'internal', 'Something went wrong on the server.')
  }
}
