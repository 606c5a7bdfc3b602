import type { GraphSnapshot } from '../diagram/graph-snapshot'
import { assertNever, canDriveSession, type Role } from '../protocol/roles'
import type { Scenario } from '../scenarios/scenario-schema'
import { applyDrawnIntent, mayRunDrawn, runsDrawn, settlePendingChange } from './drawn-intents'
import { questionHolds } from './drawn-question'
import { applyFacilitationIntent, applyVote } from './facilitation'
import {
  isDrawnIntent,
  isSimIntent,
  REFUSAL,
  type RefusalCode,
  type SessionIntent,
  type SimIntent,
} from './intents'
import type { SessionState, SimSession } from './session-state'
import { applySpotlight } from './spotlight'

export type IntentResult =
  | { ok: true; state: SessionState }
  | { ok: false; code: RefusalCode; message: string }

export interface IntentContext {
  role: Role
  participant: { id: string; name: string }
  /** The sender's identity (checked by the server), which their vote is counted under; defaults to the participant id. */
  identityId?: string
  /** The identity behind another participant's public id, for role grants. */
  identityIdOf?: (participantId: string) => string | undefined
  /** How many segments a workshop plan has, or undefined for an unknown plan. */
  workshopSegments?: (workshopId: string) => number | undefined
  scenarioOf: (id: string) => Scenario | undefined
  /** The board's diagram read when the intent arrived (for `drawn:run`); null: nothing runnable. */
  diagram?: GraphSnapshot | null
  /** Server clock, epoch ms. */
  now: number
}

const refuse = (code: RefusalCode, message: string): IntentResult => ({ ok: false, code, message })

/**
 * The live session's rules as a pure function: who may do what, and what it changes. The server
 * is the only caller; an accepted intent bumps `seq` by exactly one.
 */
export function applyIntent(state: SessionState, intent: SessionIntent, ctx: IntentContext): IntentResult {
  if (intent.type === 'vote') return applyVote(state, intent, ctx.identityId ?? ctx.participant.id)
  const editorRunsDrawn = isDrawnIntent(intent) && runsDrawn(intent) && mayRunDrawn(state, ctx.role)
  if (!canDriveSession(ctx.role) && !editorRunsDrawn) {
    return refuse(REFUSAL.notFacilitator, 'Only a facilitator can drive the session.')
  }
  // predict, then reveal: an open question holds the run, and a second question, back
  const held = questionHolds(state, intent)
  if (held) return refuse(REFUSAL.predictionOpen, held)
  if (intent.type === 'spotlight:set' || intent.type === 'spotlight:clear') {
    return applySpotlight(state, intent, ctx.participant)
  }
  if (isDrawnIntent(intent)) {
    return applyDrawnIntent(state, intent, {
      participant: ctx.participant,
      diagram: ctx.diagram,
      now: ctx.now,
    })
  }
  if (!isSimIntent(intent)) {
    const result = applyFacilitationIntent(state, intent, {
      participant: ctx.participant,
      now: ctx.now,
      identityIdOf: ctx.identityIdOf ?? (() => undefined),
      workshopSegments: ctx.workshopSegments ?? (() => undefined),
    })
    // revealing (or closing) a question about a drawn run's change applies (or drops) it
    return result.ok ? { ok: true, state: settlePendingChange(result.state, ctx.now) } : result
  }
  return applySimIntent(state, intent, ctx)
}

function applySimIntent(state: SessionState, intent: SimIntent, ctx: IntentContext): IntentResult {
  const next = (sim: SimSession | null): IntentResult => ({
    ok: true,
    // a scripted simulation and a run of the drawn diagram never share the panel
    state: { ...state, seq: state.seq + 1, driver: { ...ctx.participant }, sim, drawnRun: null },
  })

  if (intent.type === 'sim:load') {
    const scenario = ctx.scenarioOf(intent.scenarioId)
    if (!scenario) return refuse(REFUSAL.unknownScenario, `No scenario "${intent.scenarioId}".`)
    return next({
      scenarioId: scenario.id,
      seed: scenario.seed,
      step: 0,
      failures: [],
      playing: false,
      speed: 1,
      stepStartedAt: ctx.now,
    })
  }

  if (movesForward(intent) && state.checkpoint?.status === 'open') {
    return refuse(REFUSAL.predictionOpen, 'Reveal the answers before the board moves on.')
  }
  const sim = state.sim
  const scenario = sim ? ctx.scenarioOf(sim.scenarioId) : undefined
  if (!sim || !scenario) return refuse(REFUSAL.noScenario, 'No scenario is loaded.')
  const last = scenario.steps.length - 1

  switch (intent.type) {
    case 'sim:close':
      return next(null)
    case 'sim:step':
      if (sim.step >= last) return refuse(REFUSAL.badStep, 'This is the last step.')
      return next({ ...sim, step: sim.step + 1, stepStartedAt: ctx.now })
    case 'sim:back':
      if (sim.step === 0) return refuse(REFUSAL.badStep, 'This is the first step.')
      // Going back rewinds time: failures triggered after the step we return to are undone too.
      return next({
        ...sim,
        step: sim.step - 1,
        failures: sim.failures.filter((f) => f.atStep < sim.step),
        playing: false,
        stepStartedAt: ctx.now,
      })
    case 'sim:play':
      if (sim.step >= last) return refuse(REFUSAL.badStep, 'The scenario has ended; replay it to play again.')
      return next({ ...sim, playing: true, stepStartedAt: ctx.now })
    case 'sim:pause':
      return next({ ...sim, playing: false })
    case 'sim:replay':
      return next({ ...sim, step: 0, failures: [], playing: false, stepStartedAt: ctx.now })
    case 'sim:speed':
      return next({ ...sim, speed: intent.speed })
    case 'sim:trigger': {
      if (!scenario.failureModes.some((f) => f.id === intent.failureId)) {
        return refuse(REFUSAL.unknownFailure, `No failure "${intent.failureId}" in this scenario.`)
      }
      return next({ ...sim, failures: [...sim.failures, { id: intent.failureId, atStep: sim.step }] })
    }
    default:
      return assertNever(intent)
  }
}

/** A step, auto-play or failure changes what an open question asks people to predict. */
function movesForward(intent: SimIntent): boolean {
  return intent.type === 'sim:step' || intent.type === 'sim:play' || intent.type === 'sim:trigger'
}

/** When auto-play should advance next (epoch ms), or null when it should not. */
export function nextAutoStepAt(sim: SimSession | null, scenario: Scenario | undefined): number | null {
  if (!sim?.playing || !scenario) return null
  const step = scenario.steps[sim.step]
  if (!step || sim.step >= scenario.steps.length - 1) return null
  return sim.stepStartedAt + step.durationMs / sim.speed
}

/** The server clock's own step: advances one step, and stops playing on the last one. */
export function autoStep(state: SessionState, scenario: Scenario, now: number): SessionState {
  const sim = state.sim
  if (!sim?.playing || sim.step >= scenario.steps.length - 1) return state
  const step = sim.step + 1
  return {
    ...state,
    seq: state.seq + 1,
    sim: { ...sim, step, playing: step < scenario.steps.length - 1, stepStartedAt: now },
  }
}
