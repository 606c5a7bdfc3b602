import { useCallback, useEffect, useRef, useState } from 'react'
import { type BoardSummary, SAVED_LIMITS } from '../../shared/protocol/saved-boards'
import { type RememberedBoard, retitleRememberedBoard } from '../remembered-boards'
import { lookupBoards } from '../saved-boards-api'
import type { BoardStatus } from './board-activity'

export interface BoardSummaries {
  statuses: ReadonlyMap<string, BoardStatus>
  /** The server could not be reached: the list shows only what this browser remembers. */
  offline: boolean
  /** Records a change made from this page (a rename) without asking the server again. */
  patchSummary(boardId: string, patch: Partial<BoardSummary>): void
}

/**
 * Asks the server about every remembered board in one lookup: title, role, last change and
 * thumbnail time, or that the link no longer works. Boards remembered later (another tab) are
 * asked about on their own; after an offline start the lookup runs again when the network returns.
 */
export function useBoardSummaries(boards: readonly RememberedBoard[]): BoardSummaries {
  const [statuses, setStatuses] = useState<ReadonlyMap<string, BoardStatus>>(new Map())
  const [offline, setOffline] = useState(false)
  const [attempt, setAttempt] = useState(0)
  // the token each board was asked about with; a board whose token changed is asked again
  const asked = useRef(new Map<string, string>())

  useEffect(() => {
    const retry = () => setAttempt((n) => n + 1)
    window.addEventListener('online', retry)
    return () => window.removeEventListener('online', retry)
  }, [])

  useEffect(() => {
    void attempt
    const toAsk = boards
      .filter((board) => asked.current.get(board.id) !== board.token)
      .slice(0, SAVED_LIMITS.lookupBoards)
    if (toAsk.length === 0) return
    for (const board of toAsk) asked.current.set(board.id, board.token)
    const update = (change: (next: Map<string, BoardStatus>) => void) =>
      setStatuses((current) => {
        const next = new Map(current)
        change(next)
        return next
      })
    update((next) => {
      for (const board of toAsk) if (!next.has(board.id)) next.set(board.id, { kind: 'checking' })
    })
    void lookupBoards(toAsk.map(({ id, token }) => ({ id, token }))).then((result) => {
      if (!result.ok) {
        // forget what was asked so the next attempt (back online) asks again
        for (const board of toAsk) asked.current.delete(board.id)
        setOffline(result.failure.code === 'network_error')
        update((next) => {
          for (const board of toAsk) next.set(board.id, { kind: 'unknown' })
        })
        return
      }
      setOffline(false)
      update((next) => {
        for (const entry of result.value.boards) {
          if (entry.ok) next.set(entry.board.id, { kind: 'found', summary: entry.board })
          else next.set(entry.id, { kind: 'gone', code: entry.code })
        }
      })
      for (const entry of result.value.boards) {
        if (entry.ok) retitleRememberedBoard(entry.board.id, entry.board.title)
      }
    })
  }, [boards, attempt])

  const patchSummary = useCallback((boardId: string, patch: Partial<BoardSummary>) => {
    setStatuses((current) => {
      const status = current.get(boardId)
      if (status?.kind !== 'found') return current
      return new Map(current).set(boardId, { kind: 'found', summary: { ...status.summary, ...patch } })
    })
  }, [])

  return { statuses, offline, patchSummary }
}
