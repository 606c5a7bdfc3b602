import { useEffect } from 'react'
import type { Editor } from 'tldraw'
import { uploadThumbnail } from '../saved-boards-api'
import { emptyBoardThumbnail, pageThumbnail } from './board-picture'

/** Wait this long after the last change, so a drag uploads one picture, not fifty. */
const SETTLE_MS = 3000
/** Never upload more often than this while someone keeps editing. */
const MIN_INTERVAL_MS = 20_000

export interface BoardThumbnailOptions {
  editor: Editor | null
  boardId: string
  token: string
  /** Only people who may edit can replace the picture (the server checks too). */
  canWrite: boolean
  /** The board has content but the server has no picture of it yet (a fork, an import, an older board). */
  missing: boolean
  synced: boolean
}

/**
 * Keeps the picture the home page shows of this board current: a small PNG of the page a few
 * seconds after this person's changes settle, at most every 20 s, and once more when they leave.
 * Only the person who changed the board uploads, so a room of ten does not send ten pictures.
 * An emptied page gets a plain card rather than keeping a picture of what was deleted.
 */
export function useBoardThumbnail({
  editor,
  boardId,
  token,
  canWrite,
  missing,
  synced,
}: BoardThumbnailOptions) {
  useEffect(() => {
    if (!editor || !canWrite || !synced) return
    let dirty = false
    let uploading = false
    let lastUpload = 0
    let timer: number | null = null

    const upload = async () => {
      timer = null
      if (!dirty || uploading) return
      dirty = false
      uploading = true
      lastUpload = Date.now()
      try {
        const hasShapes = editor.getCurrentPageShapeIds().size > 0
        const png = hasShapes ? await pageThumbnail(editor) : await emptyBoardThumbnail()
        // a failed upload is not worth a message: the next change tries again
        if (png) await uploadThumbnail(boardId, token, png)
      } finally {
        uploading = false
      }
    }
    const schedule = () => {
      dirty = true
      if (timer !== null) window.clearTimeout(timer)
      const wait = Math.max(SETTLE_MS, lastUpload + MIN_INTERVAL_MS - Date.now())
      timer = window.setTimeout(() => void upload(), wait)
    }
    const flush = () => {
      if (timer !== null) window.clearTimeout(timer)
      timer = null
      void upload()
    }

    if (missing && editor.getCurrentPageShapeIds().size > 0) schedule()
    const stopListening = editor.store.listen(schedule, { source: 'user', scope: 'document' })
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') flush()
    }
    document.addEventListener('visibilitychange', onVisibility)
    return () => {
      stopListening()
      document.removeEventListener('visibilitychange', onVisibility)
      flush()
    }
  }, [editor, boardId, token, canWrite, missing, synced])
}
