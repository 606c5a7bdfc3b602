import { useEffect, useRef } from 'react'
import { Box, type Editor } from 'tldraw'
import { bringIntoView } from '../board/board-camera'
import { placeScenario } from './canvas-geometry'
import type { LiveSimulation } from './useLiveSimulation'

/**
 * When the step changes, the camera of the person who leads the room moves to the boxes the step
 * highlights (if any of them is hidden), and everyone following them sees the same. `leads`: this
 * person is the one "Everyone follow me" follows, or a facilitator while nobody leads.
 */
export function useStepCamera(
  editor: Editor | null,
  simulation: LiveSimulation,
  { leads, sessionKnown }: { leads: boolean; sessionKnown: boolean },
): void {
  const stepKey = simulation.status === 'ready' ? `${simulation.sim.scenarioId}#${simulation.sim.step}` : null
  const shown = useRef<string | null>(null)
  // whether this tab saw the session without a simulation: then the first one is started now
  const sawNone = useRef(false)
  if (sessionKnown && simulation.status === 'idle') sawNone.current = true
  useEffect(() => {
    if (!editor || simulation.status !== 'ready' || stepKey === null || shown.current === stepKey) return
    const arriving = shown.current === null && !sawNone.current
    shown.current = stepKey
    // opening a board mid-session keeps the opening camera; only a step taken now moves it
    if (arriving || !leads) return
    const bounds = highlightedBounds(editor, simulation)
    if (bounds) bringIntoView(editor, bounds.expandBy(48))
  }, [editor, simulation, stepKey, leads])
}

/** The page area of every box the step highlights, on every copy of the template. */
export function highlightedBounds(
  editor: Editor,
  simulation: Extract<LiveSimulation, { status: 'ready' }>,
): Box | null {
  const highlighted = new Set(simulation.step.highlights)
  const boxes = placeScenario(editor, simulation.scenario)
    .boxes.filter((box) => highlighted.has(box.entity))
    .map((box) => Box.From(box.bounds))
  const first = boxes[0]
  return first ? boxes.reduce((all, box) => all.union(box), first.clone()) : null
}
