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

/** Puts the editor and document where tests (and curious people) can reach them; returns the undo. */
export function exposeForTests(editor: Editor, doc: Y.Doc): () => void {
  window.lockstepEditor = editor
  window.lockstepDoc = doc
  return () => {
    if (window.lockstepEditor === editor) delete window.lockstepEditor
    if (window.lockstepDoc === doc) delete window.lockstepDoc
  }
}
