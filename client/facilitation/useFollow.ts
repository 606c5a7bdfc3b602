import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { Box, type Editor, type TLUserId, useValue } from 'tldraw'
import type { Participant } from '../../shared/protocol/session'
import { aimCamera } from '../board/board-camera'
import type { SessionConnection } from '../session/useSessionSocket'

/** Whose camera this tab follows, and how to change that. */
export interface FollowControls {
  /** The person being followed now, if any. */
  following: { participantId: string; name: string; bySession: boolean } | null
  /** Set when this person's own pan or zoom ended following: "You stopped following <name>". */
  stoppedName: string | null
  /** Follows a participant's viewport; false when their canvas is not visible yet. */
  follow: (participant: Participant) => boolean
  stop: () => void
  dismissStopped: () => void
}

/**
 * Follow and summon for one tab: a participant follows anyone's viewport, everyone follows the
 * session's leader ("Everyone follow me"), and a facilitator's "Bring everyone here" moves the
 * camera. tldraw stops following on the follower's own pan or zoom; this notices and says so.
 */
export function useFollow(editor: Editor | null, connection: SessionConnection): FollowControls {
  const followingUserId = useValue(
    'following user',
    () => editor?.getInstanceState().followingUserId ?? null,
    [editor],
  )
  const [following, setFollowing] = useState<
    (NonNullable<FollowControls['following']> & { presenceId: string }) | null
  >(null)
  const [stoppedName, setStoppedName] = useState<string | null>(null)
  /** The leader of "Everyone follow me" this person stepped away from; not re-followed. */
  const declinedLeader = useRef<string | null>(null)

  const start = useCallback(
    (participant: Participant, bySession: boolean): boolean => {
      if (!editor || !participant.presenceId) return false
      editor.startFollowingUser(participant.presenceId as TLUserId)
      if (editor.getInstanceState().followingUserId !== participant.presenceId) return false
      setStoppedName(null)
      setFollowing({
        participantId: participant.id,
        name: participant.name,
        presenceId: participant.presenceId,
        bySession,
      })
      return true
    },
    [editor],
  )

  // tldraw dropped following (own pan/zoom, leader gone): say so gently
  useEffect(() => {
    if (!following || followingUserId === following.presenceId) return
    setFollowing(null)
    setStoppedName(following.name)
    if (following.bySession) declinedLeader.current = following.participantId
  }, [followingUserId, following])

  // "Everyone follow me"
  const leaderId = connection.session?.follow?.leaderId ?? null
  const { participants, selfId } = connection
  // Whether the leader's presence has reached this tab's editor: someone who joins (or reloads)
  // while everyone follows learns of the session before the leader's camera, and tldraw can only
  // follow a presence it has, so the effect below tries again once it arrives.
  const leaderPresenceId = participants.find((p) => p.id === leaderId)?.presenceId ?? null
  const leaderVisible = useValue(
    'leader presence',
    () => !!leaderPresenceId && !!editor?.getCollaborators().some((c) => c.userId === leaderPresenceId),
    [editor, leaderPresenceId],
  )
  useEffect(() => {
    if (!leaderId) {
      declinedLeader.current = null
      if (following?.bySession) {
        setFollowing(null)
        editor?.stopFollowingUser()
      }
      return
    }
    if (leaderId === selfId || declinedLeader.current === leaderId) return
    if (following?.participantId === leaderId) return
    const leader = participants.find((p) => p.id === leaderId)
    if (leader && leaderVisible) start(leader, true)
  }, [leaderId, selfId, participants, following, start, editor, leaderVisible])

  // "Bring everyone here"
  const summon = connection.summon
  useEffect(() => {
    if (!editor || !summon) return
    if (editor.getInstanceState().followingUserId) return // the leader's camera is already ours
    // all of the summoner's view, in the part of this canvas no dock or panel covers, at their zoom
    // or the nearest that fits (no readable-zoom floor: a summon shows what they see, however far out)
    aimCamera(editor, Box.From(summon.area), { minZoom: 0, maxZoom: Number.POSITIVE_INFINITY, animate: true })
  }, [editor, summon])

  const stop = useCallback(() => {
    if (following?.bySession) declinedLeader.current = following.participantId
    setFollowing(null)
    editor?.stopFollowingUser()
  }, [editor, following])
  const follow = useCallback((participant: Participant) => start(participant, false), [start])
  const dismissStopped = useCallback(() => setStoppedName(null), [])

  return useMemo(
    () => ({
      following: following
        ? { participantId: following.participantId, name: following.name, bySession: following.bySession }
        : null,
      stoppedName,
      follow,
      stop,
      dismissStopped,
    }),
    [following, stoppedName, follow, stop, dismissStopped],
  )
}
