import { z } from 'zod'

/** Every error code the API can answer with; clients switch on these, people read the message. */
export const errorCodeSchema = z.enum([
  'bad_request',
  'invalid_json',
  'invalid_id',
  'unsupported_media_type',
  'payload_too_large',
  'unauthorized',
  'forbidden',
  'origin_not_allowed',
  'board_not_found',
  'template_not_found',
  'version_not_found',
  'not_found',
  'rate_limited',
  'internal',
])
export type ErrorCode = z.infer<typeof errorCodeSchema>

export const apiErrorSchema = z.object({
  error: z.object({ code: errorCodeSchema, message: z.string() }),
})
export type ApiError = z.infer<typeof apiErrorSchema>

/** The first problem zod found, with where it is ("title: must not be empty"), for an error message. */
export function firstProblem(error: z.ZodError, fallback: string): string {
  const issue = error.issues[0]
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : ''
  return `${where}${issue?.message ?? fallback}`
}

/** An error as a value: what went wrong, for code and for people. */
export interface Failure {
  code: ErrorCode
  message: string
}
