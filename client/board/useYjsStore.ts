import { useEffect, useState } from 'react'
import { atom, createTLStore, defaultBindingUtils, defaultShapeUtils, type TLStore } from 'tldraw'
import type * as Y from 'yjs'
import type { BoardLimits } from '../../shared/boards/board-limits'
import type { BoardDamage } from '../../shared/boards/drawable-board'
import type { SkippedRecord } from '../../shared/boards/drawable-records'
import { $attributionUser } from './local-user'
import { bindStoreToDoc } from './yjs-tldraw-binding'

export interface YjsStoreOptions {
  /** The board's document once it holds what this device can know; null while it loads. */
  doc: Y.Doc | null
  ready: boolean
  /** Whether edits may be written (role may edit and the server has not refused the link). */
  canWrite: boolean
  online: boolean
  /** What the board may hold: records past it are left out, a board far past it is damaged. */
  limits: BoardLimits
}

export type YjsStoreState =
  | { status: 'loading' }
  /** `skipped`: records left out of the canvas because tldraw could not draw them. */
  | { status: 'ready'; store: TLStore; skipped: SkippedRecord[] }
  /** Safe mode: no canvas; tried again whenever the document changes (a restore mends it). */
  | { status: 'damaged'; damage: BoardDamage }

/**
 * A tldraw store for one board, bound to its Yjs document once the document is ready. The store's
 * collaboration signals make tldraw read-only when this tab may not write.
 */
export function useYjsStore({ doc, ready, canWrite, online, limits }: YjsStoreOptions): YjsStoreState {
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
    let retry = 0
    let skipped: SkippedRecord[] = []
    const onSkipped = (now: SkippedRecord[]) => {
      skipped = now
      setState((current) => (current.status === 'ready' ? { ...current, skipped } : current))
    }
    // safe mode: unbound, and the board is read again after changes (a facilitator's restore)
    const showDamage = (damage: BoardDamage) => {
      unbind?.()
      unbind = null
      setState({ status: 'damaged', damage })
      doc.on('update', onUpdate)
    }
    const bind = () => {
      retry = 0
      const canWrite = () => signals.canWrite.get()
      const binding = bindStoreToDoc(store, doc, { canWrite, limits, onSkipped, onDamaged: showDamage })
      if (binding.kind === 'damaged') return showDamage(binding.damage)
      doc.off('update', onUpdate)
      unbind = binding.unbind
      setState({ status: 'ready', store, skipped })
    }
    // a burst of changes is read once
    const onUpdate = () => {
      if (retry === 0) retry = window.setTimeout(bind, 0)
    }
    bind()
    return () => {
      doc.off('update', onUpdate)
      window.clearTimeout(retry)
      unbind?.()
      setState({ status: 'loading' })
    }
  }, [doc, ready, signals, limits])

  return state
}
