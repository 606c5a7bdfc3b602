import { useEffect } from 'react'
import type { Editor } from 'tldraw'
import { takeRestoreOnArrival } from './restore-on-arrival'
import { restoreVersion } from './restore-version'

export interface RestoreOnArrivalOptions {
  editor: Editor | null
  boardId: string
  token: string
  /** A facilitator whose tab may write. */
  canRestore: boolean
  /** Restoring before the first sync would compare against a stale copy of the board. */
  synced: boolean
  notify: (text: string) => void
}

/** Finishes a "Restore" pressed on the version page, once the board is open and synced here. */
export function useRestoreOnArrival({
  editor,
  boardId,
  token,
  canRestore,
  synced,
  notify,
}: RestoreOnArrivalOptions) {
  useEffect(() => {
    if (!editor || !canRestore || !synced) return
    const versionId = takeRestoreOnArrival(boardId)
    if (!versionId) return
    void restoreVersion(editor, boardId, token, versionId).then((outcome) =>
      notify(outcome.ok ? `Restored “${outcome.name}” for everyone. Ctrl+Z takes it back.` : outcome.message),
    )
  }, [editor, boardId, token, canRestore, synced, notify])
}
