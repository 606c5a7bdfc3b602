import { type ComponentPropsPatch, effectiveProps } from './components'
import type { GraphSnapshot, SnapshotBox, SnapshotCall } from './graph-snapshot'

/**
 * How the diagram drawn now differs from a run's snapshot, by box and arrow id. Positions are not
 * in a snapshot, so moving a box is no change; putting it in another frame is (partitions cut by frame).
 */
export interface DiagramChanges {
  boxesAdded: string[]
  boxesRemoved: string[]
  kindsChanged: string[]
  labelsChanged: string[]
  framesChanged: string[]
  /** One entry per setting that differs, as `boxId.key`. */
  propertiesChanged: string[]
  callsAdded: string[]
  callsRemoved: string[]
  /** Arrows tied to other boxes, or whose sync/async or share changed. */
  callsChanged: string[]
}

/** What changed from `run` (the snapshot a Run froze) to `now` (the canvas read the same way; null: no box). */
export function diagramChanges(run: GraphSnapshot, now: GraphSnapshot | null): DiagramChanges {
  const changes: DiagramChanges = {
    boxesAdded: [],
    boxesRemoved: [],
    kindsChanged: [],
    labelsChanged: [],
    framesChanged: [],
    propertiesChanged: [],
    callsAdded: [],
    callsRemoved: [],
    callsChanged: [],
  }
  const boxesNow = new Map((now?.boxes ?? []).map((box) => [box.id, box]))
  for (const before of run.boxes) {
    const after = boxesNow.get(before.id)
    boxesNow.delete(before.id)
    if (!after) changes.boxesRemoved.push(before.id)
    else compareBoxes(before, after, changes)
  }
  changes.boxesAdded.push(...boxesNow.keys())

  const callsNow = new Map((now?.calls ?? []).map((call) => [call.id, call]))
  for (const before of run.calls) {
    const after = callsNow.get(before.id)
    callsNow.delete(before.id)
    if (!after) changes.callsRemoved.push(before.id)
    else if (!sameCall(before, after)) changes.callsChanged.push(before.id)
  }
  changes.callsAdded.push(...callsNow.keys())
  return changes
}

function compareBoxes(before: SnapshotBox, after: SnapshotBox, changes: DiagramChanges): void {
  if (before.label !== after.label) changes.labelsChanged.push(before.id)
  if (before.group !== after.group) changes.framesChanged.push(before.id)
  for (const key of changedKeys(before, after)) changes.propertiesChanged.push(`${before.id}.${key}`)
  if (before.kind !== after.kind) changes.kindsChanged.push(before.id)
}

/**
 * The settings that run differently: for the same kind, a value typed equal to the default is no
 * change; a new kind brings its own defaults, so beside it only the box's own settings count.
 */
function changedKeys(before: SnapshotBox, after: SnapshotBox): string[] {
  const same = before.kind === after.kind
  const a: ComponentPropsPatch = same ? effectiveProps(before.kind, before.props) : before.props
  const b: ComponentPropsPatch = same ? effectiveProps(after.kind, after.props) : after.props
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof ComponentPropsPatch>
  return [...keys].filter((key) => a[key] !== b[key]).sort()
}

function sameCall(a: SnapshotCall, b: SnapshotCall): boolean {
  return a.from === b.from && a.to === b.to && a.mode === b.mode && a.share === b.share
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/** Each kind of change in words, in the order people care about; empty when nothing changed. */
export function diagramChangesInWords(changes: DiagramChanges): string[] {
  const parts: [number, string, string][] = [
    [changes.boxesAdded.length, 'box added', 'boxes added'],
    [changes.boxesRemoved.length, 'box removed', 'boxes removed'],
    [changes.kindsChanged.length, 'kind changed', 'kinds changed'],
    [changes.propertiesChanged.length, 'property changed', 'properties changed'],
    [changes.callsAdded.length, 'arrow added', 'arrows added'],
    [changes.callsRemoved.length, 'arrow removed', 'arrows removed'],
    [changes.callsChanged.length, 'arrow changed', 'arrows changed'],
    [changes.labelsChanged.length, 'box renamed', 'boxes renamed'],
    [changes.framesChanged.length, 'box moved to another frame', 'boxes moved to another frame'],
  ]
  return parts.filter(([n]) => n > 0).map(([n, one, many]) => count(n, one, many))
}

/**
 * The run panel's notice when the diagram changed since Run, or null when it did not. `runner`:
 * null when this screen may run it again, else who to ask.
 */
export function diagramChangedNotice(changes: DiagramChanges, runner: string | null): string | null {
  const words = diagramChangesInWords(changes)
  if (words.length === 0) return null
  const next = runner === null ? 'Run again to use it.' : `Ask ${runner} to run it again.`
  return `The diagram changed since this run started: ${words.join(', ')}. ${next}`
}
