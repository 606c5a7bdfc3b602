import { BOARD_FILE_FORMAT, type BoardFile } from '../../shared/protocol/board-file'
import { EMPTY_HISTORY } from '../../shared/session/session-history'
import { type SessionState, sessionStateSchema } from '../../shared/session/session-state'
import type { BoardRecord, BoardStore } from '../storage/board-store'
import { contentOfState } from './board-content'
import type { BoardVersions } from './board-versions'

export interface ExportDeps {
  store: BoardStore
  versions: BoardVersions
  /** The board's live session if it is running now (it may be ahead of what is stored). */
  liveState: (boardId: string) => Promise<SessionState | undefined>
}

/** The whole board as a file: its drawing as people see it now, its template and its live session. */
export async function exportBoard(deps: ExportDeps, board: BoardRecord): Promise<BoardFile> {
  const state = await deps.versions.currentState(board.id)
  const session =
    (await deps.liveState(board.id)) ?? storedSession(await deps.store.loadSessionState(board.id))
  return {
    format: BOARD_FILE_FORMAT,
    formatVersion: 1,
    title: board.title,
    templateId: board.templateId,
    exportedAt: new Date().toISOString(),
    content: contentOfState(state).content,
    session: session ? portableSession(session) : null,
  }
}

function storedSession(raw: unknown): SessionState | null {
  const parsed = sessionStateSchema.safeParse(raw)
  return parsed.success ? parsed.data : null
}

/**
 * The session as it may leave the server. Anyone with a link may export, so the participant keys
 * behind votes and granted roles stay here: knowing one would let its holder act with that role.
 */
function portableSession(state: SessionState): SessionState {
  const checkpoint = state.checkpoint ? { ...state.checkpoint, votes: {} } : null
  // the history names who came and who voted what: it stays here too
  return { ...state, checkpoint, roleGrants: {}, history: EMPTY_HISTORY }
}

/** A file name for the download, from the title: letters, digits and dashes only. */
export function boardFileName(title: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
  return `${base || 'board'}.lockstep.json`
}
