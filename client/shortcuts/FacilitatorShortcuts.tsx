import { useRef } from 'react'
import type { Workshop } from '../../shared/content/workshop-schema'
import { canDriveSession } from '../../shared/protocol/roles'
import type { SessionIntent } from '../../shared/session/intents'
import { useBoardUi } from '../board/board-context'
import { stepAction } from '../checkpoint/step-checkpoint'
import { planSegmentIntents } from '../facilitation/run-of-show'
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
        const next = scenario.steps[sim.step + 1]?.checkpoint
        const key = `${scenario.id}:${sim.step + 1}`
        const live = session?.checkpoint ?? null
        const action = stepAction(next, live, asked.current.has(key))
        if (action === 'wait-for-reveal') return notify('Reveal the answers first, then step again.')
        if (action === 'open' && next) {
          asked.current.add(key)
          const { question, options, answer } = next
          return void send({
            type: 'checkpoint:open',
            question,
            options,
            ...(answer === undefined ? {} : { answer }),
          })
        }
        if (action === 'close-and-step') asked.current.add(key)
        void send(...(action === 'close-and-step' ? [{ type: 'checkpoint:close' } as const] : []), {
          type: 'sim:step',
        })
      }),
  )
  useShortcut(
    'back',
    ready &&
      (() => (ready.sim.step === 0 ? notify('This is the first step.') : void send({ type: 'sim:back' }))),
  )

  const running = facilitator ? (session?.workshop ?? null) : null
  const goTo = async (by: 1 | -1) => {
    if (!running) return
    if (plan.current?.id !== running.id) plan.current = await fetchWorkshop(running.id)
    const target = running.segment + by
    if (!plan.current || target < 0 || target >= plan.current.segments.length) return
    const sim = session?.sim ? { scenarioId: session.sim.scenarioId, step: session.sim.step } : null
    void send(...planSegmentIntents(plan.current, target, sim))
  }
  useShortcut('next-segment', running && (() => void goTo(1)))
  useShortcut('previous-segment', running && (() => void goTo(-1)))

  const timer = facilitator ? (session?.timer ?? null) : null
  useShortcut(
    'timer-toggle',
    timer && (() => void send({ type: timer.pausedRemainingMs === null ? 'timer:pause' : 'timer:resume' })),
  )
  useShortcut('timer-add', timer && (() => void send({ type: 'timer:add', minutes: 1 })))
  return null
}
