import { describe, expect, it } from 'vitest'
import {
  type DiagramChanges,
  diagramChangedNotice,
  diagramChanges,
  diagramChangesInWords,
} from '../../shared/diagram/diagram-changes'
import { snapshotFromRecords } from '../../shared/diagram/from-tldraw'
import {
  type GraphSnapshot,
  type GraphSnapshotInput,
  graphSnapshotSchema,
} from '../../shared/diagram/graph-snapshot'
import { arrowBindings, arrowShape, componentBox, frameShape } from '../support/board-records'

const graph = (input: GraphSnapshotInput): GraphSnapshot => graphSnapshotSchema.parse(input)

/** The run's snapshot: users call the API, which calls the database. */
const RUN = graph({
  boxes: [
    { id: 'users', label: 'Users', kind: 'client' },
    { id: 'api', label: 'API', kind: 'service', props: { replicas: 3 } },
    { id: 'db', label: 'Orders DB', kind: 'database' },
  ],
  calls: [
    { id: 'c1', from: 'users', to: 'api' },
    { id: 'c2', from: 'api', to: 'db' },
  ],
})

/** The run's snapshot with one edit applied. */
function edited(edit: (draft: GraphSnapshot) => void): GraphSnapshot {
  const draft = structuredClone(RUN)
  edit(draft)
  return graph(draft)
}

/** The run's snapshot with one box's fields replaced. */
const withBox = (id: string, fields: Partial<GraphSnapshot['boxes'][number]>) =>
  edited((draft) => {
    draft.boxes = draft.boxes.map((box) => (box.id === id ? { ...box, ...fields } : box))
  })

const none: DiagramChanges = {
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

describe('how the diagram now differs from the run it started', () => {
  it('finds no change in the same diagram', () => {
    expect(diagramChanges(RUN, structuredClone(RUN))).toEqual(none)
    expect(diagramChangedNotice(none, null)).toBeNull()
  })

  it('finds no change when boxes are moved or their records come in another order', () => {
    const records = (x: number, reversed: boolean) => {
      const list = [
        componentBox('shape:api', 'service', { x }),
        componentBox('shape:db', 'database', { x: x + 200, y: 40 }),
        arrowShape('shape:c1'),
        ...arrowBindings('shape:c1', 'shape:api', 'shape:db'),
      ]
      return reversed ? list.reverse() : list
    }
    const run = snapshotFromRecords(records(0, false)).snapshot
    const moved = snapshotFromRecords(records(500, true)).snapshot
    if (!run) throw new Error('the run reads no boxes')
    expect(diagramChanges(run, moved)).toEqual(none)
  })

  it('names a box added and a box removed', () => {
    const now = edited((draft) => {
      draft.boxes = draft.boxes.filter((box) => box.id !== 'db')
      draft.boxes.push({ id: 'cache', label: '', kind: 'cache', group: null, props: {} })
      draft.calls = draft.calls.filter((call) => call.id !== 'c2')
    })
    expect(diagramChanges(RUN, now)).toEqual({
      ...none,
      boxesAdded: ['cache'],
      boxesRemoved: ['db'],
      callsRemoved: ['c2'],
    })
  })

  it('finds every box removed when none has a kind any more', () => {
    expect(diagramChanges(RUN, null)).toEqual({
      ...none,
      boxesRemoved: ['users', 'api', 'db'],
      callsRemoved: ['c1', 'c2'],
    })
  })

  it("names a box's new kind, label and frame", () => {
    const now = withBox('db', { kind: 'replica', label: 'Replica', group: 'shape:zoneA' })
    expect(diagramChanges(RUN, now)).toEqual({
      ...none,
      kindsChanged: ['db'],
      labelsChanged: ['db'],
      framesChanged: ['db'],
    })
  })

  it('names each property that runs differently, and not one typed equal to its default', () => {
    // 3 → 4 replicas, no timeout, and the service's default capacity (200) typed in
    const now = withBox('api', { props: { replicas: 4, timeoutMs: null, capacityPerReplica: 200 } })
    expect(diagramChanges(RUN, now).propertiesChanged).toEqual(['api.replicas', 'api.timeoutMs'])
  })

  it("counts only a box's own settings beside a new kind, whose defaults come with it", () => {
    const now = withBox('api', { kind: 'worker' })
    expect(diagramChanges(RUN, now)).toEqual({ ...none, kindsChanged: ['api'] })
  })

  it('names an arrow added, removed, made async, given a share or tied to another box', () => {
    const base = graph({
      ...RUN,
      calls: [
        { id: 'c1', from: 'users', to: 'api' },
        { id: 'c2', from: 'api', to: 'db' },
        { id: 'c3', from: 'api', to: 'db' },
        { id: 'c4', from: 'users', to: 'api' },
        { id: 'c5', from: 'api', to: 'db' },
      ],
    })
    const now = graph({
      ...RUN,
      calls: [
        { id: 'c1', from: 'users', to: 'api' },
        { id: 'c2', from: 'api', to: 'db', mode: 'async' },
        { id: 'c3', from: 'api', to: 'db', share: 0.5 },
        { id: 'c4', from: 'users', to: 'db' },
        { id: 'c6', from: 'users', to: 'db' },
      ],
    })
    expect(diagramChanges(base, now)).toEqual({
      ...none,
      callsAdded: ['c6'],
      callsRemoved: ['c5'],
      callsChanged: ['c2', 'c3', 'c4'],
    })
  })

  it('finds a change on a drawn board when a box leaves for a frame', () => {
    const records = (parentId: string) => [
      frameShape('shape:zoneA'),
      componentBox('shape:api', 'service', { parentId }),
    ]
    const run = snapshotFromRecords(records('page:page')).snapshot
    const now = snapshotFromRecords(records('shape:zoneA')).snapshot
    if (!run) throw new Error('the run reads no boxes')
    expect(diagramChanges(run, now)).toEqual({ ...none, framesChanged: ['shape:api'] })
  })
})

describe('the notice that the diagram changed', () => {
  it('counts each kind of change with its plural', () => {
    const one = diagramChangesInWords({
      boxesAdded: ['a'],
      boxesRemoved: ['b'],
      kindsChanged: ['c'],
      labelsChanged: ['d'],
      framesChanged: ['e'],
      propertiesChanged: ['f.replicas'],
      callsAdded: ['g'],
      callsRemoved: ['h'],
      callsChanged: ['i'],
    })
    expect(one).toEqual([
      '1 box added',
      '1 box removed',
      '1 kind changed',
      '1 property changed',
      '1 arrow added',
      '1 arrow removed',
      '1 arrow changed',
      '1 box renamed',
      '1 box moved to another frame',
    ])
    const two = (id: string) => [id, `${id}2`]
    expect(
      diagramChangesInWords({
        boxesAdded: two('a'),
        boxesRemoved: two('b'),
        kindsChanged: two('c'),
        labelsChanged: two('d'),
        framesChanged: two('e'),
        propertiesChanged: two('f'),
        callsAdded: two('g'),
        callsRemoved: two('h'),
        callsChanged: two('i'),
      }),
    ).toEqual([
      '2 boxes added',
      '2 boxes removed',
      '2 kinds changed',
      '2 properties changed',
      '2 arrows added',
      '2 arrows removed',
      '2 arrows changed',
      '2 boxes renamed',
      '2 boxes moved to another frame',
    ])
  })

  it('tells someone who may run it to run again, and anyone else whom to ask', () => {
    const changes = { ...none, boxesRemoved: ['db'], propertiesChanged: ['api.replicas'] }
    expect(diagramChangedNotice(changes, null)).toBe(
      'The diagram changed since this run started: 1 box removed, 1 property changed. Run again to use it.',
    )
    expect(diagramChangedNotice(changes, 'Ana')).toBe(
      'The diagram changed since this run started: 1 box removed, 1 property changed. Ask Ana to run it again.',
    )
  })
})
