import type { GraphSnapshot } from '../diagram/graph-snapshot'
import { assertNever, canDriveSession, type Role } from '../protocol/roles'
import type { DrawnSystemEvent } from '../sim/engines/drawn-system'
import { PREDICTION_OPTIONS, predictionQuestion } from './chaos-question'
import { DRAWN_TICK_MS, type DrawnRun, drawnRunTick, MAX_DRAWN_RUN_EVENTS } from './drawn-run'
import { type DrawnIntent, REFUSAL, type RefusalCode } from './intents'
import type { SessionState } from './session-state'

export type DrawnIntentResult =
  | { ok: true; state: SessionState }
  | { ok: false; code: RefusalCode; message: string }

export interface DrawnIntentContext {
  participant: { id: string; name: string }
  /** The board's diagram read at this moment (only `drawn:run` needs it); null: nothing runnable. */
  diagram?: GraphSnapshot | null
  /** Server clock, epoch ms. */
  now: number
}

/**
 * Who may run the drawn diagram (Run, pause, play, stop, chaos): facilitators, and editors while
 * the facilitator allows it. Hints, questions (only a facilitator reveals them) and that
 * permission stay the facilitator's.
 */
export function mayRunDrawn(state: Pick<SessionState, 'editorsMayRun'>, role: Role): boolean {
  return canDriveSession(role) || (role === 'editor' && state.editorsMayRun)
}

/** Whether an intent is one `mayRunDrawn` covers. */
export function runsDrawn(intent: DrawnIntent): boolean {
  return intent.type !== 'drawn:hints' && intent.type !== 'drawn:editors' && intent.type !== 'drawn:ask'
}

const refuse = (code: RefusalCode, message: string): DrawnIntentResult => ({ ok: false, code, message })

/**
 * The rules of a drawn diagram's run (issue 15), as a pure reducer: Run freezes the diagram into
 * the session (replacing any scripted simulation), each change is stamped with the tick it applies
 * at, pause and play keep every screen's tick derivable from the server clock. What an open
 * question holds back is `questionHolds`, checked by `applyIntent` before this runs.
 */
export function applyDrawnIntent(
  state: SessionState,
  intent: DrawnIntent,
  ctx: DrawnIntentContext,
): DrawnIntentResult {
  const next = (drawnRun: DrawnRun | null, drawnPrevious = state.drawnPrevious): DrawnIntentResult => ({
    ok: true,
    state: {
      ...state,
      seq: state.seq + 1,
      driver: { ...ctx.participant },
      sim: null,
      drawnRun,
      drawnPrevious,
    },
  })
  /** A run as it stood when it ended, kept for the charts to compare the next run with. */
  const ended = (run: DrawnRun): DrawnRun => ({
    ...run,
    pausedAtTick: drawnRunTick(run, ctx.now),
    pendingChange: null,
  })

  if (intent.type === 'drawn:editors') {
    if (state.editorsMayRun === intent.allowed) return { ok: true, state }
    return { ok: true, state: { ...state, seq: state.seq + 1, editorsMayRun: intent.allowed } }
  }
  if (intent.type === 'drawn:hints') {
    if (state.hintsHidden === intent.hidden) return { ok: true, state }
    return { ok: true, state: { ...state, seq: state.seq + 1, hintsHidden: intent.hidden } }
  }
  if (intent.type === 'drawn:run') {
    if (!ctx.diagram) {
      return refuse(REFUSAL.noDiagram, 'Nothing to run yet: give a box a component kind first.')
    }
    return next(
      {
        snapshot: ctx.diagram,
        seed: intent.seed ?? ((state.seq + 1) * 2_654_435_761) >>> 0,
        events: [],
        startedAt: ctx.now,
        pausedAtTick: null,
        pendingChange: null,
      },
      state.drawnRun ? ended(state.drawnRun) : state.drawnPrevious,
    )
  }

  const run = state.drawnRun
  if (!run) return refuse(REFUSAL.noDrawnRun, 'Your diagram is not running.')
  const tick = drawnRunTick(run, ctx.now)

  switch (intent.type) {
    case 'drawn:stop':
      return next(null, ended(run))
    case 'drawn:pause':
      if (run.pausedAtTick !== null) return { ok: true, state }
      return next({ ...run, pausedAtTick: tick })
    case 'drawn:play':
      if (run.pausedAtTick === null) return { ok: true, state }
      // Shift the start so the clock resumes at the tick the run paused at.
      return next({ ...run, startedAt: ctx.now - run.pausedAtTick * DRAWN_TICK_MS, pausedAtTick: null })
    case 'drawn:ask': {
      if (run.events.length >= MAX_DRAWN_RUN_EVENTS) {
        return refuse(REFUSAL.tooManyChanges, 'This run holds as many changes as it can; run it again.')
      }
      const unknown = unknownTarget(intent.event, run.snapshot, state.drawnPrevious)
      if (unknown) return refuse(REFUSAL.unknownBox, unknown)
      const questionId = `c${state.seq + 1}`
      return {
        ok: true,
        state: {
          ...state,
          seq: state.seq + 1,
          driver: { ...ctx.participant },
          checkpoint: {
            id: questionId,
            question: predictionQuestion(intent.event, run.snapshot),
            options: PREDICTION_OPTIONS,
            status: 'open',
            votes: {},
            anonymous: false,
          },
          drawnRun: { ...run, pausedAtTick: tick, pendingChange: { questionId, event: intent.event } },
        },
      }
    }
    case 'drawn:change': {
      if (run.events.length >= MAX_DRAWN_RUN_EVENTS) {
        return refuse(REFUSAL.tooManyChanges, 'This run holds as many changes as it can; run it again.')
      }
      const unknown = unknownTarget(intent.event, run.snapshot, state.drawnPrevious)
      if (unknown) return refuse(REFUSAL.unknownBox, unknown)
      // A playing run applies the change at the next tick, never in the past of any screen.
      const last = run.events.at(-1)?.atTick ?? 0
      const atTick = Math.max(last, run.pausedAtTick ?? tick + 1)
      return next({ ...run, events: [...run.events, { atTick, event: intent.event }] })
    }
    default:
      return assertNever(intent)
  }
}

/**
 * What happens to a change the room was asked about once its question moves on: revealed, it
 * applies at the tick the run paused at and the run plays on; closed (or cleared with its
 * workshop), it is dropped and the run stays paused.
 */
export function settlePendingChange(state: SessionState, now: number): SessionState {
  const run = state.drawnRun
  const pending = run?.pendingChange
  if (!run || !pending) return state
  const question = state.checkpoint?.id === pending.questionId ? state.checkpoint : null
  if (question?.status === 'open') return state
  if (!question) return { ...state, drawnRun: { ...run, pendingChange: null } }
  const at = drawnRunTick(run, now)
  const atTick = Math.max(run.events.at(-1)?.atTick ?? 0, at)
  return {
    ...state,
    drawnRun: {
      ...run,
      events: [...run.events, { atTick, event: pending.event }],
      startedAt: now - at * DRAWN_TICK_MS,
      pausedAtTick: null,
      pendingChange: null,
    },
  }
}

/**
 * Why an event cannot apply to this run, in words: it names a box or arrow the run does not hold
 * (deleted before Run again, say). Named by its label from this run or the one before, never by id.
 */
function unknownTarget(
  event: DrawnSystemEvent,
  snapshot: GraphSnapshot,
  previous: DrawnRun | null,
): string | null {
  const id = unknownId(event, snapshot)
  if (id === undefined) return null
  if (event.type === 'set-call') return 'That arrow is not in this run any more; pick another.'
  const box = previous?.snapshot.boxes.find((b) => b.id === id)
  const name = box ? `“${box.label || box.kind}”` : 'That box'
  return `${name} is not in this run any more; pick another box.`
}

/** The first box or call id an event names that the run's snapshot does not hold. */
function unknownId(event: DrawnSystemEvent, snapshot: GraphSnapshot): string | undefined {
  const boxes = new Set(snapshot.boxes.map((box) => box.id))
  switch (event.type) {
    case 'set-call':
      return snapshot.calls.some((call) => call.id === event.call) ? undefined : event.call
    case 'partition':
      return [...event.a, ...event.b].find((id) => !boxes.has(id))
    case 'undo-chaos':
      return event.box === undefined || boxes.has(event.box) ? undefined : event.box
    case 'tick':
    case 'traffic-spike':
      return undefined
    default:
      return boxes.has(event.box) ? undefined : event.box
  }
}
