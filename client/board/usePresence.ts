import { useEffect } from 'react'
import type { Editor } from 'tldraw'
import type { Awareness } from 'y-protocols/awareness'
import { $presenceUser } from './local-user'
import { bindPresence } from './presence-binding'

/** Shares this tab's cursor and shows everyone else's, once the editor is mounted. */
export function usePresence(editor: Editor | null, awareness: Awareness | null): void {
  useEffect(() => {
    if (!editor || !awareness) return
    return bindPresence(editor.store, awareness, $presenceUser)
  }, [editor, awareness])
}
