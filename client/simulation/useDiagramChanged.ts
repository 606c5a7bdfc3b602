import { useEffect, useState } from 'react'
import type { Editor } from 'tldraw'
import { diagramChangedNotice, diagramChanges } from '../../shared/diagram/diagram-changes'
import { snapshotFromRecords } from '../../shared/diagram/from-tldraw'
import type { GraphSnapshot } from '../../shared/diagram/graph-snapshot'

/**
 * Read the canvas again this long after its last change: a 200-box diagram takes ~25 ms to read,
 * too much for every frame of a drag, and a drag moves boxes, which is no change to the run.
 */
const SETTLE_MS = 200

/** The notice for this canvas now: its shapes and bindings on every page, read as Run reads the board. */
function noticeFor(editor: Editor, snapshot: GraphSnapshot, runner: string | null): string | null {
  const records = [
    ...editor.store.query.records('shape').get(),
    ...editor.store.query.records('binding').get(),
  ]
  return diagramChangedNotice(diagramChanges(snapshot, snapshotFromRecords(records).snapshot), runner)
}

/**
 * The notice that the diagram on this canvas no longer matches what the run simulates, or null;
 * checked when the run changes and once each burst of edits (anyone's) has settled.
 */
export function useDiagramChanged(
  editor: Editor | null,
  snapshot: GraphSnapshot,
  runner: string | null,
): string | null {
  const [notice, setNotice] = useState<string | null>(null)
  useEffect(() => {
    if (!editor) {
      setNotice(null)
      return
    }
    const check = () => setNotice(noticeFor(editor, snapshot, runner))
    check()
    let timer: number | null = null
    const schedule = () => {
      if (timer !== null) window.clearTimeout(timer)
      timer = window.setTimeout(check, SETTLE_MS)
    }
    const stopListening = editor.store.listen(schedule, { scope: 'document' })
    return () => {
      stopListening()
      if (timer !== null) window.clearTimeout(timer)
    }
  }, [editor, snapshot, runner])
  return notice
}
