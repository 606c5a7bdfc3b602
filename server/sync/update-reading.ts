import * as Y from 'yjs'
import { type ContentProblem, problem } from '../../shared/boards/board-limits'
import { BOARD_DOC } from '../../shared/protocol/yjs-doc'

/**
 * What a Yjs update would do to a board, read before it is applied (Yjs cannot take an applied
 * update back): the record and meta values it writes or removes, worked out against the live
 * document without copying it.
 */
export type UpdateReading =
  | { kind: 'changes'; records: Map<string, unknown[]>; meta: Map<string, unknown[]> }
  /** It builds on changes the server does not have; applying it would leave it pending. */
  | { kind: 'missing' }
  /** It writes outside the board's layout (another root, nested types, raw text). */
  | { kind: 'refused'; problem: ContentProblem }

/** Where a new item lands: a key of a root map, nowhere (garbage), or out of the layout. */
type Landing = { root: string; key: string | null } | 'garbage' | 'missing' | 'nested'

interface Incoming {
  item: Y.Item
  root: string
  key: string
  deleted: boolean
}

const outside = (): UpdateReading => ({
  kind: 'refused',
  problem: problem('invalid_record', 'The change wrote something a board cannot hold.'),
})

/** Reads an update against the document it is about to be applied to. */
export function readUpdate(doc: Y.Doc, update: Uint8Array): UpdateReading {
  const { structs, ds } = Y.decodeUpdate(update)
  const stateAfter = new Map<number, number>()
  const fresh = new Map<number, Y.Item[]>()
  for (const struct of structs) {
    const { client, clock } = struct.id
    if (struct instanceof Y.Skip) continue
    const known = stateAfter.get(client) ?? Y.getState(doc.store, client)
    if (clock > known) return { kind: 'missing' } // a gap: Yjs would hold the rest back
    stateAfter.set(client, Math.max(known, clock + struct.length))
    if (clock + struct.length <= known) continue // already here; Yjs ignores it
    if (struct instanceof Y.Item) pushTo(fresh, client, struct)
  }

  const landings = new Map<Y.Item, Landing>()
  const findFresh = (id: Y.ID): Y.Item | undefined => findByClock(fresh.get(id.client) ?? [], id.clock)
  const landingOf = (start: Y.Item): Landing => {
    // follow origins iteratively (a long chain in one update must not blow the stack)
    const path: Y.Item[] = []
    let item: Y.Item = start
    let landing: Landing | undefined
    while (landing === undefined) {
      const known = landings.get(item)
      if (known !== undefined) {
        landing = known
        break
      }
      path.push(item)
      const parent: unknown = item.parent
      if (typeof parent === 'string') landing = { root: parent, key: item.parentSub }
      else if (parent instanceof Y.ID) landing = 'nested'
      else {
        const origin = item.origin ?? item.rightOrigin
        const inUpdate = origin ? findFresh(origin) : undefined
        if (inUpdate) item = inUpdate
        else landing = origin ? landingInDoc(doc, origin) : 'nested'
      }
    }
    for (const seen of path) landings.set(seen, landing)
    return landing
  }

  const incoming: Incoming[] = []
  for (const items of fresh.values()) {
    for (const item of items) {
      const landing = landingOf(item)
      if (landing === 'garbage') continue
      if (landing === 'missing') return { kind: 'missing' }
      if (landing === 'nested' || landing.key === null) return outside()
      if (landing.root !== BOARD_DOC.recordsMap && landing.root !== BOARD_DOC.metaMap) return outside()
      const single = item.content instanceof Y.ContentAny && item.content.arr.length === 1
      if (!single && !(item.content instanceof Y.ContentDeleted)) return outside()
      incoming.push({
        item,
        root: landing.root,
        key: landing.key,
        deleted: item.content instanceof Y.ContentDeleted,
      })
    }
  }

  const entryOf = new Map(incoming.map((entry) => [entry.item, entry]))
  const removedNow = new Set<Y.Item>()
  for (const [client, ranges] of ds.clients) {
    for (const { clock, len } of ranges) {
      if (clock + len > (stateAfter.get(client) ?? Y.getState(doc.store, client))) return { kind: 'missing' }
      for (const item of itemsInRange(fresh.get(client) ?? [], clock, clock + len)) {
        const entry = entryOf.get(item)
        if (entry) entry.deleted = true
      }
      for (const item of liveItemsInDoc(doc, client, clock, clock + len)) removedNow.add(item)
    }
  }
  return outcomes(doc, incoming, removedNow)
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

/** The item covering `clock` in one client's items, sorted by clock (binary search). */
function findByClock(items: Y.Item[], clock: number): Y.Item | undefined {
  let low = 0
  let high = items.length - 1
  while (low <= high) {
    const middle = (low + high) >> 1
    const item = items[middle] as Y.Item
    if (clock < item.id.clock) high = middle - 1
    else if (clock >= item.id.clock + item.length) low = middle + 1
    else return item
  }
  return undefined
}

/** One client's items (sorted by clock) that overlap the clock range [from, to). */
function* itemsInRange(items: Y.Item[], from: number, to: number): Generator<Y.Item> {
  let low = 0
  let high = items.length
  while (low < high) {
    const middle = (low + high) >> 1
    const item = items[middle] as Y.Item
    if (item.id.clock + item.length <= from) low = middle + 1
    else high = middle
  }
  for (let i = low; i < items.length && (items[i] as Y.Item).id.clock < to; i++) yield items[i] as Y.Item
}

function landingInDoc(doc: Y.Doc, id: Y.ID): Landing {
  if (id.clock >= Y.getState(doc.store, id.client)) return 'missing'
  const struct = Y.getItem(doc.store, id) as Y.Item | Y.GC
  if (!(struct instanceof Y.Item)) return 'garbage'
  const parent = struct.parent
  if (!(parent instanceof Y.AbstractType) || parent._item !== null) return 'nested'
  return { root: rootName(doc, parent) ?? '', key: struct.parentSub }
}

function rootName(doc: Y.Doc, type: Y.AbstractType<unknown>): string | undefined {
  for (const [name, root] of doc.share) if (root === type) return name
  return undefined
}

/** The document's items in a client's clock range that are not deleted yet. */
function* liveItemsInDoc(doc: Y.Doc, client: number, from: number, to: number): Generator<Y.Item> {
  const structs = doc.store.clients.get(client)
  if (!structs || from >= Y.getState(doc.store, client)) return
  for (let i = Y.findIndexSS(structs, from); i < structs.length; i++) {
    const struct = structs[i] as Y.Item | Y.GC
    if (struct.id.clock >= to) return
    if (struct instanceof Y.Item && !struct.deleted) yield struct
  }
}

const writtenValue = (entry: Incoming): unknown =>
  entry.deleted ? null : (entry.item.content as Y.ContentAny).arr[0]

/**
 * Each touched key's possible values. When the update's items for a key extend the key's current
 * item one after another, the last one wins for sure; otherwise (concurrent edits) any of them or
 * the current value may, and all are checked.
 */
function outcomes(doc: Y.Doc, incoming: Incoming[], removedNow: Set<Y.Item>): UpdateReading {
  const records = new Map<string, unknown[]>()
  const meta = new Map<string, unknown[]>()
  const byKey = new Map<string, Incoming[]>()
  for (const entry of incoming) {
    const slot = `${entry.root}\u0000${entry.key}`
    pushTo(byKey, slot, entry)
  }
  for (const root of [BOARD_DOC.recordsMap, BOARD_DOC.metaMap]) {
    const map = doc.getMap<unknown>(root)
    const target = root === BOARD_DOC.recordsMap ? records : meta
    const keys = new Set([...incoming.filter((e) => e.root === root).map((e) => e.key)])
    for (const item of removedNow) if (item.parent === map && item.parentSub) keys.add(item.parentSub)
    for (const key of keys) {
      const current = map._map.get(key)
      const live = current && !current.deleted && !removedNow.has(current)
      const currentValue = live ? current.content.getContent().at(-1) : null
      const entries = byKey.get(`${root}\u0000${key}`) ?? []
      if (entries.length === 0) {
        if (current && !current.deleted && removedNow.has(current)) target.set(key, [null])
        continue
      }
      let expected = current ? current.lastId : null
      const chained = entries.every(({ item }) => {
        const follows = Y.compareIDs(item.origin, expected) && item.rightOrigin === null
        expected = item.lastId
        return follows
      })
      const last = entries[entries.length - 1] as Incoming
      target.set(
        key,
        chained ? [writtenValue(last)] : [...new Set([currentValue, ...entries.map(writtenValue)])],
      )
    }
  }
  return { kind: 'changes', records, meta }
}
