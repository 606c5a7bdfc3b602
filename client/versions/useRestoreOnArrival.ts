import { useEffect } from 'react'
import type { Editor } from 'tldraw'
import type { Announcement } from '../../shared/protocol/session-notices'
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
  /** Tells everyone else who restored what. */
  announce: (announcement: Announcement) => unknown
}

/** Finishes a "Restore" pressed on the version page, once the board is open and synced here. */
export function useRestoreOnArrival({
  editor,
  boardId,
  token,
  canRestore,
  synced,
  notify,
  announce,
}: RestoreOnArrivalOptions) {
  useEffect(() => {
    if (!editor || !canRestore || !synced) return
    const versionId = takeRestoreOnArrival(boardId)
    if (!versionId) return
    void restoreVersion(editor, boardId, token, versionId).then((outcome) => {
      notify(outcome.ok ? `Restored “${outcome.name}” for everyone. Ctrl+Z takes it back.` : outcome.message)
      if (outcome.ok && outcome.changes > 0) announce({ kind: 'version-restored', version: outcome.name })
    })
  }, [editor, boardId, token, canRestore, synced, notify, announce])
}
