import type { Failure } from '../../shared/protocol/errors'
import type { CreateBoardResponse } from '../../shared/protocol/rest'
import { LIMITS } from '../../shared/protocol/rest'
import type { BoardRecord, BoardStore } from '../storage/board-store'
import { contentOfState } from './board-content'
import type { BoardVersions } from './board-versions'
import { createBoardWithContent } from './create-board'

/** "Copy of <title>", kept within the title limit. */
export function copyTitle(title: string): string {
  return `Copy of ${title}`.slice(0, LIMITS.titleChars).trim()
}

/**
 * A new board with the content of `board` now, or of one of its versions, and fresh links; the
 * fork remembers where it came from. The content is rewritten into a fresh document (no history
 * of the original comes along), and its start template is kept so it is not inserted again.
 */
export async function forkBoard(
  deps: { store: BoardStore; versions: BoardVersions },
  source: { board: BoardRecord; versionId?: string | undefined; title?: string | undefined },
): Promise<{ ok: true; created: CreateBoardResponse } | { ok: false; failure: Failure }> {
  const { store, versions } = deps
  const { board, versionId } = source
  let state: Uint8Array | null
  let thumbnail: Uint8Array | null
  if (versionId) {
    state = await store.loadVersion(board.id, versionId)
    if (!state) return { ok: false, failure: { code: 'version_not_found', message: 'No such version.' } }
    thumbnail = (await store.loadVersionThumbnail(board.id, versionId)) ?? null
  } else {
    state = await versions.currentState(board.id)
    thumbnail = await store.loadThumbnail(board.id)
  }
  const created = await createBoardWithContent(store, {
    title: source.title ?? copyTitle(board.title),
    templateId: board.templateId,
    originBoardId: board.id,
    originVersionId: versionId ?? null,
    document: contentOfState(state),
    thumbnail,
  })
  return { ok: true, created }
}
