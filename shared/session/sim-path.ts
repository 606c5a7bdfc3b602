import type { SessionIntent } from './intents'

/** The part of the running simulation a run-of-show sets: scenario, step and triggered failures. */
export interface ShowSim {
  scenarioId: string
  step: number
  failures: readonly { id: string; atStep: number }[]
}

type Failure = ShowSim['failures'][number]
const sameFailure = (a: Failure | undefined, b: Failure | undefined) =>
  a !== undefined && b !== undefined && a.id === b.id && a.atStep === b.atStep

/**
 * The sim intents that turn `from` into `to` with the session's own rules: Back rewinds one step
 * and undoes failures triggered after it, Replay starts over, Step moves on, a trigger fires at the
 * current step. It goes back only as far as it must to undo failures `to` does not have.
 */
export function simPath(from: ShowSim | null, to: ShowSim): SessionIntent[] {
  const intents: SessionIntent[] = []
  let current: ShowSim = from ?? { scenarioId: to.scenarioId, step: 0, failures: [] }
  if (!from || from.scenarioId !== to.scenarioId) {
    intents.push({ type: 'sim:load', scenarioId: to.scenarioId })
    current = { scenarioId: to.scenarioId, step: 0, failures: [] }
  }
  let kept = 0
  while (kept < current.failures.length && sameFailure(current.failures[kept], to.failures[kept])) kept++
  const extra = current.failures.slice(kept).map((f) => f.atStep - 1)
  const missing = to.failures.slice(kept).map((f) => f.atStep)
  const lowest = Math.min(current.step, to.step, ...extra, ...missing)
  if (lowest < 0) {
    intents.push({ type: 'sim:replay' })
    current = { ...current, step: 0, failures: [] }
  } else {
    for (let step = current.step; step > lowest; step--) intents.push({ type: 'sim:back' })
    if (lowest < current.step) {
      current = { ...current, step: lowest, failures: current.failures.filter((f) => f.atStep <= lowest) }
    }
  }
  let step = current.step
  for (const failure of to.failures.slice(current.failures.length)) {
    for (; step < failure.atStep; step++) intents.push({ type: 'sim:step' })
    intents.push({ type: 'sim:trigger', failureId: failure.id })
  }
  for (; step < to.step; step++) intents.push({ type: 'sim:step' })
  return intents
}
