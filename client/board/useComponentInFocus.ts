import { type Editor, useValue } from 'tldraw'
import { templateNodeOfShape } from '../templates/template-shape'

/** The template node under the pointer, or else the only selected shape's, if either plays one. */
export function useComponentInFocus(editor: Editor): { templateId: string; nodeId: string } | null {
  return useValue('template component in focus', () => {
    const hoveredId = editor.getHoveredShapeId()
    const hovered = hoveredId ? editor.getShape(hoveredId) : undefined
    const fromPointer = hovered ? templateNodeOfShape(hovered.meta) : null
    if (fromPointer) return fromPointer
    const selected = editor.getOnlySelectedShape()
    return selected ? templateNodeOfShape(selected.meta) : null
  }, [editor])
}
