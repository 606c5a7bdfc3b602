import { useEffect } from 'react'
import type { Editor } from 'tldraw'
import type * as Y from 'yjs'
import { BOARD_DOC } from '../../shared/protocol/yjs-doc'
import { loadLaidOutTemplate } from '../templates/laid-out-templates'
import { zoomToContent } from './board-camera'
import { insertStartTemplate } from './insert-template'

const START_TEMPLATE_KEY = BOARD_DOC.startTemplateKey

export interface StartTemplateOptions {
  editor: Editor | null
  doc: Y.Doc | null
  /** The template the board was started from, if any. */
  templateId: string | null
  canWrite: boolean
  /** The document has synced with the server, so the meta map says whether anyone added it already. */
  synced: boolean
}

/**
 * Gives a board started from a template its diagram: the first person who may edit and opens it
 * adds the template (once per board, recorded in the Yjs meta map) and sees all of it. Two editors
 * doing this at the same moment write the same record ids, so the board ends with one copy.
 */
export function useStartTemplate({ editor, doc, templateId, canWrite, synced }: StartTemplateOptions): void {
  useEffect(() => {
    if (!editor || !doc || !templateId || !canWrite || !synced) return
    const meta = doc.getMap<unknown>(BOARD_DOC.metaMap)
    if (meta.has(START_TEMPLATE_KEY)) return
    let live = true
    void loadLaidOutTemplate(templateId).then((result) => {
      if (!live || meta.has(START_TEMPLATE_KEY)) return
      if (!result.ok) {
        console.warn(`Lockstep: the board's template "${templateId}" could not be loaded`, result.failure)
        return
      }
      const added = insertStartTemplate(editor, result.value)
      meta.set(START_TEMPLATE_KEY, templateId)
      if (added) zoomToContent(editor)
    })
    return () => {
      live = false
    }
  }, [editor, doc, templateId, canWrite, synced])
}
