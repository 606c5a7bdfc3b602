import { useCallback, useEffect, useMemo, useState } from 'react'
import {
  REACTION_SHOW_MS,
  type ReactionId,
  type RoomReaction,
  roomReactionSchema,
  type SummaryAck as SessionSummaryResult,
  summaryAckSchema,
} from '../../shared/protocol/room-signals'
import type { IntentAck } from '../../shared/protocol/session'
import { intentAckSchema } from '../session/live-session'
import type { SessionSocket } from '../session/useSessionSocket'

/** At most this many reactions float at once; more would hide the board. */
const MAX_SHOWN = 8
const TIMEOUT_MS = 8000

/** A reaction on screen, numbered so two alike are two. */
export interface ShownReaction extends RoomReaction {
  n: number
}

export interface RoomSignals {
  /** Reactions sent in the last few seconds, oldest first. */
  reactions: ShownReaction[]
  raiseHand: () => Promise<IntentAck>
  /** Lowers one's own hand, or (facilitators) someone else's. */
  lowerHand: (participantId?: string) => Promise<IntentAck>
  react: (reaction: ReactionId) => Promise<IntentAck>
  /** Facilitators: the session summary so far. */
  fetchSummary: () => Promise<SessionSummaryResult>
}

const offline = {
  ok: false as const,
  code: 'offline',
  message: 'The live session is reconnecting. Try again in a moment.',
}
const noAnswer = {
  ok: false as const,
  code: 'timeout',
  message: 'The server did not answer in time. Try again.',
}

/** Raised hands, reactions and the summary, over the board's session socket. */
export function useRoomSignals(socket: SessionSocket | null): RoomSignals {
  const [reactions, setReactions] = useState<ShownReaction[]>([])

  useEffect(() => {
    if (!socket) return
    let n = 0
    const timers = new Set<number>()
    const onReaction = (payload: unknown) => {
      const parsed = roomReactionSchema.safeParse(payload)
      if (!parsed.success) return
      const shown = { ...parsed.data, n: ++n }
      setReactions((list) => [...list, shown].slice(-MAX_SHOWN))
      const timer = window.setTimeout(() => {
        timers.delete(timer)
        setReactions((list) => list.filter((r) => r.n !== shown.n))
      }, REACTION_SHOW_MS)
      timers.add(timer)
    }
    socket.on('room:reaction', onReaction)
    return () => {
      socket.off('room:reaction', onReaction)
      for (const timer of timers) window.clearTimeout(timer)
      setReactions([])
    }
  }, [socket])

  const ask = useCallback(
    async (send: (s: SessionSocket) => Promise<unknown>): Promise<IntentAck> => {
      if (!socket?.connected) return offline
      try {
        const parsed = intentAckSchema.safeParse(await send(socket.timeout(TIMEOUT_MS) as SessionSocket))
        return parsed.success ? parsed.data : noAnswer
      } catch {
        return noAnswer
      }
    },
    [socket],
  )
  const raiseHand = useCallback(() => ask((s) => s.emitWithAck('hand:raise')), [ask])
  const lowerHand = useCallback(
    (participantId?: string) =>
      ask((s) => s.emitWithAck('hand:lower', participantId ? { participantId } : {})),
    [ask],
  )
  const react = useCallback(
    (reaction: ReactionId) => ask((s) => s.emitWithAck('room:react', { reaction })),
    [ask],
  )
  const fetchSummary = useCallback(async (): Promise<SessionSummaryResult> => {
    if (!socket?.connected) return offline
    try {
      const parsed = summaryAckSchema.safeParse(
        await socket.timeout(TIMEOUT_MS).emitWithAck('session:summary'),
      )
      return parsed.success ? parsed.data : noAnswer
    } catch {
      return noAnswer
    }
  }, [socket])

  return useMemo(
    () => ({ reactions, raiseHand, lowerHand, react, fetchSummary }),
    [reactions, raiseHand, lowerHand, react, fetchSummary],
  )
}
