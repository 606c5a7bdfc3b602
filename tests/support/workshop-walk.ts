import { expect } from 'vitest'
import type { Workshop } from '../../shared/content/workshop-schema'
import type { IntentAck } from '../../shared/protocol/session'
import type { Scenario } from '../../shared/scenarios/scenario-schema'
import type { SessionIntent } from '../../shared/session/intents'
import { type LiveShow, planMove, type ShowTarget, showTargets } from '../../shared/session/run-of-show'

/** A session as the walk sees it: the parts the run-of-show sets. */
export interface WalkedSession {
  send(intent: SessionIntent): Promise<IntentAck>
  /** The state after every intent sent so far has been applied. */
  state(): Promise<LiveShow>
}

/** What a screen shows at a beat, compared exactly when Back must undo Next. */
function picture(live: LiveShow) {
  return {
    workshop: live.workshop ? { segment: live.workshop.segment, phase: live.workshop.phase ?? 'show' } : null,
    presentation: live.presentation,
    sim: live.sim
      ? { scenarioId: live.sim.scenarioId, step: live.sim.step, failures: live.sim.failures }
      : null,
    checkpoint: live.checkpoint
      ? { question: live.checkpoint.question, status: live.checkpoint.status }
      : null,
  }
}

const movesForward = (intent: SessionIntent) => intent.type === 'sim:step' || intent.type === 'sim:trigger'

async function sendAll(session: WalkedSession, intents: SessionIntent[], where: string): Promise<void> {
  for (const intent of intents) {
    if (movesForward(intent)) {
      const open = (await session.state()).checkpoint?.status === 'open'
      expect(open, `${where}: ${intent.type} while a question is open`).toBe(false)
    }
    expect(await session.send(intent), `${where}: ${intent.type}`).toEqual({ ok: true })
  }
}

function expectAt(live: LiveShow, target: ShowTarget, plan: Workshop, where: string): void {
  expect(picture(live).workshop, where).toEqual({ segment: target.segment, phase: target.phase })
  if (target.articleSection)
    expect(live.presentation, where).toEqual({ articleId: plan.articleId, sectionId: target.articleSection })
  if (target.sim)
    expect(picture(live).sim, where).toEqual({ ...target.sim, failures: [...target.sim.failures] })
  expect(live.checkpoint?.question ?? null, `${where}: the live question`).toBe(
    target.question?.question ?? null,
  )
}

/**
 * Runs a plan beat by beat as the facilitator's Next and Back do, asserting predict-then-reveal:
 * a beat that moves the board with a question was preceded by a beat asking it on the unchanged
 * board; no step or failure is applied while a question is open; the previous question is closed
 * or replaced; and Back from every beat returns exactly the picture Next left.
 */
export async function walkWorkshop(plan: Workshop, scenario: Scenario | undefined, session: WalkedSession) {
  const targets = showTargets(plan, scenario)
  expect(await session.send({ type: 'workshop:start', workshopId: plan.id })).toEqual({ ok: true })
  const first = targets[0]
  if (!first) throw new Error(`${plan.id} has no beats`)
  await sendAll(session, planMove(plan, await session.state(), first, 'next'), `${plan.id} start`)
  for (let beat = 0; beat < targets.length; beat++) {
    const target = targets[beat] as ShowTarget
    const where = `${plan.id} segment ${target.segment + 1} (${target.phase})`
    let live = await session.state()
    expectAt(live, target, plan, where)
    if (target.phase === 'predict') {
      expect(live.checkpoint?.status, `${where}: asked, not yet revealed`).toBe('open')
      const shown = targets[beat + 1]
      expect(shown, where).toMatchObject({ segment: target.segment, phase: 'show' })
    }
    const next = targets[beat + 1]
    if (!next) break
    // the facilitator reveals before the board moves on, as Next does while a question is open
    if (live.checkpoint?.status === 'open') await sendAll(session, [{ type: 'checkpoint:reveal' }], where)
    live = await session.state()
    const before = picture(live)
    await sendAll(session, planMove(plan, live, next, 'next'), `${where} → Next`)
    const after = await session.state()
    await sendAll(session, planMove(plan, after, target, 'back'), `${where} ← Back`)
    expect(picture(await session.state()), `${where}: Back undoes Next`).toEqual(before)
    await sendAll(session, planMove(plan, await session.state(), next, 'next'), `${where} → Next again`)
  }
  return targets
}
