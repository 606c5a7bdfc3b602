import { assertNever } from '../protocol/roles'
import { type FacilitationIntent, REFUSAL, type RefusalCode, type SessionIntent } from './intents'
import type { SessionState, SessionTimerState } from './session-state'

export type FacilitationResult =
  | { ok: true; state: SessionState }
  | { ok: false; code: RefusalCode; message: string }

interface FacilitationContext {
  participant: { id: string; name: string }
  now: number
  /** The identity behind a participant's public id, for role grants; undefined if they left. */
  identityIdOf: (participantId: string) => string | undefined
  /** How many segments a workshop plan has, or undefined for an unknown plan. */
  workshopSegments: (workshopId: string) => number | undefined
}

const refuse = (code: RefusalCode, message: string): FacilitationResult => ({ ok: false, code, message })

const MINUTE = 60_000

/** The facilitator's tools besides the simulation: presenting, timer, checkpoints, follow, editing lock. */
export function applyFacilitationIntent(
  state: SessionState,
  intent: FacilitationIntent,
  ctx: FacilitationContext,
): FacilitationResult {
  const next = (change: Partial<SessionState>): FacilitationResult => ({
    ok: true,
    state: { ...state, ...change, seq: state.seq + 1, driver: { ...ctx.participant } },
  })
  switch (intent.type) {
    case 'article:present':
      return next({ presentation: { articleId: intent.articleId, sectionId: intent.sectionId } })
    case 'article:stop':
      return next({ presentation: null })
    case 'timer:start':
      return next({
        timer: { startedAt: ctx.now, endsAt: ctx.now + intent.minutes * MINUTE, pausedRemainingMs: null },
      })
    case 'timer:stop':
      return next({ timer: null })
    case 'timer:pause':
    case 'timer:resume':
    case 'timer:add': {
      if (!state.timer) return refuse(REFUSAL.noTimer, 'No timer is running.')
      return next({ timer: changeTimer(state.timer, intent, ctx.now) })
    }
    case 'checkpoint:open': {
      if (intent.answer !== undefined && intent.answer >= intent.options.length) {
        return refuse(REFUSAL.badAnswer, 'The answer must be one of the options.')
      }
      const { question, options, answer } = intent
      const id = `c${state.seq + 1}`
      return next({
        // predict, then reveal: the board holds still while a question is open
        sim: state.sim ? { ...state.sim, playing: false } : null,
        checkpoint: {
          id,
          question,
          options,
          status: 'open',
          votes: {},
          anonymous: intent.anonymous ?? false,
          ...(answer === undefined ? {} : { answer }),
        },
      })
    }
    case 'checkpoint:reveal':
      if (!state.checkpoint) return refuse(REFUSAL.noCheckpoint, 'No question is open.')
      return next({ checkpoint: { ...state.checkpoint, status: 'revealed' } })
    case 'checkpoint:close':
      if (!state.checkpoint) return refuse(REFUSAL.noCheckpoint, 'No question is open.')
      return next({ checkpoint: null })
    case 'follow:start':
      return next({ follow: { leaderId: ctx.participant.id, leaderName: ctx.participant.name } })
    case 'follow:stop':
      return next({ follow: null })
    case 'editing:lock':
      return next({ editingLocked: intent.locked })
    case 'workshop:start':
      if (ctx.workshopSegments(intent.workshopId) === undefined) {
        return refuse(REFUSAL.noWorkshop, `No workshop plan "${intent.workshopId}".`)
      }
      return next({ workshop: { id: intent.workshopId, segment: 0, phase: 'show' } })
    case 'workshop:segment': {
      const segments = state.workshop ? ctx.workshopSegments(state.workshop.id) : undefined
      if (!state.workshop || segments === undefined)
        return refuse(REFUSAL.noWorkshop, 'No workshop is running.')
      if (intent.segment >= segments) return refuse(REFUSAL.badStep, 'The plan has no such segment.')
      return next({ workshop: { ...state.workshop, segment: intent.segment, phase: intent.phase ?? 'show' } })
    }
    case 'workshop:end':
      // ending closes what the workshop left open: its timer and its question
      return next({ workshop: null, timer: null, checkpoint: null })
    case 'role:set': {
      if (intent.participantId === ctx.participant.id) {
        return refuse(REFUSAL.ownRole, 'You cannot change your own role.')
      }
      const identityId = ctx.identityIdOf(intent.participantId)
      if (!identityId) return refuse(REFUSAL.unknownParticipant, 'That person has left the board.')
      return next({ roleGrants: { ...state.roleGrants, [identityId]: intent.role } })
    }
    default:
      return assertNever(intent)
  }
}

/**
 * Pause keeps what is left; resume counts it down again from now; +N minutes adds to what is left
 * (to a paused timer too), and restarts one that already reached zero with N minutes.
 */
function changeTimer(
  timer: SessionTimerState,
  intent: Extract<FacilitationIntent, { type: 'timer:pause' | 'timer:resume' | 'timer:add' }>,
  now: number,
): SessionTimerState {
  const left = timer.pausedRemainingMs ?? Math.max(0, timer.endsAt - now)
  switch (intent.type) {
    case 'timer:pause':
      return { ...timer, pausedRemainingMs: left }
    case 'timer:resume':
      return { ...timer, endsAt: now + left, pausedRemainingMs: null }
    case 'timer:add': {
      const more = left + intent.minutes * MINUTE
      return timer.pausedRemainingMs === null
        ? { ...timer, endsAt: now + more }
        : { ...timer, pausedRemainingMs: more }
    }
    default:
      return assertNever(intent)
  }
}

/**
 * A participant's vote: one per identity per checkpoint (a new vote replaces their old one). The
 * same vote again changes nothing: the state comes back as it was, with the same `seq`.
 */
export function applyVote(
  state: SessionState,
  intent: Extract<SessionIntent, { type: 'vote' }>,
  identityId: string,
): FacilitationResult {
  const checkpoint = state.checkpoint
  if (!checkpoint || checkpoint.id !== intent.checkpointId)
    return refuse(REFUSAL.noCheckpoint, 'That question is closed.')
  if (checkpoint.status !== 'open')
    return refuse(REFUSAL.checkpointRevealed, 'The answers are already revealed.')
  if (intent.option >= checkpoint.options.length) return refuse(REFUSAL.badOption, 'No such option.')
  if (checkpoint.votes[identityId] === intent.option) return { ok: true, state }
  return {
    ok: true,
    state: {
      ...state,
      seq: state.seq + 1,
      checkpoint: { ...checkpoint, votes: { ...checkpoint.votes, [identityId]: intent.option } },
    },
  }
}
