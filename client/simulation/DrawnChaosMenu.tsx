import { useState } from 'react'
import { type BoxChaosType, chaosAppliesTo } from '../../shared/diagram/box-chaos'
import { boxNames, flowOrder } from '../../shared/diagram/box-names'
import type { GraphSnapshot } from '../../shared/diagram/graph-snapshot'
import type { DrawnChange } from '../../shared/session/intents'

/** Chaos that needs a box, as the driver picks it. */
const BOX_CHAOS: readonly { type: BoxChaosType; label: string }[] = [
  { type: 'kill-box', label: 'Kill' },
  { type: 'slow-box', label: 'Slow ×10' },
  { type: 'cache-flush', label: 'Flush cache' },
  { type: 'fail-dependency', label: 'Return errors' },
  { type: 'partition', label: 'Cut off' },
]

/**
 * The driver's chaos switches: pick a box, then break it or cut it off; cut a frame's boxes off
 * from the rest; spike the traffic; or undo it all. "Ask the room first" turns the next switch into
 * a question; the reveal applies it.
 */
export function DrawnChaosMenu({
  snapshot,
  held,
  canAsk,
  onChaos,
}: {
  snapshot: GraphSnapshot
  /** Why chaos waits (an open question), or null. */
  held: string | null
  /** Questions are a facilitator's: only they reveal the answers. */
  canAsk: boolean
  onChaos: (event: DrawnChange, askFirst: boolean) => void
}) {
  const [picked, setBox] = useState('')
  const [askFirst, setAskFirst] = useState(false)
  const names = boxNames(snapshot)
  const groups = frameGroups(snapshot, names)
  const [pickedGroup, setGroup] = useState('')
  // the pick follows the run: Run again may drop the picked box (deleted since), so fall back
  const box = snapshot.boxes.some((b) => b.id === picked) ? picked : firstTarget(snapshot)
  const group = groups.some((g) => g.id === pickedGroup) ? pickedGroup : (groups[0]?.id ?? '')
  const kind = snapshot.boxes.find((b) => b.id === box)?.kind
  const send = (event: DrawnChange) => onChaos(event, askFirst && event.type !== 'undo-chaos')
  return (
    <fieldset
      className="drawn-chaos"
      data-testid="drawn-chaos"
      disabled={held !== null}
      title={held ?? undefined}
    >
      <legend className="sim-heading">Chaos</legend>
      {canAsk && (
        <label className="drawn-chaos__ask">
          <input
            type="checkbox"
            checked={askFirst}
            onChange={(event) => setAskFirst(event.currentTarget.checked)}
            data-testid="drawn-chaos-ask"
          />{' '}
          Ask the room first (predict, then reveal)
        </label>
      )}
      <label className="drawn-chaos__box">
        Box{' '}
        <select value={box} onChange={(e) => setBox(e.target.value)} data-testid="drawn-chaos-box">
          {flowOrder(snapshot).map((id) => (
            <option key={id} value={id}>
              {names.get(id)}
            </option>
          ))}
        </select>
      </label>
      <div className="drawn-chaos__actions">
        {BOX_CHAOS.filter(({ type }) => !kind || chaosAppliesTo(type, kind)).map(({ type, label }) => (
          <button
            key={type}
            type="button"
            className="button button--small"
            data-chaos={type}
            disabled={!box || (type === 'partition' && snapshot.boxes.length < 2)}
            onClick={() => send(chaosOn(type, box, snapshot))}
          >
            {label}
          </button>
        ))}
        <button
          type="button"
          className="button button--small"
          data-chaos="traffic-spike"
          onClick={() => send({ type: 'traffic-spike', factor: 5, ticks: 100 })}
        >
          Traffic ×5
        </button>
        <button
          type="button"
          className="button button--small"
          data-chaos="undo-chaos"
          onClick={() => send({ type: 'undo-chaos' })}
        >
          Undo chaos
        </button>
      </div>
      {groups.length > 1 && (
        <div className="drawn-chaos__actions">
          <label className="drawn-chaos__box">
            Frame{' '}
            <select value={group} onChange={(e) => setGroup(e.target.value)} data-testid="drawn-chaos-group">
              {groups.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="button button--small"
            data-chaos="partition-group"
            disabled={!group}
            onClick={() => send(partitionOff(snapshot, (b) => b.group === group))}
          >
            Cut off from the rest
          </button>
        </div>
      )}
    </fieldset>
  )
}

/** The box chaos starts on: the first that is not a client (clients are rarely what breaks). */
function firstTarget(snapshot: GraphSnapshot): string {
  return (snapshot.boxes.find((b) => b.kind !== 'client') ?? snapshot.boxes[0])?.id ?? ''
}

/** The frames the run's boxes sit in, each named by its first boxes. */
function frameGroups(snapshot: GraphSnapshot, names: Map<string, string>): { id: string; name: string }[] {
  const byGroup = new Map<string, string[]>()
  for (const b of snapshot.boxes) {
    if (b.group) byGroup.set(b.group, [...(byGroup.get(b.group) ?? []), names.get(b.id) ?? b.id])
  }
  return [...byGroup].map(([id, names]) => ({
    id,
    name: names.length > 2 ? `${names.slice(0, 2).join(', ')} +${names.length - 2}` : names.join(', '),
  }))
}

/** A partition between the boxes `inside` picks and every other box. */
function partitionOff(
  snapshot: GraphSnapshot,
  inside: (box: GraphSnapshot['boxes'][number]) => boolean,
): DrawnChange {
  const a = snapshot.boxes.filter(inside).map((b) => b.id)
  const b = snapshot.boxes.filter((box) => !inside(box)).map((box) => box.id)
  return { type: 'partition', a, b }
}

function chaosOn(type: BoxChaosType, box: string, snapshot: GraphSnapshot): DrawnChange {
  switch (type) {
    case 'partition':
      return partitionOff(snapshot, (b) => b.id === box)
    case 'slow-box':
      return { type, box, factor: 10 }
    case 'fail-dependency':
      return { type, box, errorRate: 1 }
    default:
      return { type, box }
  }
}
