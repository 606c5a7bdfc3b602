import { useCallback, useState } from 'react'
import type { Editor } from 'tldraw'
import { loadLaidOutTemplate } from '../templates/laid-out-templates'
import { bringIntoView } from './board-camera'
import { insertTemplate } from './insert-template'

/** "Insert" in the template picker: adds the template beside the board's content, shows it, then calls `onInserted`. */
export function useInsertTemplate(
  editor: Editor,
  onInserted: () => void,
): { insertingId: string | null; error: string | null; insert: (templateId: string) => void } {
  const [insertingId, setInsertingId] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)

  const insert = useCallback(
    (templateId: string) => {
      if (insertingId) return
      setInsertingId(templateId)
      setError(null)
      void loadLaidOutTemplate(templateId).then((result) => {
        setInsertingId(null)
        if (!result.ok) {
          setError(`That template could not be loaded. ${result.failure.message}`)
          return
        }
        insertTemplate(editor, result.value)
        const bounds = editor.getSelectionPageBounds()
        if (bounds) bringIntoView(editor, bounds)
        onInserted()
        editor.focus()
      })
    },
    [editor, insertingId, onInserted],
  )

  return { insertingId, error, insert }
}
