import { useContext, useEffect, useMemo, useRef } from 'react'
import type { Editor } from 'tldraw'
import { LiveSessionContext } from '../session/session-context'
import { isTextTarget, type ShortcutAction, shortcutFor } from './shortcut-keys'

type Handler = () => void

/** Where the panels that own an action (Step lives in the simulation controls) offer it to the keyboard. */
export interface ShortcutRegistry {
  register(action: ShortcutAction, handler: Handler): () => void
  run(action: ShortcutAction): boolean
}

export function createShortcutRegistry(): ShortcutRegistry {
  const handlers = new Map<ShortcutAction, Handler[]>()
  return {
    register(action, handler) {
      handlers.set(action, [...(handlers.get(action) ?? []), handler])
      return () =>
        handlers.set(
          action,
          (handlers.get(action) ?? []).filter((h) => h !== handler),
        )
    },
    run(action) {
      const handler = handlers.get(action)?.at(-1)
      handler?.()
      return handler !== undefined
    },
  }
}

/**
 * Offers `handler` for `action` while mounted; null offers nothing (e.g. the control is disabled
 * or this person may not drive). The latest handler runs, so it can close over fresh state.
 */
export function useShortcut(action: ShortcutAction, handler: Handler | null): void {
  const registry = useContext(LiveSessionContext)?.shortcuts
  const latest = useRef(handler)
  latest.current = handler
  const active = handler !== null
  useEffect(() => {
    if (!registry || !active) return
    return registry.register(action, () => latest.current?.())
  }, [registry, action, active])
}

/**
 * Listens for the board's shortcuts before tldraw does (capture phase), and only takes a key it has
 * a handler for, so tldraw and the browser keep every other key.
 */
export function useShortcutKeys(editor: Editor | null): ShortcutRegistry {
  const registry = useMemo(createShortcutRegistry, [])
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const typing =
        isTextTarget(event.target as HTMLElement | null) ||
        isTextTarget(document.activeElement as HTMLElement | null) ||
        (editor?.getEditingShapeId() ?? null) !== null
      const action = shortcutFor(event, typing)
      // an open dialog has the keyboard (Escape closes it)
      if (!action || event.repeat || document.querySelector('[role="dialog"][aria-modal="true"]')) return
      if (registry.run(action)) {
        event.preventDefault()
        event.stopPropagation()
      }
    }
    window.addEventListener('keydown', onKeyDown, { capture: true })
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true })
  }, [editor, registry])
  return registry
}
