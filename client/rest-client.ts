import { z } from 'zod'
import { apiErrorSchema, type ErrorCode } from '../shared/protocol/errors'
import {
  type BoardInfo,
  boardInfoSchema,
  type ClientConfig,
  type CreateBoardBody,
  type CreateBoardResponse,
  clientConfigSchema,
  createBoardResponseSchema,
} from '../shared/protocol/rest'
import { type ScenarioSummary, scenarioSummarySchema } from '../shared/protocol/scenarios'
import {
  laidOutTemplateSchema,
  type TemplateSummary,
  templateSummarySchema,
} from '../shared/protocol/templates'
import { type Scenario, scenarioSchema } from '../shared/scenarios/scenario-schema'
import type { LaidOutTemplate } from '../shared/templates/layout'

/** Why a request failed: a server error code, or the network / an answer we could not read. */
export interface RequestFailure {
  code: ErrorCode | 'network_error' | 'bad_response'
  message: string
}

export type Result<T> = { ok: true; value: T } | { ok: false; failure: RequestFailure }

const NETWORK_MESSAGE = 'Could not reach the Lockstep server. Check your connection and try again.'

/** Sends a JSON request and parses the answer with `schema`; never throws. */
export async function requestJson<T>(
  path: string,
  schema: z.ZodType<T>,
  init: RequestInit = {},
): Promise<Result<T>> {
  let response: Response
  try {
    response = await fetch(path, { ...init, headers: { Accept: 'application/json', ...init.headers } })
  } catch {
    return { ok: false, failure: { code: 'network_error', message: NETWORK_MESSAGE } }
  }
  let body: unknown
  try {
    body = response.status === 204 ? null : await response.json()
  } catch {
    // a proxy or a server that is starting up answers with HTML or nothing
    const code = response.status >= 500 || response.status === 0 ? 'network_error' : 'bad_response'
    return { ok: false, failure: { code, message: `The server answered ${response.status} without data.` } }
  }
  if (!response.ok) {
    const error = apiErrorSchema.safeParse(body)
    if (error.success) return { ok: false, failure: error.data.error }
    return {
      ok: false,
      failure: { code: 'bad_response', message: `The server answered ${response.status}.` },
    }
  }
  const parsed = schema.safeParse(body)
  if (!parsed.success) {
    return {
      ok: false,
      failure: { code: 'bad_response', message: 'The server sent an answer this page cannot read.' },
    }
  }
  return { ok: true, value: parsed.data }
}

/** GET and parse; null when it cannot be had (for panels that say so in their own words). */
export async function fetchJsonOrNull<T>(path: string, schema: z.ZodType<T>): Promise<T | null> {
  const result = await requestJson(path, schema)
  return result.ok ? result.value : null
}

/** GET /api/config: settings the client needs at run time. */
export function fetchClientConfig(): Promise<Result<ClientConfig>> {
  return requestJson('/api/config', clientConfigSchema)
}

/** POST /api/boards: a new board and its three links. */
export function createBoard(body: CreateBoardBody): Promise<Result<CreateBoardResponse>> {
  return requestJson('/api/boards', createBoardResponseSchema, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })
}

/** GET /api/boards/:id with the link's token: metadata, the caller's role and the links it may share. */
export function fetchBoardInfo(boardId: string, token: string): Promise<Result<BoardInfo>> {
  return requestJson(`/api/boards/${encodeURIComponent(boardId)}`, boardInfoSchema, {
    headers: { Authorization: `Bearer ${token}` },
  })
}

/** GET /api/templates: every template, with what the gallery shows. */
export function fetchTemplateSummaries(): Promise<Result<TemplateSummary[]>> {
  return requestJson('/api/templates', z.array(templateSummarySchema))
}

/** GET /api/templates/:id: one template with the layout the server computed for it. */
export function fetchLaidOutTemplate(templateId: string): Promise<Result<LaidOutTemplate>> {
  return requestJson(`/api/templates/${encodeURIComponent(templateId)}`, laidOutTemplateSchema)
}

/** Where the gallery's preview picture of a template lives (an SVG drawn from the template's data). */
export function templatePreviewUrl(templateId: string): string {
  return `/api/templates/${encodeURIComponent(templateId)}/preview.svg`
}

/** GET /api/scenarios: every scenario, with what the Simulation tab's picker shows. */
export function fetchScenarioSummaries(): Promise<Result<ScenarioSummary[]>> {
  return requestJson('/api/scenarios', z.array(scenarioSummarySchema))
}

/** GET /api/scenarios/:id: one whole scenario (steps, binding, failure modes). */
export function fetchScenario(scenarioId: string): Promise<Result<Scenario>> {
  return requestJson(`/api/scenarios/${encodeURIComponent(scenarioId)}`, scenarioSchema)
}
