import type { Participant } from '../../shared/protocol/session'

const ROLE_ORDER = { facilitator: 0, editor: 1, viewer: 2 } as const

/** The people on the board right now, this tab first, then facilitators, editors and viewers. */
export function orderParticipants(
  participants: readonly Participant[],
  selfId: string | null,
): Participant[] {
  return [...participants].sort(
    (a, b) =>
      Number(b.id === selfId) - Number(a.id === selfId) ||
      ROLE_ORDER[a.role] - ROLE_ORDER[b.role] ||
      a.name.localeCompare(b.name),
  )
}
