import type { Editor, TLShapeId } from 'tldraw'
import type { LaidOutTemplate } from '../../shared/templates/layout'
import { type TemplateRecords, templateToRecords } from '../../shared/templates/to-tldraw'
import { randomId } from '../random-id'
import { centerBesideContent } from './free-space'

/** The insertion id of a board's start content: fixed, so editors adding it at the same moment write the same records. */
export const START_INSERTION_ID = 'start'

function createRecords(editor: Editor, records: TemplateRecords): void {
  editor.createShapes(records.shapes)
  editor.createBindings(records.bindings)
}

/**
 * Adds a template to the current page as one step of this person's undo history, and selects it:
 * beside what is already there (in the view's centre on an empty page). A fresh insertion id keeps
 * each copy independent of the others. Returns the ids of the inserted top-level shapes.
 */
export function insertTemplate(editor: Editor, laidOut: LaidOutTemplate): TLShapeId[] {
  const pageId = editor.getCurrentPageId()
  const content = editor.getCurrentPageBounds() ?? null
  const records = templateToRecords(laidOut, {
    insertionId: randomId(6),
    center: centerBesideContent(content, laidOut.bounds, editor.getViewportPageBounds().center),
    pageId,
  })
  const topLevel = records.shapes.filter((shape) => shape.parentId === pageId).map((shape) => shape.id)
  editor.setCurrentTool('select')
  editor.markHistoryStoppingPoint('insert template')
  editor.run(() => {
    createRecords(editor, records)
    editor.select(...topLevel)
  })
  return topLevel
}

/**
 * Adds a board's start content around the page origin, outside the undo history: it is the board's
 * starting point, not anyone's step to undo. Returns false when it is already there.
 */
export function insertStartTemplate(editor: Editor, laidOut: LaidOutTemplate): boolean {
  const page = editor.getPages()[0]
  if (!page) return false
  const records = templateToRecords(laidOut, {
    insertionId: START_INSERTION_ID,
    center: { x: 0, y: 0 },
    pageId: page.id,
  })
  const first = records.shapes[0]
  if (first && editor.getShape(first.id)) return false
  editor.run(() => createRecords(editor, records), { history: 'ignore' })
  return true
}
