import type { DrawnRun } from './drawn-run'
import type { SessionIntent } from './intents'
import type { CheckpointState } from './session-state'

/** What the hold rule reads of a session: the server's state and a screen's public copy both fit. */
export interface QuestionView {
  checkpoint: Pick<CheckpointState, 'id' | 'status'> | null
  drawnRun: Pick<DrawnRun, 'pendingChange'> | null
}

/** Whether the open question is the one about the drawn run's pending change (predict, then reveal). */
export function runQuestionOpen(state: QuestionView): boolean {
  const pending = state.drawnRun?.pendingChange
  return state.checkpoint?.status === 'open' && pending?.questionId === state.checkpoint.id
}

/**
 * Why an open question holds an intent back, in words, or null when it does not. While the room
 * answers, the run stands still (no chaos, no play) and no second question replaces the open one;
 * while the question is about the run, the run itself stays too (no Run again, Stop or scenario),
 * so Reveal applies the change asked about to the run it was asked about. Reveal or Close ends it.
 * The server refuses with this message and screens disable the same buttons with it.
 */
export function questionHolds(state: QuestionView, intent: SessionIntent): string | null {
  if (state.checkpoint?.status !== 'open') return null
  switch (intent.type) {
    case 'drawn:change':
    case 'drawn:play':
      return 'Reveal or close the question before the run moves on.'
    case 'drawn:ask':
      return 'One question at a time: reveal or close the open one first.'
  }
  if (!runQuestionOpen(state)) return null
  switch (intent.type) {
    case 'drawn:run':
      return 'Reveal or close the question about this run before you run it again.'
    case 'drawn:stop':
      return 'Reveal or close the question about this run before you stop it.'
    case 'checkpoint:open':
      return 'One question at a time: reveal or close the open one first.'
    case 'sim:load':
      return 'Reveal or close the question about this run before you load a scenario.'
    default:
      return null
  }
}
