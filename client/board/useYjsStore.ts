import { useEffect, useState } from 'react'
import { atom, createTLStore, defaultBindingUtils, defaultShapeUtils, type TLStore } from 'tldraw'
import type * as Y from 'yjs'
import { $attributionUser } from './local-user'
import { bindStoreToDoc } from './yjs-tldraw-binding'

export interface YjsStoreOptions {
  /** The board's document once it holds what this device can know; null while it loads. */
  doc: Y.Doc | null
  ready: boolean
  /** Whether edits may be written (role may edit and the server has not refused the link). */
  canWrite: boolean
  online: boolean
}

export type YjsStoreState =
  | { status: 'loading' }
  | { status: 'ready'; store: TLStore }
  | { status: 'error'; message: string }

/**
 * A tldraw store for one board, bound to its Yjs document once the document is ready. The store's
 * collaboration signals make tldraw read-only when this tab may not write.
 */
export function useYjsStore({ doc, ready, canWrite, online }: YjsStoreOptions): YjsStoreState {
  // created once; the effects below keep them current
  const [signals] = useState(() => ({
    mode: atom<'readonly' | 'readwrite'>('lockstep mode', canWrite ? 'readwrite' : 'readonly'),
    status: atom<'online' | 'offline'>('lockstep status', online ? 'online' : 'offline'),
    canWrite: atom('lockstep can write', canWrite),
  }))

  useEffect(() => {
    signals.mode.set(canWrite ? 'readwrite' : 'readonly')
    signals.canWrite.set(canWrite)
  }, [signals, canWrite])
  useEffect(() => {
    signals.status.set(online ? 'online' : 'offline')
  }, [signals, online])

  const [state, setState] = useState<YjsStoreState>({ status: 'loading' })

  useEffect(() => {
    if (!doc || !ready) return
    const store = createTLStore({
      shapeUtils: defaultShapeUtils,
      bindingUtils: defaultBindingUtils,
      users: { currentUser: $attributionUser },
      collaboration: { status: signals.status, mode: signals.mode },
    })
    let unbind: (() => void) | null = null
    try {
      unbind = bindStoreToDoc(store, doc, { canWrite: () => signals.canWrite.get() })
      setState({ status: 'ready', store })
    } catch (error) {
      setState({
        status: 'error',
        message: error instanceof Error ? error.message : 'This board could not be opened.',
      })
    }
    return () => {
      unbind?.()
      setState({ status: 'loading' })
    }
  }, [doc, ready, signals])

  return state
}
