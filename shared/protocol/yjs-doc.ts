/** Layout of a board's Yjs document (DESIGN.md §3). */
export const BOARD_DOC = {
  /** tldraw document-scope records (shapes, bindings, pages, assets, document), keyed by record id. */
  recordsMap: 'tldraw',
  /** Board metadata and the tldraw store schema used to write the records. */
  metaMap: 'meta',
  /** Key in the meta map holding tldraw's serialized store schema, for migrations. */
  schemaKey: 'schema',
  /** Key in the meta map recording that the board's start template was inserted (its template id). */
  startTemplateKey: 'startTemplate',
} as const

/**
 * Largest image file a board accepts (tldraw keeps images inside the document as base64, 4/3 the
 * size): 2 MiB becomes a ~2.7 MiB change, under the server's default 4 MiB message limit.
 */
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024

/** WebSocket close codes the Yjs endpoint uses (contract: 4401, 4404). */
export const YJS_CLOSE = {
  badToken: 4401,
  boardNotFound: 4404,
  malformedMessage: 4400,
  tokenRevoked: 4403,
  /** A change broke the board's content rules; the reason says which. The client starts over from the server. */
  changeRefused: 4422,
  /** The connection sent more, or faster, than one person's tab ever does (see README, Limits). */
  tooFast: 4429,
  /** Standard code the ws library sends when a frame exceeds the size limit. */
  messageTooBig: 1009,
  serverShuttingDown: 1001,
} as const

/** Human explanations for close codes, shown by the client's connection badge. */
export const YJS_CLOSE_REASON: Record<number, string> = {
  [YJS_CLOSE.badToken]: 'This link is not valid for this board.',
  [YJS_CLOSE.boardNotFound]: 'This board does not exist (it may have been deleted).',
  [YJS_CLOSE.malformedMessage]: 'The connection sent something the server could not read.',
  [YJS_CLOSE.tokenRevoked]: 'This link has been replaced by the facilitator.',
  [YJS_CLOSE.changeRefused]: 'Changes from this tab kept being refused. Reload the page to reconnect.',
  [YJS_CLOSE.tooFast]: 'This tab sent changes faster than the server accepts. Reload the page to reconnect.',
  [YJS_CLOSE.messageTooBig]: 'A change was too large to send. Reload the page to reconnect.',
  [YJS_CLOSE.serverShuttingDown]: 'The server is restarting.',
}
