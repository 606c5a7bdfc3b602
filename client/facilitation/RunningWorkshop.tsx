import { useState } from 'react'
import type { Workshop } from '../../shared/content/workshop-schema'
import {
  currentBeat,
  type LiveShow,
  mustRevealFirst,
  planMove,
  segmentLabel,
  showTargets,
} from '../../shared/session/run-of-show'
import { useLiveSession } from '../session/session-context'
import { useScenario } from '../simulation/scenario-cache'
import { useIntentSender } from './FacilitatorTools'

/** The run-of-show of a running workshop: the segment for everyone; notes, Next, Back and End for facilitators. */
export function RunningWorkshop({ plan, facilitator }: { plan: Workshop; facilitator: boolean }) {
  const { connection } = useLiveSession()
  const session = connection.session
  const { send, error, busy } = useIntentSender()
  const [confirmEnd, setConfirmEnd] = useState(false)
  const scenario = useScenario(plan.scenarioId ?? null).state
  const scenarioReady = !plan.scenarioId || scenario?.status === 'ready'
  const targets = showTargets(plan, scenario?.status === 'ready' ? scenario.scenario : undefined)
  const live: LiveShow = {
    workshop: session?.workshop ?? null,
    presentation: session?.presentation ?? null,
    sim: session?.sim ?? null,
    checkpoint: session?.checkpoint ?? null,
  }
  const beat = currentBeat(targets, live)
  const count = plan.segments.length
  const index = Math.min(session?.workshop?.segment ?? 0, count - 1)
  const segment = plan.segments[index]
  const revealFirst = mustRevealFirst(live)
  const atEnd = beat >= targets.length - 1
  const move = (to: number, direction: 'next' | 'back') => {
    const target = targets[to]
    if (target) void send(...planMove(plan, live, target, direction))
  }
  const next = () => (revealFirst ? void send({ type: 'checkpoint:reveal' }) : move(beat + 1, 'next'))
  const predicting = session?.workshop?.phase === 'predict'

  return (
    <section className="run-of-show run-of-show--running" data-testid="run-of-show" aria-label="Workshop">
      <p className="run-of-show__workshop">{plan.title}</p>
      <h3 className="run-of-show__segment" data-testid="workshop-segment">
        {segmentLabel(index, count, segment?.title ?? '')}
      </h3>
      <div className="run-of-show__progress" aria-hidden="true">
        <span style={{ width: `${((index + 1) / count) * 100}%` }} />
      </div>
      {predicting && (
        <p className="run-of-show__beat" data-testid="workshop-predict">
          Predict first: the board moves after the answers are revealed.
        </p>
      )}
      {facilitator && (
        <>
          {segment?.notes && (
            <p className="run-of-show__notes" data-testid="workshop-notes">
              {segment.notes}
            </p>
          )}
          <div className="run-of-show__nav">
            <button
              type="button"
              className="button button--small"
              data-testid="workshop-back"
              disabled={busy || !scenarioReady || beat <= 0}
              onClick={() => move(beat - 1, 'back')}
            >
              Back
            </button>
            <button
              type="button"
              className="button button--small button--primary"
              data-testid="workshop-next"
              disabled={busy || !scenarioReady || (atEnd && !revealFirst)}
              onClick={next}
            >
              {revealFirst ? 'Reveal answers' : 'Next'}
            </button>
            <button
              type="button"
              className="button button--small button--quiet run-of-show__end"
              data-testid="workshop-end"
              disabled={busy || confirmEnd}
              onClick={() => setConfirmEnd(true)}
            >
              End workshop
            </button>
          </div>
          {confirmEnd && (
            <div className="run-of-show__confirm" role="alertdialog" aria-label="End the workshop?">
              <p>End the workshop? The timer stops and any open question closes.</p>
              <button
                type="button"
                className="button button--small button--danger"
                data-testid="workshop-end-confirm"
                disabled={busy}
                onClick={() => void send({ type: 'workshop:end' }).then(() => setConfirmEnd(false))}
              >
                End workshop
              </button>
              <button
                type="button"
                className="button button--small"
                data-testid="workshop-end-cancel"
                onClick={() => setConfirmEnd(false)}
              >
                Keep going
              </button>
            </div>
          )}
          {error && (
            <p className="session-error" role="alert">
              {error}
            </p>
          )}
        </>
      )}
    </section>
  )
}
