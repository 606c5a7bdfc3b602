import { useId, useRef, useState } from 'react'
import type { Scenario } from '../../shared/scenarios/scenario-schema'
import type { SessionIntent } from '../../shared/session/intents'
import { type SimSession, SPEEDS } from '../../shared/session/session-state'
import { LiveCheckpoint } from '../checkpoint/LiveCheckpoint'
import { stepAction } from '../checkpoint/step-checkpoint'
import { BackIcon, CloseIcon, PauseIcon, PlayIcon, ReplayIcon, StepIcon } from '../icons'
import { useLiveSession } from '../session/session-context'
import { FailureMenu } from './FailureMenu'

export interface SimulationControlsProps {
  sim: SimSession
  scenario: Scenario
  /** Only facilitators drive; everyone else sees the controls, disabled. */
  canDrive: boolean
  /** Who drives, for "Driven by …" on disabled controls. */
  driverName: string
  drive: (intent: SessionIntent) => void
}

const speedLabel = (speed: number) => `${speed === 0.5 ? '½' : speed}×`

/** Step, Back, Play/Pause, speed, Replay, Trigger failure, Close: the facilitator's remote control. */
export function SimulationControls({ sim, scenario, canDrive, driverName, drive }: SimulationControlsProps) {
  const last = scenario.steps.length - 1
  const atStart = sim.step === 0
  const atEnd = sim.step >= last
  const drivenBy = `Driven by ${driverName}`
  const why = (reason: string) => (canDrive ? reason : drivenBy)
  const drivenById = useId()
  // disabled controls point screen readers at the "Driven by …" line
  const described = canDrive ? {} : { 'aria-describedby': drivenById }
  const { connection } = useLiveSession()
  const live = connection.session?.checkpoint ?? null
  // questions this screen already opened, so a second Step after a close advances
  const asked = useRef(new Set<string>())
  const [hint, setHint] = useState<string | null>(null)
  // a step's question predicts the step after it: asked here, before Step shows the answer
  const next = scenario.steps[sim.step]?.checkpoint
  const askKey = `${scenario.id}:${sim.step}`

  const step = () => {
    const action = stepAction(next, live, asked.current.has(askKey))
    if (action === 'step') {
      setHint(null)
      drive({ type: 'sim:step' })
    } else if (action === 'open' && next) {
      asked.current.add(askKey)
      setHint('Reveal, then Step again to see what happens.')
      drive({
        type: 'checkpoint:open',
        question: next.question,
        options: next.options,
        ...(next.answer === undefined ? {} : { answer: next.answer }),
      })
    } else if (action === 'wait-for-reveal') {
      setHint('Reveal the answers first, then Step again to see what happens.')
    } else {
      asked.current.add(askKey)
      setHint(null)
      drive({ type: 'checkpoint:close' })
      drive({ type: 'sim:step' })
    }
  }

  return (
    <div className="sim-controls" data-testid="sim-controls">
      <div className="sim-controls__row">
        <button
          type="button"
          className="button sim-controls__transport"
          disabled={!canDrive || atStart}
          title={why(atStart ? 'This is the first step' : 'Go back one step')}
          {...described}
          onClick={() => drive({ type: 'sim:back' })}
          data-testid="sim-back"
        >
          <BackIcon />
          Back
        </button>
        {sim.playing ? (
          <button
            type="button"
            className="button sim-controls__transport"
            disabled={!canDrive}
            title={why('Pause auto-play')}
            {...described}
            onClick={() => drive({ type: 'sim:pause' })}
            data-testid="sim-pause"
          >
            <PauseIcon />
            Pause
          </button>
        ) : (
          <button
            type="button"
            className="button sim-controls__transport"
            disabled={!canDrive || atEnd}
            title={why(
              atEnd
                ? 'The scenario has ended: replay it to play again'
                : 'Advance by itself at each step’s pace',
            )}
            {...described}
            onClick={() => drive({ type: 'sim:play' })}
            data-testid="sim-play"
          >
            <PlayIcon />
            Play
          </button>
        )}
        <button
          type="button"
          className="button button--primary sim-controls__transport"
          disabled={!canDrive || atEnd}
          title={why(atEnd ? 'This is the last step' : 'Next step')}
          {...described}
          onClick={step}
          data-testid="sim-step"
        >
          Step
          <StepIcon />
        </button>
      </div>
      <div className="sim-controls__row">
        <fieldset
          className="speed-picker"
          disabled={!canDrive}
          title={canDrive ? 'Auto-play speed' : drivenBy}
        >
          <legend className="visually-hidden">Auto-play speed</legend>
          {SPEEDS.map((speed) => (
            <button
              key={speed}
              type="button"
              className="speed-picker__option"
              aria-pressed={sim.speed === speed}
              {...described}
              onClick={() => drive({ type: 'sim:speed', speed })}
              data-testid={`sim-speed-${speed}`}
            >
              {speedLabel(speed)}
            </button>
          ))}
        </fieldset>
        <button
          type="button"
          className="button button--small"
          disabled={!canDrive || (atStart && sim.failures.length === 0)}
          title={why('Start again from step 1')}
          {...described}
          onClick={() => drive({ type: 'sim:replay' })}
          data-testid="sim-replay"
        >
          <ReplayIcon />
          Replay
        </button>
      </div>
      <div className="sim-controls__row">
        <FailureMenu
          failureModes={scenario.failureModes}
          disabled={!canDrive}
          disabledReason={drivenBy}
          onTrigger={(failureId) => drive({ type: 'sim:trigger', failureId })}
        />
        <button
          type="button"
          className="button button--small button--quiet sim-controls__close"
          disabled={!canDrive}
          title={why('Close the scenario for everyone')}
          {...described}
          onClick={() => drive({ type: 'sim:close' })}
          data-testid="sim-close"
        >
          <CloseIcon />
          Close scenario
        </button>
      </div>
      {canDrive && hint && (
        <p className="sim-controls__hint" role="status" data-testid="sim-checkpoint-hint">
          {hint}
        </p>
      )}
      <LiveCheckpoint />
      {!canDrive && (
        <p className="sim-controls__driven" id={drivenById} data-testid="sim-driven-by">
          {drivenBy}
        </p>
      )}
    </div>
  )
}
