import {
  createPresenceStateDerivation,
  InstancePresenceRecordType,
  react,
  type Signal,
  type TLInstancePresence,
  type TLStore,
  type TLUser,
} from 'tldraw'
import type { Awareness } from 'y-protocols/awareness'

/** Key of the tldraw presence record inside each awareness state. */
export const AWARENESS_PRESENCE_KEY = 'presence'

/** Cursor moves are published at most this often (ms); awareness sends every change at once. */
const PUBLISH_INTERVAL_MS = 40

/** The presence record id for an awareness client: one per tab, so a leaving tab takes its cursor along. */
function presenceIdFor(clientId: number): TLInstancePresence['id'] {
  return InstancePresenceRecordType.createId(`awareness-${clientId}`)
}

/** A remote awareness state's presence as a validated record, or null. */
function presenceFrom(clientId: number, state: unknown): TLInstancePresence | null {
  if (typeof state !== 'object' || state === null || !(AWARENESS_PRESENCE_KEY in state)) return null
  const presence: unknown = state[AWARENESS_PRESENCE_KEY]
  if (typeof presence !== 'object' || presence === null) return null
  try {
    return InstancePresenceRecordType.validate({ ...presence, id: presenceIdFor(clientId) })
  } catch {
    return null // a peer on another tldraw version, or garbage: no cursor rather than a crash
  }
}

/**
 * Publishes this tab's tldraw presence (cursor, selection, viewport, name, colour) as its awareness
 * state, and turns every other tab's awareness state into an `instance_presence` record so tldraw
 * draws their cursors itself. Returns the unbind function.
 */
export function bindPresence(store: TLStore, awareness: Awareness, $user: Signal<TLUser>): () => void {
  const $presence = createPresenceStateDerivation($user, {
    instanceId: presenceIdFor(awareness.clientID),
  })(store)

  let timer: number | null = null
  let lastPublished = 0
  const publish = () => {
    timer = null
    lastPublished = Date.now()
    awareness.setLocalStateField(AWARENESS_PRESENCE_KEY, $presence.get())
  }
  const stopPublishing = react('lockstep publish presence', () => {
    $presence.get()
    if (timer !== null) return
    const wait = Math.max(0, PUBLISH_INTERVAL_MS - (Date.now() - lastPublished))
    timer = window.setTimeout(publish, wait)
  })

  const shown = new Set<number>()
  const onAwarenessChange = ({
    added,
    updated,
    removed,
  }: {
    added: number[]
    updated: number[]
    removed: number[]
  }) => {
    const states = awareness.getStates()
    const put: TLInstancePresence[] = []
    const remove: TLInstancePresence['id'][] = []
    for (const clientId of [...added, ...updated]) {
      if (clientId === awareness.clientID) continue
      const record = presenceFrom(clientId, states.get(clientId))
      if (record) {
        put.push(record)
        shown.add(clientId)
      } else if (shown.delete(clientId)) {
        remove.push(presenceIdFor(clientId))
      }
    }
    for (const clientId of removed) {
      if (shown.delete(clientId)) remove.push(presenceIdFor(clientId))
    }
    if (put.length === 0 && remove.length === 0) return
    store.mergeRemoteChanges(() => {
      if (remove.length > 0) store.remove(remove)
      if (put.length > 0) store.put(put)
    })
  }
  awareness.on('change', onAwarenessChange)
  // peers already known before the editor mounted
  onAwarenessChange({ added: [...awareness.getStates().keys()], updated: [], removed: [] })

  return () => {
    stopPublishing()
    if (timer !== null) window.clearTimeout(timer)
    awareness.off('change', onAwarenessChange)
    awareness.setLocalStateField(AWARENESS_PRESENCE_KEY, null)
    const ids = [...shown].map(presenceIdFor)
    shown.clear()
    if (ids.length > 0) store.mergeRemoteChanges(() => store.remove(ids))
  }
}
