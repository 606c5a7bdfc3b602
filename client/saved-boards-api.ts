import { z } from 'zod'
import { type BoardFile, boardFileSchema } from '../shared/protocol/board-file'
import { type CreateBoardResponse, createBoardResponseSchema } from '../shared/protocol/rest'
import type { Role } from '../shared/protocol/roles'
import {
  type ForkBody,
  type LookupResponse,
  lookupResponseSchema,
  type PublishedVersion,
  publishedVersionSchema,
  publishResponseSchema,
  type RotateLinksResponse,
  restoreResponseSchema,
  rotateLinksResponseSchema,
  type SaveVersionBody,
  type VersionContent,
  type VersionInfo,
  versionContentSchema,
  versionInfoSchema,
  versionListSchema,
} from '../shared/protocol/saved-boards'
import { type RequestFailure, type Result, requestJson } from './rest-client'

/** REST for saved boards (README "REST"): rename, delete, versions, fork, publish, export, links. */

const board = (boardId: string) => `/api/boards/${encodeURIComponent(boardId)}`
const version = (boardId: string, versionId: string) =>
  `${board(boardId)}/versions/${encodeURIComponent(versionId)}`
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` })
const jsonBody = (token: string | null, body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json', ...(token ? bearer(token) : {}) },
  body: JSON.stringify(body),
})

export function renameBoard(
  boardId: string,
  token: string,
  title: string,
): Promise<Result<{ title: string }>> {
  return requestJson(board(boardId), z.object({ title: z.string() }), {
    ...jsonBody(token, { title }),
    method: 'PATCH',
  })
}

/** Deletes the board for everyone (facilitator only). */
export function deleteBoard(boardId: string, token: string): Promise<Result<null>> {
  return requestJson(board(boardId), z.null(), { method: 'DELETE', headers: bearer(token) })
}

/** Title, role, last change and thumbnail time of each remembered board, in one request. */
export function lookupBoards(boards: Array<{ id: string; token: string }>): Promise<Result<LookupResponse>> {
  return requestJson('/api/boards/lookup', lookupResponseSchema, jsonBody(null, { boards }))
}

/** A PNG of the board's content as an object URL, or null when it has none (or cannot be had). */
export async function fetchThumbnailUrl(path: string, token: string): Promise<string | null> {
  try {
    const response = await fetch(path, { headers: bearer(token) })
    if (!response.ok) return null
    return URL.createObjectURL(await response.blob())
  } catch {
    return null
  }
}

export const boardThumbnailPath = (boardId: string) => `${board(boardId)}/thumbnail`
export const versionThumbnailPath = (boardId: string, versionId: string) =>
  `${version(boardId, versionId)}/thumbnail`

/** Browsers let a request outlive its page (keepalive) only for bodies up to 64 KiB. */
const KEEPALIVE_BYTES = 64 * 1024

/** Replaces the board's thumbnail (editors and facilitators); a small one survives the tab closing. */
export function uploadThumbnail(boardId: string, token: string, png: Blob): Promise<Result<null>> {
  return requestJson(boardThumbnailPath(boardId), z.null(), {
    method: 'PUT',
    headers: { 'Content-Type': 'image/png', ...bearer(token) },
    body: png,
    keepalive: png.size < KEEPALIVE_BYTES,
  })
}

export async function listVersions(boardId: string, token: string): Promise<Result<VersionInfo[]>> {
  const result = await requestJson(`${board(boardId)}/versions`, versionListSchema, {
    headers: bearer(token),
  })
  return result.ok ? { ok: true, value: result.value.versions } : result
}

export function saveVersion(
  boardId: string,
  token: string,
  body: SaveVersionBody,
): Promise<Result<VersionInfo>> {
  return requestJson(`${board(boardId)}/versions`, versionInfoSchema, jsonBody(token, body))
}

export function fetchVersion(
  boardId: string,
  token: string,
  versionId: string,
): Promise<Result<VersionContent>> {
  return requestJson(version(boardId, versionId), versionContentSchema, { headers: bearer(token) })
}

/** Restores a version on the server, for everyone (the board page restores through its editor instead, so undo works). */
export function restoreVersionOnServer(boardId: string, token: string, versionId: string) {
  return requestJson(`${version(boardId, versionId)}/restore`, restoreResponseSchema, jsonBody(token, {}))
}

export function publishVersion(boardId: string, token: string, versionId: string) {
  return requestJson(`${version(boardId, versionId)}/publish`, publishResponseSchema, jsonBody(token, {}))
}

export function forkBoard(
  boardId: string,
  token: string,
  body: ForkBody,
): Promise<Result<CreateBoardResponse>> {
  return requestJson(`${board(boardId)}/fork`, createBoardResponseSchema, jsonBody(token, body))
}

export function fetchPublished(publicationId: string, token: string): Promise<Result<PublishedVersion>> {
  return requestJson(`/api/published/${encodeURIComponent(publicationId)}`, publishedVersionSchema, {
    headers: bearer(token),
  })
}

export function forkPublished(publicationId: string, token: string): Promise<Result<CreateBoardResponse>> {
  return requestJson(
    `/api/published/${encodeURIComponent(publicationId)}/fork`,
    createBoardResponseSchema,
    jsonBody(token, {}),
  )
}

export function exportBoardFile(boardId: string, token: string): Promise<Result<BoardFile>> {
  return requestJson(`${board(boardId)}/export`, boardFileSchema, { headers: bearer(token) })
}

/** Sends a board file's text as it is; the server checks it and says what is wrong. */
export function importBoardFile(text: string): Promise<Result<CreateBoardResponse>> {
  return requestJson('/api/boards/import', createBoardResponseSchema, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: text,
  })
}

export function rotateLinks(
  boardId: string,
  token: string,
  roles: Role[],
): Promise<Result<RotateLinksResponse>> {
  return requestJson(`${board(boardId)}/links/rotate`, rotateLinksResponseSchema, jsonBody(token, { roles }))
}

export type { RequestFailure }
