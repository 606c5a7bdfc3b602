import { useEffect, useState } from 'react'
import type { Workshop } from '../../shared/content/workshop-schema'
import { useLiveSession } from '../session/session-context'
import { fetchWorkshop } from './workshops-api'

/** Which run-of-show segment the room is in ("2/6 · Sketch your cells"), beside the timer, for everyone. */
export function WorkshopSegmentBadge() {
  const running = useLiveSession().connection.session?.workshop ?? null
  const plan = useWorkshopPlan(running?.id ?? null)
  if (!running || !plan) return null
  const segment = plan.segments[running.segment]
  if (!segment) return null
  const label = `${running.segment + 1}/${plan.segments.length} · ${segment.title}`
  return (
    <span
      className="badge segment-badge"
      data-testid="workshop-segment-badge"
      title={`${plan.title}: segment ${label}`}
    >
      <span className="segment-badge__text">{label}</span>
    </span>
  )
}

function useWorkshopPlan(id: string | null): Workshop | null {
  const [plan, setPlan] = useState<Workshop | null>(null)
  useEffect(() => {
    setPlan(null)
    if (!id) return
    let live = true
    void fetchWorkshop(id).then((found) => {
      if (live) setPlan(found)
    })
    return () => {
      live = false
    }
  }, [id])
  return plan
}
