import { useMemo, useRef } from 'react'
import { type Editor, useValue } from 'tldraw'
import type { BoxFigures } from '../../shared/sim/engines/drawn-system/view'
import { chipObstaclesAround } from './chip-layout'
import type { Rect } from './chip-placement'
import { chipRowSize } from './chip-size'
import type { PlacedDrawnBox } from './DrawnBoxMarks'
import { layOutDrawnChips, WIDEST_DRAWN_CHIPS, WIDEST_ERRORS_CHIP } from './drawn-chip-layout'

/**
 * Where each box's chips go during a drawn run (keyed by box id; empty when chips are hidden), clear
 * of arrow labels, other boxes' chips and boxes. Laid out again only when a box moves, the zoom
 * changes or a box shows errors for the first time in this run (from then on it keeps room for its
 * error chip), never for changing figures alone: chips stay put while the run plays.
 */
export function useDrawnChipLayout(
  editor: Editor,
  placed: readonly PlacedDrawnBox[],
  /** The run's seed: a new run starts with no box counted as failing. */
  runSeed: number,
  figures: Readonly<Record<string, BoxFigures>> | undefined,
  zoom: number,
  chipScale: number,
  shown: boolean,
): Map<string, Rect> {
  const failed = useRef({ runSeed, boxes: new Set<string>() })
  if (failed.current.runSeed !== runSeed) failed.current = { runSeed, boxes: new Set() }
  for (const box of placed) {
    if ((figures?.[box.id]?.errorShare ?? 0) > 0) failed.current.boxes.add(box.id)
  }
  // the set only grows within a run, so its size says whether it changed
  const failedCount = failed.current.boxes.size
  const obstacles = useValue('drawn run chip obstacles', () => chipObstaclesAround(editor, placed), [
    editor,
    placed,
  ])
  // biome-ignore lint/correctness/useExhaustiveDependencies: failedCount stands for the growing set
  return useMemo(() => {
    if (!shown) return new Map<string, Rect>()
    const plain = chipRowSize(WIDEST_DRAWN_CHIPS)
    const withErrors = chipRowSize([...WIDEST_DRAWN_CHIPS, WIDEST_ERRORS_CHIP])
    const boxes = failed.current.boxes
    return layOutDrawnChips(
      placed,
      obstacles,
      (id) => (boxes.has(id) ? withErrors : plain),
      chipScale,
      1 / zoom,
    )
  }, [placed, obstacles, failedCount, runSeed, zoom, chipScale, shown])
}
