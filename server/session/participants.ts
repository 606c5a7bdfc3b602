import type { Participant } from '../../shared/protocol/session'

/** Who is on each board right now, by socket id; the list everyone sees in the top bar. */
export class Participants {
  private readonly boards = new Map<string, Map<string, Participant>>()

  list(boardId: string): Participant[] {
    return [...(this.boards.get(boardId)?.values() ?? [])]
  }

  get(boardId: string, socketId: string): Participant | undefined {
    return this.boards.get(boardId)?.get(socketId)
  }

  /** Adds or replaces a participant; true when that changed what everyone sees. */
  upsert(boardId: string, participant: Participant): boolean {
    const board = this.boards.get(boardId) ?? new Map<string, Participant>()
    this.boards.set(boardId, board)
    const before = board.get(participant.id)
    // a new name or colour does not lower a raised hand
    const hand = before?.handRaisedAt
    board.set(participant.id, hand === undefined ? participant : { ...participant, handRaisedAt: hand })
    return !before || JSON.stringify(before) !== JSON.stringify(board.get(participant.id))
  }

  /** Raises (with the time) or lowers (undefined) someone's hand; true when that changed anything. */
  setHand(boardId: string, socketId: string, raisedAt: number | undefined): boolean {
    const board = this.boards.get(boardId)
    const before = board?.get(socketId)
    if (!board || !before) return false
    if ((before.handRaisedAt === undefined) === (raisedAt === undefined)) return false
    const { handRaisedAt: _, ...rest } = before
    board.set(socketId, raisedAt === undefined ? rest : { ...rest, handRaisedAt: raisedAt })
    return true
  }

  /** Removes a participant; true when someone was removed. */
  remove(boardId: string, socketId: string): boolean {
    const board = this.boards.get(boardId)
    if (!board?.delete(socketId)) return false
    if (board.size === 0) this.boards.delete(boardId)
    return true
  }

  count(boardId: string): number {
    return this.boards.get(boardId)?.size ?? 0
  }
}
