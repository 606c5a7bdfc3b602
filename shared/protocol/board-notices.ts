import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { z } from 'zod'

/**
 * y-websocket message type of a Lockstep notice (server → client). y-websocket uses 0–3; a client
 * without a handler for it only logs and carries on.
 */
export const NOTICE_MESSAGE_TYPE = 100

/** What the server tells a board's clients about the board itself, outside the Yjs document. */
export const boardNoticeSchema = z.discriminatedUnion('kind', [
  /** Storage is unavailable (e.g. locked); changes are kept in memory and not relayed until stored. */
  z.object({ kind: z.literal('saving-paused') }),
  /** Storage is back and everything held has been stored and relayed. */
  z.object({ kind: z.literal('saving-resumed') }),
  /** A change was refused because the board has reached its storage quota. */
  z.object({ kind: z.literal('board-full'), quotaBytes: z.number().int().positive() }),
])

export type BoardNotice = z.infer<typeof boardNoticeSchema>

/** Encodes a notice as one y-websocket frame. */
export function encodeBoardNotice(notice: BoardNotice): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, NOTICE_MESSAGE_TYPE)
  encoding.writeVarString(encoder, JSON.stringify(notice))
  return encoding.toUint8Array(encoder)
}

/** Reads a notice's body (after its message type); null when it is not one we know. */
export function readBoardNotice(decoder: decoding.Decoder): BoardNotice | null {
  try {
    const parsed = boardNoticeSchema.safeParse(JSON.parse(decoding.readVarString(decoder)))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/** Words for a notice, as the connection badge shows them. */
export function boardNoticeText(notice: BoardNotice): string {
  switch (notice.kind) {
    case 'saving-paused':
      return 'Saving paused — the server cannot write right now; your changes are kept and will be sent.'
    case 'saving-resumed':
      return 'Saved.'
    case 'board-full':
      return 'This board has reached its size limit, so your last change was not kept. A facilitator can restore an earlier version.'
    default: {
      const unknown: never = notice
      return unknown
    }
  }
}
