import { useRef } from 'react'
import type { Workshop } from '../../shared/content/workshop-schema'
import { canDriveSession } from '../../shared/protocol/roles'
import type { SessionIntent } from '../../shared/session/intents'
import {
  currentBeat,
  type LiveShow,
  mustRevealFirst,
  planMove,
  showTargets,
} from '../../shared/session/run-of-show'
import { useBoardUi } from '../board/board-context'
import { pressStep } from '../checkpoint/step-checkpoint'
import { fetchWorkshop } from '../facilitation/workshops-api'
import { useLiveSession } from '../session/session-context'
import { useShortcut } from './shortcuts'

/**
 * The facilitator's keys, whichever dock tab is open: Step and Back (asking a step's question
 * first, as the Step button does), workshop segments, and the timer. Renders nothing; a refusal is
 * said in the board's notice.
 */
export function FacilitatorShortcuts() {
  const { notify } = useBoardUi()
  const { connection, simulation } = useLiveSession()
  const session = connection.session
  const facilitator = canDriveSession(session?.yourRole ?? 'viewer')
  const asked = useRef(new Set<string>())
  // the running plan, fetched on the first segment key (and kept while the same plan runs)
  const plan = useRef<Workshop | null>(null)
  const send = async (...intents: SessionIntent[]) => {
    for (const intent of intents) {
      const ack = await connection.sendIntent(intent)
      if (!ack.ok) return notify(ack.message)
    }
  }

  const ready = facilitator && simulation.status === 'ready' ? simulation : null
  useShortcut(
    'step',
    ready &&
      (() => {
        const { sim, scenario } = ready
        if (sim.step >= scenario.steps.length - 1) return notify('This is the last step.')
        const press = pressStep(scenario, sim.step, session?.checkpoint ?? null, asked.current)
        if (press.hint && press.intents.length === 0) return notify(press.hint)
        void send(...press.intents)
      }),
  )
  useShortcut(
    'back',
    ready &&
      (() => (ready.sim.step === 0 ? notify('This is the first step.') : void send({ type: 'sim:back' }))),
  )

  const running = facilitator ? (session?.workshop ?? null) : null
  // the same beats as the run-of-show's Next and Back buttons (Next reveals an open question first)
  const goTo = async (direction: 'next' | 'back') => {
    if (!running) return
    if (plan.current?.id !== running.id) plan.current = await fetchWorkshop(running.id)
    const workshop = plan.current
    if (!workshop) return
    const scenario =
      simulation.status === 'ready' && simulation.scenario.id === workshop.scenarioId
        ? simulation.scenario
        : undefined
    if (workshop.scenarioId && !scenario) return notify('The simulation is still loading.')
    const live: LiveShow = {
      workshop: session?.workshop ?? null,
      presentation: session?.presentation ?? null,
      sim: session?.sim ?? null,
      checkpoint: session?.checkpoint ?? null,
    }
    if (direction === 'next' && mustRevealFirst(live)) return void send({ type: 'checkpoint:reveal' })
    const targets = showTargets(workshop, scenario)
    const target = targets[currentBeat(targets, live) + (direction === 'next' ? 1 : -1)]
    if (target) void send(...planMove(workshop, live, target, direction))
  }
  useShortcut('next-segment', running && (() => void goTo('next')))
  useShortcut('previous-segment', running && (() => void goTo('back')))

  const timer = facilitator ? (session?.timer ?? null) : null
  useShortcut(
    'timer-toggle',
    timer && (() => void send({ type: timer.pausedRemainingMs === null ? 'timer:pause' : 'timer:resume' })),
  )
  useShortcut('timer-add', timer && (() => void send({ type: 'timer:add', minutes: 1 })))
  return null
}
