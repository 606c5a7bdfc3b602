import { useLayoutEffect, useRef } from 'react'

/** The engine's event log, newest last, kept scrolled to the newest line. */
export function EventLog({ lines }: { lines: readonly string[] }) {
  const list = useRef<HTMLOListElement>(null)
  const newest = lines[lines.length - 1]
  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll again whenever a new line arrives
  useLayoutEffect(() => {
    const el = list.current
    if (el) el.scrollTop = el.scrollHeight
  }, [newest, lines.length])
  if (lines.length === 0) return <p className="muted sim-empty">Nothing has happened yet.</p>
  return (
    <ol className="sim-log" ref={list} data-testid="sim-log" aria-live="polite">
      {lines.map((line, i) => (
        // lines repeat (e.g. "tick"), so the position is the identity
        // biome-ignore lint/suspicious/noArrayIndexKey: the log only grows at the end
        <li key={i} className="sim-log__line">
          {line}
        </li>
      ))}
    </ol>
  )
}
