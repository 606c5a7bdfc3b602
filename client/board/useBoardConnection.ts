import { useEffect, useRef, useState } from 'react'
import type { Awareness } from 'y-protocols/awareness'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { YJS_PATH_PREFIX, yjsSubprotocols } from '../../shared/protocol/links'
import { BOARD_DOC, YJS_CLOSE, YJS_CLOSE_REASON } from '../../shared/protocol/yjs-doc'
import { listenForNotices } from './board-notices'
import type { ConnectionState } from './connection-state'
import { LOAD_MARK, markLoad } from './load-marks'
import { markLocalCopyStale, openLocalCopy } from './local-copy'
import { sendOwnAwarenessOnly } from './own-awareness-only'
import { acceptPeersAfterReconnect } from './peers-after-reconnect'
import { forgiveBlockedMainThread } from './silent-socket'
import { socketParams, useIdentityRejoin } from './useIdentityRejoin'

/**
 * How long the board waits for an unreachable server before it opens from this device's copy.
 * Without a copy here (a first visit, or one discarded after a refused change), or once the socket
 * is open (the server is loading the board), it waits for the sync, or for the socket to fail:
 * an empty board opened early would write its defaults over a board it has not seen.
 */
const SERVER_WAIT_MS = 4000
/** How long to wait for IndexedDB before giving up on the offline copy (it can hang in private windows). */
const LOCAL_WAIT_MS = 3000
/** Refused changes within REFUSALS_WINDOW_MS after which the tab stops starting over (a loop, not a person). */
const MAX_REFUSALS = 3
const REFUSALS_WINDOW_MS = 30_000

/** The server refused a change from this tab (4422); the tab started over from the server's copy. */
export interface RefusedChange {
  reason: string
  /** Counts refusals, so the same words twice still make a new notice. */
  n: number
}

/** One board's Yjs document, its offline copy and its link to the server. */
export interface BoardConnection {
  doc: Y.Doc
  awareness: Awareness
  state: ConnectionState
  /** The document holds everything this device can know right now: bind the canvas. */
  ready: boolean
  /** The document has synced with the server at least once in this visit. */
  syncedWithServer: boolean
  /** The last change the server refused, if any: this tab's copy was discarded for the server's. */
  refusedChange: RefusedChange | null
}

function yjsServerUrl(): string {
  const protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:'
  return `${protocol}//${window.location.host}${YJS_PATH_PREFIX}`
}

function refusalReason(code: number, reason: string): string {
  return YJS_CLOSE_REASON[code] ?? (reason || 'The server closed the connection to this board.')
}

/** y-websocket stops at 4400–4499; a too-large change (1009) would only be sent again on reconnect. */
function shouldReconnect(event: CloseEvent): boolean {
  return !(event.code >= 4400 && event.code < 4500) && event.code !== YJS_CLOSE.messageTooBig
}

/**
 * Opens a board's Yjs document: first from IndexedDB (edits survive offline), then from the server
 * over y-websocket. Stops reconnecting when the server refuses the link (4401, 4404, …). When it
 * refuses a change (4422), this tab's copy is wrong: it is deleted from IndexedDB and memory, and
 * the board opens afresh from the server (a new document, so the canvas rebuilds from it).
 */
export function useBoardConnection(
  boardId: string,
  token: string,
  identity: string | null,
): BoardConnection | null {
  const [connection, setConnection] = useState<Omit<BoardConnection, 'refusedChange'> | null>(null)
  // bumped to start over with a fresh document after a refused change
  const [generation, setGeneration] = useState(0)
  const [refusedChange, setRefusedChange] = useState<RefusedChange | null>(null)
  const refusals = useRef<number[]>([])
  const providerRef = useRef<WebsocketProvider | null>(null)
  const identityRef = useRef(identity)
  identityRef.current = identity
  // this tab closed its socket to rejoin with a new identity: not a reason to say "offline"
  const rejoining = useRef(false)

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new generation starts over with a fresh document
  useEffect(() => {
    rejoining.current = false // a new provider: nothing of the last one's rejoin carries over
    const doc = new Y.Doc()
    const local = openLocalCopy(boardId, doc)
    // BroadcastChannel is off so every change goes through the server, which checks roles
    const provider = new WebsocketProvider(yjsServerUrl(), boardId, doc, {
      // the identity lets the server apply roles the facilitator granted to this participant
      params: socketParams(identityRef.current),
      // the token travels as a subprotocol, never in the URL that proxies log
      protocols: yjsSubprotocols(token),
      shouldReconnect,
      disableBc: true,
    })
    providerRef.current = provider

    let state: ConnectionState = navigator.onLine ? { kind: 'connecting' } : { kind: 'offline' }
    let localLoaded = local === null
    let serverSettled = false
    let syncedWithServer = false
    let ready = false
    let disposed = false

    const publish = () => {
      if (disposed) return
      ready ||= localLoaded && serverSettled
      setConnection({ doc, awareness: provider.awareness, state, ready, syncedWithServer })
    }
    const setState = (next: ConnectionState) => {
      if (state.kind === 'refused') return // final until the page reloads
      state = next
      publish()
    }

    void local?.loaded.then(() => {
      markLoad(LOAD_MARK.localCopyLoaded)
      localLoaded = true
      publish()
    })
    const localTimer = window.setTimeout(() => {
      localLoaded = true
      publish()
    }, LOCAL_WAIT_MS)
    let socketOpen = false
    const serverTimer = window.setTimeout(() => {
      if (socketOpen || doc.getMap(BOARD_DOC.recordsMap).size === 0) return
      serverSettled = true
      publish()
    }, SERVER_WAIT_MS)

    const onSync = (isSynced: boolean) => {
      if (!isSynced) return
      if (!syncedWithServer) markLoad(LOAD_MARK.synced)
      syncedWithServer = true
      rejoining.current = false
      serverSettled = true
      setState({ kind: 'connected' })
    }
    const onStatus = ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }) => {
      socketOpen = status === 'connected'
      if (socketOpen) markLoad(LOAD_MARK.socketOpen)
      if (status === 'disconnected' && !rejoining.current) setState({ kind: 'offline' })
      // "connecting" after a failure keeps saying offline until the server answers the sync
      if (status === 'connecting' && state.kind === 'connecting') publish()
    }
    const onFailure = (event: CloseEvent | Event | null) => {
      // null: this tab closed the socket itself (a new identity) and reconnects at once
      if (event === null) return
      rejoining.current = false
      serverSettled = true
      setState({ kind: 'offline' })
    }
    const onClosed = (event: { code: number; reason: string }) => {
      serverSettled = true
      provider.shouldConnect = false
      if (event.code === YJS_CLOSE.changeRefused) refusals.current = withRefusal(refusals.current, Date.now())
      // start over, unless the fresh copy keeps being refused (a loop, not a person)
      if (event.code === YJS_CLOSE.changeRefused && refusals.current.length <= MAX_REFUSALS) {
        markLocalCopyStale(boardId)
        const reason = event.reason || 'It breaks the board’s content rules.'
        setRefusedChange((last) => ({ reason, n: (last?.n ?? 0) + 1 }))
        setGeneration((n) => n + 1)
        return
      }
      setState({ kind: 'refused', code: event.code, reason: refusalReason(event.code, event.reason) })
    }
    provider.on('sync', onSync)
    provider.on('status', onStatus)
    provider.on('connection-close', onFailure)
    provider.on('connection-error', onFailure)
    provider.on('closed', onClosed)
    const stopNotices = listenForNotices(provider, setState)
    const restoreAwareness = sendOwnAwarenessOnly(provider)
    const stopAcceptingPeers = acceptPeersAfterReconnect(provider)
    const stopForgiving = forgiveBlockedMainThread(provider)

    // the socket can take 30 s to notice a dead network; the browser knows sooner
    const onBrowserOffline = () => setState({ kind: 'offline' })
    // back online: start a fresh sync at once rather than trusting a socket that may have lost frames
    const onBrowserOnline = () => {
      if (state.kind === 'refused') return
      provider.disconnect()
      provider.connect()
    }
    window.addEventListener('offline', onBrowserOffline)
    window.addEventListener('online', onBrowserOnline)

    publish()

    return () => {
      disposed = true
      window.clearTimeout(localTimer)
      window.clearTimeout(serverTimer)
      window.removeEventListener('offline', onBrowserOffline)
      window.removeEventListener('online', onBrowserOnline)
      provider.off('sync', onSync)
      provider.off('status', onStatus)
      provider.off('connection-close', onFailure)
      provider.off('connection-error', onFailure)
      provider.off('closed', onClosed)
      stopNotices()
      restoreAwareness()
      stopAcceptingPeers()
      stopForgiving()
      providerRef.current = null
      provider.destroy()
      local?.destroy()
      doc.destroy()
      setConnection(null)
    }
  }, [boardId, token, generation])

  useIdentityRejoin(providerRef, identity, rejoining)

  return connection && { ...connection, refusedChange }
}

/** The refusals still counting, with one more now. */
function withRefusal(times: readonly number[], now: number): number[] {
  return [...times.filter((at) => now - at < REFUSALS_WINDOW_MS), now]
}
