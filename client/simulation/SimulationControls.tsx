import { useRef, useState } from 'react'
import type { Scenario } from '../../shared/scenarios/scenario-schema'
import type { SessionIntent } from '../../shared/session/intents'
import { type SimSession, SPEEDS } from '../../shared/session/session-state'
import { LiveCheckpoint } from '../checkpoint/LiveCheckpoint'
import { pressStep } from '../checkpoint/step-checkpoint'
import { BackIcon, CloseIcon, PauseIcon, PlayIcon, ReplayIcon, StepIcon } from '../icons'
import { useLiveSession } from '../session/session-context'
import { FailureMenu } from './FailureMenu'

export interface SimulationControlsProps {
  sim: SimSession
  scenario: Scenario
  drive: (intent: SessionIntent) => void
}

const speedLabel = (speed: number) => `${speed === 0.5 ? '½' : speed}×`

/**
 * What someone who does not drive sees instead of the controls: who drives, and the open question
 * to vote on. No buttons they could not use.
 */
export function SimulationWatching({ driverName }: { driverName: string }) {
  return (
    <div className="sim-controls" data-testid="sim-watching">
      <LiveCheckpoint />
      <p className="sim-controls__driven" data-testid="sim-driven-by">
        Driven by {driverName}
      </p>
    </div>
  )
}

/** Step, Back, Play/Pause, speed, Replay, Trigger failure, Close: the facilitator's remote control. */
export function SimulationControls({ sim, scenario, drive }: SimulationControlsProps) {
  const last = scenario.steps.length - 1
  const atStart = sim.step === 0
  const atEnd = sim.step >= last
  const { connection } = useLiveSession()
  const live = connection.session?.checkpoint ?? null
  // questions this screen already opened, so a second Step after a close advances
  const asked = useRef(new Set<string>())
  const [hint, setHint] = useState<string | null>(null)
  const step = () => {
    const press = pressStep(scenario, sim.step, live, asked.current)
    setHint(press.hint)
    for (const intent of press.intents) drive(intent)
  }

  return (
    <div className="sim-controls" data-testid="sim-controls">
      <div className="sim-controls__row">
        <button
          type="button"
          className="button sim-controls__transport"
          disabled={atStart}
          title={atStart ? 'This is the first step' : 'Go back one step'}
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
            title="Pause auto-play"
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
            disabled={atEnd}
            title={
              atEnd
                ? 'The scenario has ended: replay it to play again'
                : 'Advance by itself at each step’s pace'
            }
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
          disabled={atEnd}
          title={atEnd ? 'This is the last step' : 'Next step'}
          onClick={step}
          data-testid="sim-step"
        >
          Step
          <StepIcon />
        </button>
      </div>
      <div className="sim-controls__row">
        <fieldset className="speed-picker" title="Auto-play speed">
          <legend className="visually-hidden">Auto-play speed</legend>
          {SPEEDS.map((speed) => (
            <button
              key={speed}
              type="button"
              className="speed-picker__option"
              aria-pressed={sim.speed === speed}
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
          disabled={atStart && sim.failures.length === 0}
          title="Start again from step 1"
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
          onTrigger={(failureId) => drive({ type: 'sim:trigger', failureId })}
        />
        <button
          type="button"
          className="button button--small button--quiet sim-controls__close"
          title="Close the scenario for everyone"
          onClick={() => drive({ type: 'sim:close' })}
          data-testid="sim-close"
        >
          <CloseIcon />
          Close scenario
        </button>
      </div>
      {hint && (
        <p className="sim-controls__hint" role="status" data-testid="sim-checkpoint-hint">
          {hint}
        </p>
      )}
      <LiveCheckpoint />
    </div>
  )
}
