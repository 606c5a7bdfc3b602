import { z } from 'zod'
import type { Role } from './roles'

/** Board ids and capability tokens: 128 random bits in base64url (22 characters). */
export const boardIdSchema = z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'not a board id')
export const tokenSchema = z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'not a board token')

/** The path of a board's page; the token travels in the fragment so it never reaches logs or Referer. */
export function boardPath(boardId: string): string {
  return `/b/${boardId}`
}

/** A share link, path only (the client prefixes its own origin). */
export function boardLink(boardId: string, token: string): string {
  return `${boardPath(boardId)}#k=${token}`
}

/** The board id in a page path like `/b/<id>`, or null. */
export function boardIdFromPath(pathname: string): string | null {
  const match = /^\/b\/([^/]+)\/?$/.exec(pathname)
  const id = match?.[1]
  return id && boardIdSchema.safeParse(id).success ? id : null
}

/** The token in a fragment like `#k=<token>`, or null. */
export function tokenFromFragment(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''))
  const token = params.get('k')
  return token && tokenSchema.safeParse(token).success ? token : null
}

/** Path of the Yjs socket for a board: `/yjs/<boardId>` (DESIGN.md §3). */
export const YJS_PATH_PREFIX = '/yjs'

/** The WebSocket subprotocol of the Yjs endpoint; the server answers with it. */
export const YJS_SUBPROTOCOL = 'lockstep.v1'
const TOKEN_SUBPROTOCOL_PREFIX = 'lockstep.token.'

/**
 * The subprotocols a Yjs client offers: ours, and one carrying the board token, so the token travels
 * in a request header and never in the URL that proxies write to their access logs. A token is
 * base64url, whose characters are all allowed in a subprotocol name; anything else is not sent.
 */
export function yjsSubprotocols(token: string): string[] {
  return tokenSchema.safeParse(token).success
    ? [YJS_SUBPROTOCOL, `${TOKEN_SUBPROTOCOL_PREFIX}${token}`]
    : [YJS_SUBPROTOCOL]
}

/** The board token offered in a Yjs socket's subprotocols, or null. */
export function tokenFromSubprotocols(protocols: Iterable<string>): string | null {
  for (const protocol of protocols) {
    if (protocol.startsWith(TOKEN_SUBPROTOCOL_PREFIX)) return protocol.slice(TOKEN_SUBPROTOCOL_PREFIX.length)
  }
  return null
}

export type ShareLinks = Record<Role, string>
