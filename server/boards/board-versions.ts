import * as Y from 'yjs'
import { planRestore, sameJson } from '../../shared/boards/restore-plan'
import type { BoardContent } from '../../shared/protocol/board-file'
import type { VersionKind } from '../../shared/protocol/saved-boards'
import { randomId } from '../auth/capabilities'
import type { BoardStore, VersionRecord } from '../storage/board-store'
import { SERVER_ORIGIN } from '../sync/board-room'
import type { BoardRooms } from '../sync/board-rooms'
import { contentOfState, restoreDoc } from './board-content'

/**
 * A board's versions, taken from and restored into the live document when the board is loaded
 * (so a version holds what people see, and a restore reaches everyone connected), else storage.
 */
export class BoardVersions {
  constructor(
    private readonly store: BoardStore,
    private readonly rooms: BoardRooms,
  ) {}

  /** The board's whole Yjs state now: the live document's once its changes are stored, else the stored one. */
  async currentState(boardId: string): Promise<Uint8Array | null> {
    const room = await this.rooms.peek(boardId)
    if (!room) return this.store.loadDocument(boardId)
    await room.flush()
    return Y.encodeStateAsUpdate(room.doc)
  }

  /** Keeps the board's current content as a version, with the given picture or the board's current one. */
  async save(
    boardId: string,
    version: {
      name: string
      kind: VersionKind
      thumbnail?: Uint8Array | undefined
      /** Then keep only this many automatic versions (in the same step, so none is ever seen over). */
      keepAutomatic?: number
    },
  ): Promise<VersionRecord> {
    const state = (await this.currentState(boardId)) ?? Y.encodeStateAsUpdate(new Y.Doc())
    const thumbnail = version.thumbnail ?? (await this.store.loadThumbnail(boardId))
    return this.store.saveVersion(boardId, {
      id: randomId(),
      name: version.name,
      kind: version.kind,
      state,
      thumbnail,
      ...(version.keepAutomatic === undefined ? {} : { keepAutomatic: version.keepAutomatic }),
    })
  }

  /**
   * Brings the board back to a version's content for everyone, in one Yjs transaction stored and
   * relayed like any change. A board nobody has open is loaded for it, so there is one path.
   */
  async restore(boardId: string, content: BoardContent): Promise<{ put: number; removed: number }> {
    const room = await this.rooms.acquire(boardId)
    try {
      const changed = restoreDoc(room.doc, content, SERVER_ORIGIN)
      await room.flush()
      return changed
    } finally {
      this.rooms.release(room)
    }
  }

  /** Whether the board's content differs from its newest version (true when it has content and no version). */
  async changedSinceNewest(boardId: string): Promise<boolean> {
    const current = await this.currentState(boardId)
    if (!current) return false // nothing was ever drawn
    const [newest] = await this.store.listVersions(boardId)
    if (!newest) return true
    const kept = await this.store.loadVersion(boardId, newest.id)
    return !sameContent(contentOfState(current).content, contentOfState(kept).content)
  }
}

/** Same schema and the same drawing, in any order (as a restore sees it: attribution records aside). */
function sameContent(a: BoardContent, b: BoardContent): boolean {
  if (!sameJson(a.schema, b.schema)) return false
  const plan = planRestore(new Map(a.records.map((record) => [record.id, record])), b.records)
  return plan.put.length === 0 && plan.remove.length === 0
}
