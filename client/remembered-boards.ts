import { useSyncExternalStore } from 'react'
import { z } from 'zod'
import { boardIdSchema, tokenSchema } from '../shared/protocol/links'
import { isAtLeast, roleSchema } from '../shared/protocol/roles'

/** A board this browser has opened: enough to reopen it from the home page, even offline. */
const rememberedBoardSchema = z.object({
  id: boardIdSchema,
  title: z.string(),
  role: roleSchema,
  token: tokenSchema,
  /** Milliseconds since the epoch. */
  lastOpened: z.number(),
  /** Where a board made in this browser came from ("Imported from cells.json"), shown on the home page. */
  origin: z.string().max(300).optional(),
})
export type RememberedBoard = z.infer<typeof rememberedBoardSchema>

const STORAGE_KEY = 'lockstep:boards'
const MAX_REMEMBERED = 100
const CHANGE_EVENT = 'lockstep:boards-changed'

function read(): RememberedBoard[] {
  try {
    const raw = window.localStorage.getItem(STORAGE_KEY)
    if (!raw) return []
    const parsed = z.array(z.unknown()).safeParse(JSON.parse(raw))
    if (!parsed.success) return []
    // one unreadable entry must not cost the whole list
    return parsed.data.flatMap((entry) => {
      const board = rememberedBoardSchema.safeParse(entry)
      return board.success ? [board.data] : []
    })
  } catch {
    return []
  }
}

function write(boards: RememberedBoard[]): void {
  try {
    const newestFirst = [...boards].sort((a, b) => b.lastOpened - a.lastOpened).slice(0, MAX_REMEMBERED)
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(newestFirst))
  } catch {
    // storage full or disabled (private mode): the list is a convenience, the board still works
  }
  cachedRaw = null
  window.dispatchEvent(new Event(CHANGE_EVENT))
}

/** Every remembered board, newest first. */
export function listRememberedBoards(): RememberedBoard[] {
  return read().sort((a, b) => b.lastOpened - a.lastOpened)
}

/** The remembered entry for a board, if any. */
export function findRememberedBoard(boardId: string): RememberedBoard | undefined {
  return read().find((board) => board.id === boardId)
}

/**
 * Remembers that this browser opened a board. A weaker link never replaces a stronger one:
 * a facilitator who opens the viewer link to try it keeps the facilitator link.
 */
export function rememberBoard(board: RememberedBoard): void {
  const boards = read()
  const existing = boards.find((b) => b.id === board.id)
  const others = boards.filter((b) => b.id !== board.id)
  if (existing && !isAtLeast(board.role, existing.role)) {
    write([...others, { ...existing, title: board.title, lastOpened: board.lastOpened }])
  } else {
    write([...others, { ...board, origin: board.origin ?? existing?.origin }])
  }
}

/**
 * Replaces the link this browser used on a board with the one the server handed it (the old one was
 * replaced). A different link remembered for the board (say, the facilitator's) is kept.
 */
export function replaceRememberedLink(boardId: string, oldToken: string, board: RememberedBoard): void {
  const boards = read()
  const existing = boards.find((b) => b.id === boardId)
  if (existing && existing.token !== oldToken) return
  write([...boards.filter((b) => b.id !== boardId), board])
}

/**
 * Keeps the remembered title in step with the server (a rename here or by another facilitator);
 * when it was last opened stays as it was, so the list does not reorder itself.
 */
export function retitleRememberedBoard(boardId: string, title: string): void {
  const boards = read()
  if (!boards.some((b) => b.id === boardId && b.title !== title)) return
  write(boards.map((b) => (b.id === boardId ? { ...b, title } : b)))
}

/** Takes a board off this browser's list (the board itself is not deleted). */
export function forgetBoard(boardId: string): void {
  write(read().filter((b) => b.id !== boardId))
}

let cachedRaw: string | null = null
let cachedList: RememberedBoard[] = []

function snapshot(): RememberedBoard[] {
  const raw = window.localStorage.getItem(STORAGE_KEY) ?? ''
  if (raw !== cachedRaw) {
    cachedRaw = raw
    cachedList = listRememberedBoards()
  }
  return cachedList
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener(CHANGE_EVENT, onChange)
  window.addEventListener('storage', onChange)
  return () => {
    window.removeEventListener(CHANGE_EVENT, onChange)
    window.removeEventListener('storage', onChange)
  }
}

/** The remembered boards, kept current across tabs. */
export function useRememberedBoards(): RememberedBoard[] {
  return useSyncExternalStore(subscribe, snapshot)
}
