import { useEffect, useState } from 'react'
import { type Editor, react } from 'tldraw'

/** How long after the camera's last move the flow dashes come back (ms). */
const SETTLE_MS = 250

/**
 * Hides an overlay SVG's flow dashes and stops its animations while the camera moves: software
 * raster paints the whole view again on each pan frame, and a few hundred dashed strokes cost
 * more than everything else on it. It marks the SVG (`data-camera="moving"`) and pauses its
 * clock instead of re-rendering, and waits for the camera to rest by the clock rather than by
 * tldraw's camera state, which in a slow pan flips between moving and idle every frame.
 * Returns the ref for the SVG.
 */
export function useFlowStillWhileCameraMoves(editor: Editor): (svg: SVGSVGElement | null) => void {
  const [svg, setSvg] = useState<SVGSVGElement | null>(null)
  useEffect(() => {
    if (!svg) return
    let settle: number | undefined
    const rest = () => {
      settle = undefined
      svg.removeAttribute('data-camera')
      svg.unpauseAnimations()
    }
    let first = true
    const stop = react('flow still while the camera moves', () => {
      editor.getCamera()
      // the first run only subscribes: the camera has not moved yet
      if (first) {
        first = false
        return
      }
      if (settle === undefined) {
        svg.setAttribute('data-camera', 'moving')
        svg.pauseAnimations()
      }
      window.clearTimeout(settle)
      settle = window.setTimeout(rest, SETTLE_MS)
    })
    return () => {
      stop()
      window.clearTimeout(settle)
      rest()
    }
  }, [editor, svg])
  return setSvg
}
