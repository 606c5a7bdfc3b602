import type { Checkpoint, Scenario } from '../../shared/scenarios/scenario-schema'
import type { SessionIntent } from '../../shared/session/intents'

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

/** What one press of Step sends, and the hint to show (null: none). */
export interface StepPress {
  intents: SessionIntent[]
  hint: string | null
}

/**
 * One press of Step (the button or Page Down): a step's question predicts the step after it, so it
 * is asked while that step is on screen, before Step shows the answer. `asked` holds the questions
 * this screen already opened (keyed scenario:step), so a second Step after a close advances.
 */
export function pressStep(
  scenario: Scenario,
  step: number,
  live: { question: string; status: 'open' | 'revealed' } | null,
  asked: Set<string>,
): StepPress {
  const next = scenario.steps[step]?.checkpoint
  const key = `${scenario.id}:${step}`
  const action = stepAction(next, live, asked.has(key))
  if (action === 'step') return { intents: [{ type: 'sim:step' }], hint: null }
  if (action === 'wait-for-reveal')
    return { intents: [], hint: 'Reveal the answers first, then Step again to see what happens.' }
  asked.add(key)
  if (action === 'close-and-step')
    return { intents: [{ type: 'checkpoint:close' }, { type: 'sim:step' }], hint: null }
  if (!next) return { intents: [{ type: 'sim:step' }], hint: null }
  const { question, options, answer } = next
  return {
    intents: [{ type: 'checkpoint:open', question, options, ...(answer === undefined ? {} : { answer }) }],
    hint: 'Reveal, then Step again to see what happens.',
  }
}
