import { useEffect, useState } from 'react'
import type { Workshop } from '../../shared/content/workshop-schema'
import { canDriveSession } from '../../shared/protocol/roles'
import { planMove, showTargets } from '../../shared/session/run-of-show'
import { useLiveSession } from '../session/session-context'
import { loadScenario } from '../simulation/scenario-cache'
import { useIntentSender } from './FacilitatorTools'
import { RunningWorkshop } from './RunningWorkshop'
import { fetchWorkshop, fetchWorkshops } from './workshops-api'

/** The workshop queued by "Run a workshop" on the home page (`?workshop=<id>`), if any. */
export function queuedWorkshopId(): string | null {
  const id = new URLSearchParams(window.location.search).get('workshop')
  return id && /^[a-z0-9-]{1,64}$/.test(id) ? id : null
}

/**
 * The run-of-show: facilitators pick a workshop plan and walk it ("Next" moves the article,
 * simulation, timer and checkpoint together, with notes for their eyes only); everyone else sees
 * which segment the group is in.
 */
export function RunOfShow() {
  const { connection } = useLiveSession()
  const session = connection.session
  const running = session?.workshop ?? null
  const facilitator = canDriveSession(session?.yourRole ?? 'viewer')
  const [plan, setPlan] = useState<Workshop | null>(null)
  const [plans, setPlans] = useState<Workshop[] | null>(null)
  const [chosen, setChosen] = useState<string>(() => queuedWorkshopId() ?? '')
  const { send, error, busy } = useIntentSender()

  const runningId = running?.id ?? null
  useEffect(() => {
    if (!runningId) return
    let cancelled = false
    void fetchWorkshop(runningId).then((w) => {
      if (!cancelled) setPlan(w)
    })
    return () => {
      cancelled = true
    }
  }, [runningId])

  useEffect(() => {
    if (running || !facilitator || plans) return
    void fetchWorkshops().then((list) => setPlans(list ?? []))
  }, [running, facilitator, plans])

  if (!running) {
    if (!facilitator) return null
    const queued = queuedWorkshopId()
    const queuedPlan = plans?.find((p) => p.id === queued)
    const startPlan = async (id: string) => {
      const w = plans?.find((p) => p.id === id)
      if (!w) return
      const scenario = w.scenarioId ? await loadScenario(w.scenarioId) : null
      const first = showTargets(w, scenario?.ok ? scenario.value : undefined)[0]
      if (!first) return
      const live = {
        workshop: null,
        presentation: session?.presentation ?? null,
        sim: session?.sim ?? null,
        checkpoint: session?.checkpoint ?? null,
      }
      await send({ type: 'workshop:start', workshopId: id }, ...planMove(w, live, first, 'next'))
    }
    return (
      <section className="run-of-show" data-testid="run-of-show" aria-label="Workshop">
        <h3 className="sim-heading">Workshop</h3>
        {queuedPlan && (
          <div className="run-of-show__queued">
            <p>
              <strong>{queuedPlan.title}</strong> is ready · {queuedPlan.durationMinutes} min,{' '}
              {queuedPlan.segments.length} segments
            </p>
            <button
              type="button"
              className="button button--primary button--small"
              data-testid="workshop-start-queued"
              disabled={busy}
              onClick={() => void startPlan(queuedPlan.id)}
            >
              Start workshop
            </button>
          </div>
        )}
        {!queuedPlan && (
          <div className="run-of-show__pick">
            <select
              className="run-of-show__select"
              aria-label="Workshop plan"
              data-testid="workshop-select"
              value={chosen}
              onChange={(event) => setChosen(event.target.value)}
            >
              <option value="">Choose a workshop plan…</option>
              {(plans ?? []).map((p) => (
                <option key={p.id} value={p.id}>
                  {p.title} · {p.durationMinutes} min
                </option>
              ))}
            </select>
            <button
              type="button"
              className="button button--small"
              data-testid="workshop-start"
              disabled={busy || !chosen}
              onClick={() => void startPlan(chosen)}
            >
              Start workshop
            </button>
          </div>
        )}
        {error && (
          <p className="session-error" role="alert">
            {error}
          </p>
        )}
      </section>
    )
  }

  if (!plan || plan.id !== running.id) {
    return (
      <section className="run-of-show" aria-label="Workshop">
        <p className="muted">Loading the workshop…</p>
      </section>
    )
  }
  return <RunningWorkshop plan={plan} facilitator={facilitator} />
}
