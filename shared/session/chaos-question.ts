import type { GraphSnapshot } from '../diagram/graph-snapshot'
import type { DrawnSystemEvent } from '../sim/engines/drawn-system'

/** What the room may predict about end-to-end p99 latency. */
export const PREDICTION_OPTIONS = ['It jumps', 'It rises a little', 'About the same', 'It falls']

/** The question a change asks before it applies (predict, then reveal), naming the boxes it touches. */
export function predictionQuestion(event: DrawnSystemEvent, snapshot: GraphSnapshot): string {
  const label = (id: string) => {
    const box = snapshot.boxes.find((b) => b.id === id)
    return `“${box?.label || box?.kind || id}”`
  }
  const group = (ids: readonly string[]) => (ids.length === 1 ? label(ids[0] ?? '') : `${ids.length} boxes`)
  const what = (() => {
    switch (event.type) {
      case 'kill-box':
        return `if ${label(event.box)} goes down`
      case 'slow-box':
        return `if ${label(event.box)} becomes ${event.factor}× slower`
      case 'cache-flush':
        return `if ${label(event.box)} loses its contents`
      case 'fail-dependency':
        return `if ${label(event.box)} answers with errors`
      case 'traffic-spike':
        return `if traffic jumps ×${event.factor}`
      case 'partition':
        return `if ${group(event.a)} is cut off from ${group(event.b)}`
      case 'undo-chaos':
        return 'when the chaos is taken back'
      case 'set-props':
        return `if ${label(event.box)} changes`
      case 'set-call':
        return 'if this call changes'
      case 'tick':
        return 'next'
    }
  })()
  return `What happens to p99 latency ${what}?`
}
