/** What a facilitator's keyboard (or presentation clicker) can do without the mouse. */
export type ShortcutAction =
  | 'step'
  | 'back'
  | 'next-segment'
  | 'previous-segment'
  | 'timer-toggle'
  | 'timer-add'
  | 'help'

/**
 * The keys, chosen not to clash with tldraw's own shortcuts (tools take most single letters, and
 * arrows nudge shapes): a clicker's PageDown / PageUp step and go back; with Shift they move
 * between workshop segments.
 */
export const SHORTCUTS: readonly { action: ShortcutAction; keys: string; label: string }[] = [
  { action: 'step', keys: 'Page Down', label: 'Step forward' },
  { action: 'back', keys: 'Page Up', label: 'Back one step' },
  {
    action: 'next-segment',
    keys: 'Shift + Page Down',
    label: 'Workshop: Next (reveals an open question first)',
  },
  { action: 'previous-segment', keys: 'Shift + Page Up', label: 'Workshop: Back' },
  { action: 'timer-toggle', keys: 'P', label: 'Pause or resume the timer' },
  { action: 'timer-add', keys: 'M', label: 'One more minute on the timer' },
  { action: 'help', keys: '?', label: 'Show these shortcuts' },
]

/** The parts of a key press that decide a shortcut. */
export interface KeyPress {
  key: string
  shiftKey: boolean
  ctrlKey: boolean
  metaKey: boolean
  altKey: boolean
}

/**
 * The shortcut a key press asks for, or null. Never while someone types: in a text field, or
 * while editing a shape's text on the canvas (`typing`). Ctrl, ⌘ and Alt combinations stay tldraw's
 * and the browser's.
 */
export function shortcutFor(press: KeyPress, typing: boolean): ShortcutAction | null {
  if (typing || press.ctrlKey || press.metaKey || press.altKey) return null
  switch (press.key) {
    case 'PageDown':
      return press.shiftKey ? 'next-segment' : 'step'
    case 'PageUp':
      return press.shiftKey ? 'previous-segment' : 'back'
    case 'p':
    case 'P':
      return press.shiftKey ? null : 'timer-toggle'
    case 'm':
    case 'M':
      return press.shiftKey ? null : 'timer-add'
    case '?':
      return 'help'
    default:
      return null
  }
}

/** Whether focus is somewhere a key press is text: an input, a text area, a menu, editable content. */
export function isTextTarget(target: { tagName?: string; isContentEditable?: boolean } | null): boolean {
  if (!target) return false
  if (target.isContentEditable) return true
  const tag = target.tagName?.toUpperCase()
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT'
}
