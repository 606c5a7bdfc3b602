/** Whether this browser was already asked for a name: asked once, answered or skipped, never again. */
const NAME_ASKED_KEY = 'lockstep:name-asked'

/** True once the person gave a name or chose to skip, in this browser. */
export function nameWasAsked(): boolean {
  try {
    return window.localStorage.getItem(NAME_ASKED_KEY) === 'yes'
  } catch {
    // storage is off: asking on every visit would nag, so do not ask
    return true
  }
}

/** Remembers that the name question was answered (or skipped). */
export function rememberNameAsked(): void {
  try {
    window.localStorage.setItem(NAME_ASKED_KEY, 'yes')
  } catch {
    // nothing to remember with: the question simply comes back next time
  }
}
