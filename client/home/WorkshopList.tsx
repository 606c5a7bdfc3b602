import '../facilitation/facilitation.css'
import { useEffect, useState } from 'react'
import type { Workshop } from '../../shared/content/workshop-schema'
import { fetchWorkshops } from '../facilitation/workshops-api'
import { startBoard } from './start-board'

/** "Run a workshop": a plan's board is made from its template and opens with the workshop queued. */
export function WorkshopList() {
  const [workshops, setWorkshops] = useState<Workshop[] | null | 'failed'>(null)
  const [startingId, setStartingId] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    let cancelled = false
    void fetchWorkshops().then((list) => {
      if (!cancelled) setWorkshops(list ?? 'failed')
    })
    return () => {
      cancelled = true
    }
  }, [])

  if (workshops === null || workshops === 'failed' || workshops.length === 0) return null
  const start = (workshop: Workshop) => {
    if (startingId) return
    setStartingId(workshop.id)
    setError(null)
    void startBoard(
      { templateId: workshop.templateId, title: workshop.title },
      { workshopId: workshop.id },
    ).then((failure) => {
      if (!failure) return
      setStartingId(null)
      setError(failure)
    })
  }
  return (
    <section className="home__workshops" aria-labelledby="workshops-heading" data-testid="workshop-list">
      <h2 id="workshops-heading">Run a workshop</h2>
      <ul className="workshop-cards">
        {workshops.map((workshop) => (
          <li key={workshop.id} className="card workshop-card" data-workshop-id={workshop.id}>
            <h3 className="workshop-card__title">{workshop.title}</h3>
            <p className="workshop-card__meta">
              {workshop.durationMinutes} min · {workshop.segments.length} segments
            </p>
            <p className="workshop-card__summary">{workshop.summary}</p>
            <button
              type="button"
              className="button button--primary button--small"
              disabled={startingId !== null}
              onClick={() => start(workshop)}
            >
              {startingId === workshop.id ? 'Setting up…' : 'Run this workshop'}
            </button>
          </li>
        ))}
      </ul>
      {error && (
        <p className="session-error" role="alert">
          {error}
        </p>
      )}
    </section>
  )
}
