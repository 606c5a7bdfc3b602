import type { ReactNode } from 'react'
import type { Editor } from 'tldraw'
import { type QuestionView, questionHolds } from '../../shared/session/drawn-question'
import type { DrawnRun } from '../../shared/session/drawn-run'
import type { SessionIntent } from '../../shared/session/intents'
import { LiveCheckpoint } from '../checkpoint/LiveCheckpoint'
import { DrawnChaosMenu } from './DrawnChaosMenu'
import { type ChartLine, DrawnRunChart } from './DrawnRunChart'
import { DRAWN_HEADLINE } from './LastDrawnRun'
import { MetricsGrid } from './MetricsGrid'
import { useDiagramChanged } from './useDiagramChanged'
import { type DrawnRunPicture, endedRunPicture, useDrawnRun } from './useDrawnRun'

/** The figures a class watches first (issue 15 §3), in this order. */
const LATENCY: ChartLine[] = [
  { id: 'p50', colour: '#2f9e44' },
  { id: 'p95', colour: '#f08c00' },
  { id: 'p99', colour: '#e03131' },
]
const TRAFFIC: ChartLine[] = [{ id: 'throughput', colour: '#1971c2' }]
const ERRORS: ChartLine[] = [
  { id: 'error-rate', colour: '#e03131' },
  { id: 'cache-hit-rate', colour: '#7048e8' },
]

/** The facilitator's switch: editors may run the drawn diagram too. */
function EditorsMayRun({ allowed, drive }: { allowed: boolean; drive: (intent: SessionIntent) => void }) {
  return (
    <label className="drawn-editors">
      <input
        type="checkbox"
        checked={allowed}
        onChange={(event) => drive({ type: 'drawn:editors', allowed: event.currentTarget.checked })}
        data-testid="drawn-editors"
      />{' '}
      Editors may run it too
    </label>
  )
}

/** "Your diagram" before a run: the Run button (a facilitator's, or an allowed editor's). */
export function DrawnRunStart({
  drive,
  facilitator,
  editorsMayRun,
}: {
  drive: (intent: SessionIntent) => void
  facilitator: boolean
  editorsMayRun: boolean
}) {
  return (
    <section className="sim-section drawn-start" aria-label="Your diagram">
      <h3 className="sim-heading">Your diagram</h3>
      <p className="muted">
        Give boxes a component kind, connect them with arrows, then run it for everyone.
      </p>
      <button
        type="button"
        className="button button--primary button--small"
        data-testid="drawn-run"
        onClick={() => drive({ type: 'drawn:run' })}
      >
        Run your diagram
      </button>
      {facilitator && <EditorsMayRun allowed={editorsMayRun} drive={drive} />}
    </section>
  )
}

/** "Your diagram" while it runs: the tick, the driver's controls and chaos, the metrics and charts. */
export function DrawnRunPanel({
  run,
  previous,
  question,
  canDrive,
  facilitator,
  editorsMayRun,
  driverName,
  drive,
  serverClockOffset,
  editor,
}: {
  run: DrawnRun
  /** The run before this one, compared on the charts (run A, dashed). */
  previous: DrawnRun | null
  /** The session's open (or revealed) question: while one is open, the run waits for it. */
  question: QuestionView['checkpoint']
  canDrive: boolean
  /** A facilitator (not an editor allowed to run it): asks questions, lets editors run. */
  facilitator: boolean
  editorsMayRun: boolean
  driverName: string
  drive: (intent: SessionIntent) => void
  serverClockOffset: number
  /** This screen's canvas, compared with what the run simulates. */
  editor: Editor | null
}) {
  const picture = useDrawnRun(run, serverClockOffset)
  const changed = useDiagramChanged(editor, run.snapshot, canDrive ? null : driverName)
  const paused = run.pausedAtTick !== null
  // the session's own rule, so a button is disabled exactly when the server would refuse it
  const holds = (intent: SessionIntent) => questionHolds({ checkpoint: question, drawnRun: run }, intent)
  const toggle: SessionIntent = { type: paused ? 'drawn:play' : 'drawn:pause' }
  const runHeld = holds({ type: 'drawn:run' })
  const chaosHeld = holds({ type: 'drawn:change', event: { type: 'undo-chaos' } })
  const held = runHeld ?? chaosHeld
  return (
    <div className="drawn-run" data-testid="drawn-run-panel" data-tick={picture?.tick} data-paused={paused}>
      <header className="sim-header">
        <p className="sim-eyebrow">Your diagram</p>
        <h2 className="sim-step" data-testid="drawn-tick">
          {paused ? 'Paused at' : 'Running:'} tick {picture?.tick ?? 0} · {run.snapshot.boxes.length} boxes
        </h2>
      </header>
      {canDrive ? (
        <div className="sim-controls">
          <IntentButton testId="drawn-toggle" intent={toggle} holds={holds} drive={drive}>
            {paused ? 'Play' : 'Pause'}
          </IntentButton>
          <IntentButton testId="drawn-run-again" intent={{ type: 'drawn:run' }} holds={holds} drive={drive}>
            Run again
          </IntentButton>
          <IntentButton testId="drawn-stop" intent={{ type: 'drawn:stop' }} holds={holds} drive={drive}>
            Stop
          </IntentButton>
        </div>
      ) : (
        <p className="muted">Driven by {driverName}.</p>
      )}
      {canDrive && held && (
        <p className="muted" data-testid="drawn-held">
          {held}
        </p>
      )}
      {changed && (
        <p className="drawn-changed" role="status" data-testid="drawn-diagram-changed">
          {changed}
        </p>
      )}
      {canDrive && (
        <DrawnChaosMenu
          snapshot={run.snapshot}
          held={chaosHeld}
          canAsk={facilitator}
          onChaos={(event, askFirst) => drive({ type: askFirst ? 'drawn:ask' : 'drawn:change', event })}
        />
      )}
      {facilitator && <EditorsMayRun allowed={editorsMayRun} drive={drive} />}
      <LiveCheckpoint />
      {picture && <DrawnRunFigures picture={picture} previous={previous} />}
    </div>
  )
}

function DrawnRunFigures({ picture, previous }: { picture: DrawnRunPicture; previous: DrawnRun | null }) {
  const { view, tick } = picture
  const ended = previous ? endedRunPicture(previous) : null
  const compare = ended ? { series: ended.view.series, tick: ended.tick } : undefined
  const headline = DRAWN_HEADLINE.flatMap((id) => view.metrics.filter((m) => m.id === id))
  return (
    <>
      <section className="sim-section" aria-label="Metrics" data-testid="drawn-metrics" data-tick={tick}>
        <MetricsGrid metrics={headline} />
      </section>
      <section className="sim-section" aria-label="Charts">
        <DrawnRunChart
          title="End-to-end latency"
          unit="ms"
          lines={LATENCY}
          series={view.series}
          tick={tick}
          compare={compare}
        />
        <DrawnRunChart title="Throughput" unit="req/s" lines={TRAFFIC} series={view.series} tick={tick} />
        <DrawnRunChart
          title="Errors and cache hits"
          unit="%"
          lines={ERRORS}
          series={view.series}
          tick={tick}
          compare={compare}
        />
      </section>
    </>
  )
}

/** A button sending one intent, disabled with the reason while the session's rule would refuse it. */
function IntentButton({
  testId,
  intent,
  holds,
  drive,
  children,
}: {
  testId: string
  intent: SessionIntent
  holds: (intent: SessionIntent) => string | null
  drive: (intent: SessionIntent) => void
  children: ReactNode
}) {
  const held = holds(intent)
  return (
    <button
      type="button"
      className="button button--small"
      data-testid={testId}
      disabled={held !== null}
      title={held ?? undefined}
      onClick={() => drive(intent)}
    >
      {children}
    </button>
  )
}
