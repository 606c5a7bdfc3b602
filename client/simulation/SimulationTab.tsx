import { mayRunDrawn } from '../../shared/session/drawn-intents'
import './simulation-panel.css'
import { useCallback, useEffect, useState } from 'react'
import { canDriveSession } from '../../shared/protocol/roles'
import type { SessionIntent } from '../../shared/session/intents'
import { useBoardUi } from '../board/board-context'
import { useLiveSession } from '../session/session-context'
import { CanvasNotes } from './CanvasNotes'
import { CheckpointCard } from './CheckpointCard'
import { DesignHints } from './DesignHints'
import { DrawnKindPicker } from './DrawnKindPicker'
import { DrawnProperties } from './DrawnProperties'
import { DrawnRunPanel, DrawnRunStart } from './DrawnRunPanel'
import { EventLog } from './EventLog'
import { HealthLegend } from './HealthLegend'
import { LastDrawnRun } from './LastDrawnRun'
import { MetricsGrid } from './MetricsGrid'
import { ScenarioPicker } from './ScenarioPicker'
import { SeriesCharts } from './SeriesCharts'
import { SimulationControls, SimulationWatching } from './SimulationControls'
import { StepProgress } from './StepProgress'
import { TriggeredFailures } from './TriggeredFailures'
import type { LiveSimulation } from './useLiveSimulation'

/** How long a refusal stays on screen. */
const NOTICE_MS = 6000

/** A refusal from the server, shown for a few seconds in words. */
function useRefusalNotice(): { notice: string | null; show: (message: string) => void } {
  const [notice, setNotice] = useState<{ message: string; at: number } | null>(null)
  useEffect(() => {
    if (!notice) return
    const timer = window.setTimeout(() => setNotice(null), NOTICE_MS)
    return () => window.clearTimeout(timer)
  }, [notice])
  const show = useCallback((message: string) => setNotice({ message, at: Date.now() }), [])
  return { notice: notice?.message ?? null, show }
}

/**
 * The Simulation tab: the facilitator picks a scenario and drives it; everyone sees the step, its
 * narration, the metrics, a chart, the event log and the failures so far, computed on this screen.
 */
export function SimulationTab() {
  const { role, templateId, editor, canWrite } = useBoardUi()
  const { connection, simulation } = useLiveSession()
  // the facilitator may grant or take back driving during the session: the server's word wins
  const roleNow = connection.session?.yourRole ?? role
  const canDrive = canDriveSession(roleNow)
  const editorsMayRun = connection.session?.editorsMayRun ?? false
  const canRunDrawn = mayRunDrawn({ editorsMayRun }, roleNow)
  const { notice, show } = useRefusalNotice()
  const [loadingId, setLoadingId] = useState<string | null>(null)
  const { sendIntent } = connection

  const drive = useCallback(
    (intent: SessionIntent) => {
      void sendIntent(intent).then((ack) => {
        if (!ack.ok) show(ack.message)
      })
    },
    [sendIntent, show],
  )
  const load = useCallback(
    (scenarioId: string) => {
      setLoadingId(scenarioId)
      void sendIntent({ type: 'sim:load', scenarioId }).then((ack) => {
        setLoadingId(null)
        if (!ack.ok) show(ack.message)
      })
    },
    [sendIntent, show],
  )

  const driverName = connection.session?.driver?.name ?? 'the facilitator'
  return (
    <div className="sim-tab" data-testid="simulation-tab" data-status={simulation.status}>
      {connection.link !== 'live' && connection.link !== 'connecting' && (
        <p className="sim-link" role="status" data-testid="sim-link">
          {connection.link === 'refused'
            ? 'This link cannot join the live session.'
            : 'Reconnecting… the panel catches up as soon as the connection is back.'}
        </p>
      )}
      {notice && (
        <p className="sim-notice" role="alert" data-testid="sim-notice">
          {notice}
        </p>
      )}
      {connection.session?.drawnRun ? (
        <DrawnRunPanel
          run={connection.session.drawnRun}
          previous={connection.session.drawnPrevious}
          question={connection.session.checkpoint}
          canDrive={canRunDrawn}
          facilitator={canDrive}
          editorsMayRun={editorsMayRun}
          driverName={driverName}
          drive={drive}
          serverClockOffset={connection.serverClockOffset}
          editor={editor}
        />
      ) : (
        <>
          {canRunDrawn && simulation.status === 'idle' && connection.session && (
            <DrawnRunStart drive={drive} facilitator={canDrive} editorsMayRun={editorsMayRun} />
          )}
          {simulation.status === 'idle' && connection.session?.drawnPrevious && (
            <LastDrawnRun run={connection.session.drawnPrevious} />
          )}
          <SimulationBody
            simulation={simulation}
            canDrive={canDrive}
            canRunDrawn={canRunDrawn}
            canWrite={canWrite}
            driverName={driverName}
            boardTemplateId={templateId}
            editor={editor}
            drive={drive}
            load={load}
            loadingId={loadingId}
            waitingForServer={connection.session === null}
            serverClockOffset={connection.serverClockOffset}
          />
        </>
      )}
      {editor && canWrite && simulation.status === 'idle' && <DrawnKindPicker editor={editor} />}
      {editor && simulation.status === 'idle' && <DrawnProperties editor={editor} canEdit={canWrite} />}
      {editor && simulation.status === 'idle' && (
        <DesignHints
          editor={editor}
          hidden={connection.session?.hintsHidden ?? false}
          canDrive={canDrive}
          drive={drive}
        />
      )}
    </div>
  )
}

function SimulationBody({
  simulation,
  canDrive,
  canRunDrawn,
  canWrite,
  driverName,
  boardTemplateId,
  editor,
  drive,
  load,
  loadingId,
  waitingForServer,
  serverClockOffset,
}: {
  simulation: LiveSimulation
  canDrive: boolean
  /** An editor the facilitator lets run the diagram: the Run button above says it all. */
  canRunDrawn: boolean
  canWrite: boolean
  driverName: string
  boardTemplateId: string | null
  editor: ReturnType<typeof useBoardUi>['editor']
  drive: (intent: SessionIntent) => void
  load: (scenarioId: string) => void
  loadingId: string | null
  waitingForServer: boolean
  serverClockOffset: number
}) {
  switch (simulation.status) {
    case 'idle':
      if (waitingForServer) return <p className="muted sim-empty">Joining the live session…</p>
      if (canRunDrawn && !canDrive) return null
      return canDrive ? (
        <ScenarioPicker boardTemplateId={boardTemplateId} loadingId={loadingId} onLoad={load} />
      ) : (
        <div className="sim-waiting" data-testid="sim-waiting">
          <p className="sim-waiting__title">No simulation is running yet</p>
          <p className="muted">
            When the facilitator starts a scenario, it appears here and on the canvas, step by step.
          </p>
        </div>
      )
    case 'loading':
      return <p className="muted sim-empty">Loading the scenario…</p>
    case 'failed':
      return (
        <div className="sim-note" role="alert">
          <p>{simulation.message}</p>
          <button type="button" className="button button--small" onClick={simulation.retry}>
            Try again
          </button>
        </div>
      )
    case 'ready': {
      const { sim, scenario, step, view } = simulation
      const stepCount = scenario.steps.length
      return (
        <>
          <header className="sim-header">
            <p className="sim-eyebrow" title={scenario.summary}>
              {scenario.title}
            </p>
            <h2
              className="sim-step"
              data-testid="sim-step-heading"
              data-step={sim.step + 1}
              data-steps={stepCount}
            >
              Step {sim.step + 1}/{stepCount} — {step.title}
            </h2>
            <StepProgress
              sim={sim}
              durationMs={step.durationMs}
              isLast={sim.step >= stepCount - 1}
              serverClockOffset={serverClockOffset}
            />
          </header>
          {canDrive ? (
            <SimulationControls sim={sim} scenario={scenario} drive={drive} />
          ) : (
            <SimulationWatching driverName={driverName} />
          )}
          <p className="sim-narration" data-testid="sim-narration">
            {step.narration}
          </p>
          {editor && <CanvasNotes editor={editor} scenario={scenario} canWrite={canWrite} />}
          {step.checkpoint && <CheckpointCard checkpoint={step.checkpoint} />}
          <section className="sim-section" aria-label="Metrics">
            <h3 className="sim-heading">
              Metrics
              <span className="sim-heading__aside">
                {view.clock.unit} {view.clock.value}
              </span>
            </h3>
            <MetricsGrid metrics={view.metrics} />
          </section>
          <section className="sim-section" aria-label="Charts">
            <SeriesCharts series={view.series} />
          </section>
          <TriggeredFailures sim={sim} scenario={scenario} />
          <section className="sim-section" aria-label="Event log">
            <h3 className="sim-heading">Event log</h3>
            <EventLog lines={view.log} />
          </section>
          <HealthLegend />
        </>
      )
    }
  }
}
