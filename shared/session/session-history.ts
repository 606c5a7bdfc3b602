import { z } from 'zod'
import type { Scenario } from '../scenarios/scenario-schema'
import type { CheckpointState, SessionState } from './session-state'

const MAX_ATTENDEES = 200
const MAX_QUESTIONS = 50
const MAX_STEPS = 300

/** A question as it was asked and answered, kept once it leaves the screen. */
export const askedQuestionSchema = z.object({
  question: z.string(),
  options: z.array(z.string()),
  answer: z.number().int().min(0).nullable(),
  /** Votes per option. */
  counts: z.array(z.number().int().min(0)),
  anonymous: z.boolean(),
  /** Who voted what, by name; always empty for an anonymous question. */
  ballots: z.array(z.object({ name: z.string(), option: z.number().int().min(0) })),
})
export type AskedQuestion = z.infer<typeof askedQuestionSchema>

/** A simulation step everyone saw. */
export const shownStepSchema = z.object({
  scenarioId: z.string(),
  scenarioTitle: z.string(),
  step: z.number().int().min(0),
  title: z.string(),
})
export type ShownStep = z.infer<typeof shownStepSchema>

/**
 * What the end-of-session summary is made of. Private to the server (never in `session:state`,
 * never in a board export); a facilitator asks for it with `session:summary`.
 */
export const sessionHistorySchema = z.object({
  attendees: z.array(z.string()).max(MAX_ATTENDEES),
  questions: z.array(askedQuestionSchema).max(MAX_QUESTIONS),
  steps: z.array(shownStepSchema).max(MAX_STEPS),
  /**
   * Names of who voted on the open question, by voter identity, so the summary can say who voted
   * what. Never filled for an anonymous question; emptied when the question leaves the screen.
   */
  voterNames: z.record(z.string(), z.string()),
})
export type SessionHistory = z.infer<typeof sessionHistorySchema>

export const EMPTY_HISTORY: SessionHistory = { attendees: [], questions: [], steps: [], voterNames: {} }

/** A checkpoint as the summary keeps it: counts always, names only when it was not anonymous. */
export function askedQuestion(
  checkpoint: CheckpointState,
  voterNames: Record<string, string>,
): AskedQuestion {
  const votes = Object.entries(checkpoint.votes)
  return {
    question: checkpoint.question,
    options: checkpoint.options,
    answer: checkpoint.answer ?? null,
    counts: checkpoint.options.map((_, i) => votes.filter(([, v]) => v === i).length),
    anonymous: checkpoint.anonymous,
    ballots: checkpoint.anonymous
      ? []
      : votes.flatMap(([voter, option]) => {
          const name = voterNames[voter]
          return name === undefined ? [] : [{ name, option }]
        }),
  }
}

const keepLast = <T>(list: T[], max: number): T[] =>
  list.length > max ? list.slice(list.length - max) : list

/**
 * Adds what one accepted change means for the summary: a question that left the screen (closed or
 * replaced), a step shown for the first time, the name behind a vote on a named question. Pure;
 * it never changes `seq` (the history is part of the change it records).
 */
export function recordChange(
  before: SessionState,
  after: SessionState,
  ctx: { scenarioOf: (id: string) => Scenario | undefined; voter?: { key: string; name: string } },
): SessionState {
  let history = after.history
  const gone = before.checkpoint && before.checkpoint.id !== after.checkpoint?.id ? before.checkpoint : null
  if (gone) {
    history = {
      ...history,
      questions: keepLast([...history.questions, askedQuestion(gone, history.voterNames)], MAX_QUESTIONS),
      voterNames: {},
    }
  }
  const open = after.checkpoint
  if (ctx.voter && open && !open.anonymous && ctx.voter.key in open.votes) {
    history = { ...history, voterNames: { ...history.voterNames, [ctx.voter.key]: ctx.voter.name } }
  }
  const sim = after.sim
  if (sim && (before.sim?.step !== sim.step || before.sim?.scenarioId !== sim.scenarioId)) {
    const seen = history.steps.some((s) => s.scenarioId === sim.scenarioId && s.step === sim.step)
    const scenario = ctx.scenarioOf(sim.scenarioId)
    const step = scenario?.steps[sim.step]
    if (!seen && scenario && step) {
      const shown = {
        scenarioId: scenario.id,
        scenarioTitle: scenario.title,
        step: sim.step,
        title: step.title,
      }
      history = { ...history, steps: keepLast([...history.steps, shown], MAX_STEPS) }
    }
  }
  return history === after.history ? after : { ...after, history }
}

/** Adds a name to who attended (once); the same state back when it is already there. */
export function noteAttendee(state: SessionState, name: string): SessionState {
  const attendees = state.history.attendees
  if (attendees.includes(name) || attendees.length >= MAX_ATTENDEES) return state
  return { ...state, history: { ...state.history, attendees: [...attendees, name] } }
}
