import { DefaultStylePanel, type TLUiStylePanelProps, useEditor, useValue } from 'tldraw'

// tools with nothing to style: with one of these and nothing selected, the panel would only cover
// the top-right of the canvas, where a step's failing boxes often are
const TOOLS_WITHOUT_STYLES = new Set(['select', 'hand', 'eraser', 'laser', 'zoom'])

/** tldraw's style panel, shown only while there is something to style (a selection or a drawing tool). */
export function BoardStylePanel(props: TLUiStylePanelProps) {
  const editor = useEditor()
  const wanted = useValue(
    'style panel wanted',
    () => editor.getSelectedShapeIds().length > 0 || !TOOLS_WITHOUT_STYLES.has(editor.getCurrentToolId()),
    [editor],
  )
  return wanted ? <DefaultStylePanel {...props} /> : null
}
