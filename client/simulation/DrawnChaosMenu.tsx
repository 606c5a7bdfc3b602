import { useState } from 'react'
import type { GraphSnapshot } from '../../shared/diagram/graph-snapshot'
import type { DrawnChange } from '../../shared/session/intents'

/** Chaos that needs a box, as the driver picks it. */
const BOX_CHAOS = [
  { type: 'kill-box', label: 'Kill' },
  { type: 'slow-box', label: 'Slow ×10' },
  { type: 'cache-flush', label: 'Flush cache' },
  { type: 'fail-dependency', label: 'Return errors' },
] as const

/** The driver's chaos switches: pick a box, then break it; or spike the traffic; or undo it all. */
export function DrawnChaosMenu({
  snapshot,
  onChaos,
}: {
  snapshot: GraphSnapshot
  onChaos: (event: DrawnChange) => void
}) {
  const [box, setBox] = useState(snapshot.boxes.find((b) => b.kind !== 'client')?.id ?? '')
  return (
    <fieldset className="drawn-chaos" data-testid="drawn-chaos">
      <legend className="sim-heading">Chaos</legend>
      <label className="drawn-chaos__box">
        Box{' '}
        <select value={box} onChange={(e) => setBox(e.target.value)} data-testid="drawn-chaos-box">
          {snapshot.boxes.map((b) => (
            <option key={b.id} value={b.id}>
              {b.label || b.kind} ({b.kind})
            </option>
          ))}
        </select>
      </label>
      <div className="drawn-chaos__actions">
        {BOX_CHAOS.map(({ type, label }) => (
          <button
            key={type}
            type="button"
            className="button button--small"
            data-chaos={type}
            disabled={!box}
            onClick={() => onChaos(chaosOn(type, box))}
          >
            {label}
          </button>
        ))}
        <button
          type="button"
          className="button button--small"
          data-chaos="traffic-spike"
          onClick={() => onChaos({ type: 'traffic-spike', factor: 5, ticks: 100 })}
        >
          Traffic ×5
        </button>
        <button
          type="button"
          className="button button--small"
          data-chaos="undo-chaos"
          onClick={() => onChaos({ type: 'undo-chaos' })}
        >
          Undo chaos
        </button>
      </div>
    </fieldset>
  )
}

function chaosOn(type: (typeof BOX_CHAOS)[number]['type'], box: string): DrawnChange {
  switch (type) {
    case 'slow-box':
      return { type, box, factor: 10 }
    case 'fail-dependency':
      return { type, box, errorRate: 1 }
    default:
      return { type, box }
  }
}
