import { useEffect, useState } from 'react'
import { io, type Socket } from 'socket.io-client'
import { z } from 'zod'
import {
  type Participant,
  participantSchema,
  type SessionClientEvents,
  type SessionServerEvents,
} from '../../shared/protocol/session'

export interface ParticipantsState {
  /** Everyone on the board's live session, this tab included; empty while disconnected. */
  participants: Participant[]
  /** This tab's participant id, once welcomed. */
  selfId: string | null
}

type SessionSocket = Socket<SessionServerEvents, SessionClientEvents>

const participantsSchema = z.array(participantSchema)

/**
 * Joins the board's live session over socket.io and keeps the participant list current.
 * Says hello with the local name and colour, and again whenever they change.
 */
export function useParticipants(
  boardId: string,
  token: string,
  name: string,
  color: string,
): ParticipantsState {
  const [socket, setSocket] = useState<SessionSocket | null>(null)
  const [state, setState] = useState<ParticipantsState>({ participants: [], selfId: null })

  useEffect(() => {
    const s: SessionSocket = io({ auth: { boardId, token } })
    s.on('session:welcome', (welcome) => {
      setState((prev) => ({ ...prev, selfId: welcome.participantId }))
    })
    s.on('session:participants', (list) => {
      const parsed = participantsSchema.safeParse(list)
      if (parsed.success) setState((prev) => ({ ...prev, participants: parsed.data }))
    })
    s.on('disconnect', () => {
      setState((prev) => ({ ...prev, participants: [], selfId: null }))
    })
    setSocket(s)
    return () => {
      s.removeAllListeners()
      s.disconnect()
      setSocket(null)
      setState({ participants: [], selfId: null })
    }
  }, [boardId, token])

  useEffect(() => {
    if (!socket) return
    const hello = () => {
      socket.emit('presence:hello', { name, color }, (ack) => {
        if (!ack.ok) console.warn(`Lockstep: the session did not take our name (${ack.message})`)
      })
    }
    if (socket.connected) hello()
    socket.on('connect', hello)
    return () => {
      socket.off('connect', hello)
    }
  }, [socket, name, color])

  return state
}
