import type { Editor } from 'tldraw'
import type * as Y from 'yjs'

declare global {
  interface Window {
    /** The board's tldraw editor, for end-to-end tests and debugging in the console. */
    lockstepEditor?: Editor
    /** The board's Yjs document, for end-to-end tests and debugging in the console. */
    lockstepDoc?: Y.Doc
  }
}

/**
 * Puts the editor and document where tests (and curious people) can reach them; returns the undo.
 * A saved version's read-only view has an editor but no live document.
 */
export function exposeForTests(editor: Editor, doc?: Y.Doc): () => void {
  window.lockstepEditor = editor
  if (doc) window.lockstepDoc = doc
  return () => {
    if (window.lockstepEditor === editor) delete window.lockstepEditor
    if (doc && window.lockstepDoc === doc) delete window.lockstepDoc
  }
}
