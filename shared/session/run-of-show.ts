import type { Workshop } from '../content/workshop-schema'
import type { Checkpoint, Scenario } from '../scenarios/scenario-schema'
import type { SessionIntent } from './intents'
import { type ShowSim, simPath } from './sim-path'

/**
 * Predict-then-reveal for a workshop plan. A segment whose question predicts what its step or
 * failure does is shown in two beats: `predict` (the question is open, the board unchanged), then
 * `show` (the board moves, once the answers are revealed). Any other segment is one `show` beat.
 */
export type WorkshopPhase = 'predict' | 'show'

/** One beat of the run-of-show: where Next and Back move between. */
export interface ShowPosition {
  segment: number
  phase: WorkshopPhase
}

/** What the session shows at a beat, as the plan declares it. */
export interface ShowTarget extends ShowPosition {
  articleSection: string | null
  /** The question live at this beat (open or revealed), or none. */
  question: Checkpoint | null
  sim: ShowSim | null
  timerMinutes: number | null
}

/** The parts of the live session the run-of-show compares with a beat. */
export interface LiveShow {
  workshop: { segment: number; phase?: WorkshopPhase | undefined } | null
  presentation: { articleId: string; sectionId: string } | null
  sim: ShowSim | null
  checkpoint: { question: string; status: 'open' | 'revealed' } | null
}

type Plan = Pick<Workshop, 'articleId' | 'scenarioId' | 'segments'>

/**
 * Every beat of a plan in order, with what it shows: the state each segment leaves is folded
 * forward from the start, so a beat always means the same picture whichever way it was reached.
 * A segment's question is its own checkpoint, or else the checkpoint of the scenario step just
 * before the one it steps to (a step's question predicts the next step), asked once per plan.
 */
export function showTargets(plan: Plan, scenario: Scenario | undefined): ShowTarget[] {
  const targets: ShowTarget[] = []
  let sim: ShowSim | null = null
  const asked = new Set<string>()
  plan.segments.forEach((segment, index) => {
    const needsSim = segment.scenarioStep !== undefined || segment.triggerFailure !== undefined
    let stage = sim
    let shown = sim
    if (plan.scenarioId && needsSim) {
      const from: ShowSim = sim ?? { scenarioId: plan.scenarioId, step: 0, failures: [] }
      const step = segment.scenarioStep ?? from.step
      // going back sets the stage (and undoes later failures); going forward is what is predicted
      stage =
        step < from.step ? { ...from, step, failures: from.failures.filter((f) => f.atStep <= step) } : from
      const trigger = segment.triggerFailure
      shown = {
        ...stage,
        step,
        failures: trigger ? [...stage.failures, { id: trigger, atStep: step }] : stage.failures,
      }
    }
    // what a question can predict: a later step, or a new failure
    const steps = shown && stage ? shown.step > stage.step : false
    const moves = steps || (shown?.failures.length ?? 0) > (stage?.failures.length ?? 0)
    const stepAsks = steps && shown ? scenario?.steps[shown.step - 1]?.checkpoint : undefined
    // a step's question is asked once: not again when the plan passes that step a second time
    const stepQuestion = stepAsks && !asked.has(stepAsks.question) ? stepAsks : undefined
    const question = segment.checkpoint ?? stepQuestion ?? null
    if (question) asked.add(question.question)
    const common = {
      segment: index,
      articleSection: segment.articleSection ?? null,
      question,
      timerMinutes: segment.timerMinutes ?? null,
    }
    if (question && moves) targets.push({ ...common, phase: 'predict', sim: stage })
    targets.push({ ...common, phase: 'show', sim: shown })
    sim = shown
  })
  return targets
}

/** Which beat the live session is on (its segment and phase), or -1 when no workshop runs. */
export function currentBeat(targets: readonly ShowTarget[], live: LiveShow): number {
  const at = live.workshop
  if (!at) return -1
  const phase = at.phase ?? 'show'
  const exact = targets.findIndex((t) => t.segment === at.segment && t.phase === phase)
  return exact >= 0 ? exact : targets.findIndex((t) => t.segment === at.segment)
}

/** Next cannot leave a beat while its question is still open: reveal the answers first. */
export function mustRevealFirst(live: LiveShow): boolean {
  return live.checkpoint?.status === 'open'
}

/**
 * The intents that move the live session to a beat, in order: the segment, its article section,
 * the previous question closed, the board moved (loading the scenario when needed), the beat's
 * question opened, and the segment's timer. The question opens after the board has moved, so no
 * step or failure is ever applied while its prediction is open. Going back, a question that Next
 * had closed comes back revealed (its votes are not kept).
 */
export function planMove(
  plan: Plan,
  live: LiveShow,
  target: ShowTarget,
  direction: 'next' | 'back',
): SessionIntent[] {
  const intents: SessionIntent[] = []
  const segmentChanges = live.workshop?.segment !== target.segment
  if (segmentChanges || (live.workshop?.phase ?? 'show') !== target.phase) {
    intents.push({ type: 'workshop:segment', segment: target.segment, phase: target.phase })
  }
  const section = target.articleSection
  const presented = live.presentation
  if (section && (presented?.articleId !== plan.articleId || presented.sectionId !== section)) {
    intents.push({ type: 'article:present', articleId: plan.articleId, sectionId: section })
  }
  const sameQuestion = target.question !== null && live.checkpoint?.question === target.question.question
  if (live.checkpoint && !sameQuestion) intents.push({ type: 'checkpoint:close' })
  if (target.sim) intents.push(...simPath(live.sim, target.sim))
  if (target.question && !sameQuestion) {
    const { question, options, answer } = target.question
    intents.push({ type: 'checkpoint:open', question, options, ...(answer !== undefined ? { answer } : {}) })
    if (direction === 'back' && target.phase === 'show') intents.push({ type: 'checkpoint:reveal' })
  }
  if (segmentChanges && target.timerMinutes !== null) {
    intents.push({ type: 'timer:start', minutes: target.timerMinutes })
  }
  return intents
}

/** "Segment 2/6 — Blast radius". */
export function segmentLabel(index: number, count: number, title: string): string {
  return `Segment ${index + 1}/${count} — ${title}`
}
