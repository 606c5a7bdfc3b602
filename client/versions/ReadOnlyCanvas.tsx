import { useCallback, useMemo } from 'react'
import { createTLStore, defaultBindingUtils, defaultShapeUtils, type Editor, Tldraw } from 'tldraw'
// with the canvas, not the app: pages without tldraw do not load its styles either
import 'tldraw/tldraw.css'
import type { BoardContent } from '../../shared/protocol/board-file'
import { assetUrls } from '../board/asset-urls'
import { exposeForTests } from '../board/expose-for-tests'
import { contentRecords } from './content-records'

/** Shows all of a saved drawing with some room around it, never enlarged past 100 %. */
function showEverything(editor: Editor): void {
  const bounds = editor.getCurrentPageBounds()
  if (bounds) editor.zoomToBounds(bounds, { targetZoom: 1, inset: 48 })
}

/**
 * A saved board's drawing in a read-only tldraw canvas (pan, zoom, select and copy; no changes).
 * The records are migrated to this editor's schema first; tldraw's assets come from our server.
 */
export function ReadOnlyCanvas({
  content,
  licenseKey,
}: {
  content: BoardContent
  licenseKey: string | null
}) {
  const loaded = useMemo(() => {
    const store = createTLStore({ shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils })
    const records = contentRecords(store, content)
    if (!records.ok) return records
    try {
      store.loadStoreSnapshot({
        store: Object.fromEntries(records.records.map((record) => [record.id, record])),
        schema: store.schema.serialize(),
      })
      return { ok: true as const, store }
    } catch {
      return { ok: false as const, message: 'Part of it could not be read.' }
    }
  }, [content])

  const onMount = useCallback((editor: Editor) => {
    editor.updateInstanceState({ isReadonly: true })
    showEverything(editor)
    return exposeForTests(editor)
  }, [])

  if (!loaded.ok) {
    return (
      <div className="page page--centered">
        <div className="card message-card" role="alert">
          <h1>This version cannot be shown</h1>
          <p>{loaded.message}</p>
        </div>
      </div>
    )
  }
  return (
    <Tldraw
      store={loaded.store}
      licenseKey={licenseKey ?? undefined}
      assetUrls={assetUrls}
      onMount={onMount}
    />
  )
}
