import type { Checkpoint } from '../../shared/scenarios/scenario-schema'

/** What the facilitator's Step does when the next step may carry a predict-then-reveal question. */
export type StepAction = 'step' | 'open' | 'wait-for-reveal' | 'close-and-step'

/**
 * Step first asks the next step's question (once), waits for the reveal, then advances and closes
 * it; a step without a question, or one already asked, simply advances.
 */
export function stepAction(
  next: Checkpoint | undefined,
  live: { question: string; status: 'open' | 'revealed' } | null,
  alreadyAsked: boolean,
): StepAction {
  if (!next) return 'step'
  if (live && live.question === next.question)
    return live.status === 'open' ? 'wait-for-reveal' : 'close-and-step'
  return alreadyAsked ? 'step' : 'open'
}
