import { useEffect } from 'react'
import { type Editor, useEditor, useValue } from 'tldraw'
import type { ViewArea } from '../../shared/protocol/session'
import { useLiveSession } from '../session/session-context'

/** The spotlight's area on screen (px within the canvas), following the camera. */
function useScreenRect(editor: Editor, area: ViewArea | null) {
  return useValue('spotlight on screen', () => {
    if (!area) return null
    const a = editor.pageToViewport({ x: area.x, y: area.y })
    const b = editor.pageToViewport({ x: area.x + area.w, y: area.y + area.h })
    const screen = editor.getViewportScreenBounds()
    return { x: a.x, y: a.y, w: b.x - a.x, h: b.y - a.y, vw: screen.w, vh: screen.h }
  }, [editor, area])
}

/**
 * "Everyone look here": dims the canvas around the facilitator's spotlight on every screen, and
 * brings the area into view for anyone who cannot see it. Never takes the pointer.
 */
export function SpotlightOverlay() {
  const editor = useEditor()
  const { connection } = useLiveSession()
  const spotlight = connection.session?.spotlight ?? null
  const area = spotlight?.area ?? null
  const rect = useScreenRect(editor, area)

  useEffect(() => {
    if (!area) return
    const view = editor.getViewportPageBounds()
    const inView =
      area.x >= view.x && area.y >= view.y && area.x + area.w <= view.maxX && area.y + area.h <= view.maxY
    if (!inView) editor.zoomToBounds(area, { inset: 48, animation: { duration: 300 } })
  }, [editor, area])

  if (!spotlight || !rect) return null
  const { x, y, w, h, vw, vh } = rect
  return (
    <div
      className="spotlight"
      data-testid="spotlight"
      role="status"
      aria-label={`${spotlight.byName}: look here`}
    >
      <svg className="spotlight__shade" width={vw} height={vh} aria-hidden="true">
        <path fillRule="evenodd" d={`M0 0H${vw}V${vh}H0Z M${x} ${y}h${w}v${h}h${-w}Z`} />
        <rect className="spotlight__ring" x={x} y={y} width={w} height={h} rx={12} />
      </svg>
      <span className="spotlight__label" style={{ left: Math.max(8, x), top: Math.max(8, y - 34) }}>
        {spotlight.byName}: look here
      </span>
    </div>
  )
}
