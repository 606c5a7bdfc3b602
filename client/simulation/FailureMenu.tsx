import { useEffect, useId, useRef, useState } from 'react'
import type { FailureMode } from '../../shared/scenarios/scenario-schema'
import { BoltIcon, ChevronDownIcon } from '../icons'

/** "Trigger failure ▾": the scenario's failure modes, each with its severity; the blast radius in a tooltip. */
export function FailureMenu({
  failureModes,
  onTrigger,
}: {
  failureModes: readonly FailureMode[]
  onTrigger: (failureId: string) => void
}) {
  const [open, setOpen] = useState(false)
  const root = useRef<HTMLDivElement>(null)
  const menuId = useId()

  useEffect(() => {
    if (!open) return
    const onPointerDown = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false)
    }
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false)
    }
    window.addEventListener('pointerdown', onPointerDown)
    window.addEventListener('keydown', onKeyDown)
    return () => {
      window.removeEventListener('pointerdown', onPointerDown)
      window.removeEventListener('keydown', onKeyDown)
    }
  }, [open])

  return (
    <div className="failure-menu" ref={root}>
      <button
        type="button"
        className="button button--small failure-menu__button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        title="Inject one of this scenario’s failures now"
        onClick={() => setOpen((was) => !was)}
        data-testid="sim-trigger-failure"
      >
        <BoltIcon />
        Trigger failure
        <ChevronDownIcon />
      </button>
      {open && (
        <div className="failure-menu__list" id={menuId} role="menu" aria-label="Failure modes">
          {failureModes.map((mode) => (
            <button
              key={mode.id}
              type="button"
              role="menuitem"
              className="failure-menu__item"
              title={`Blast radius: ${mode.blastRadius}`}
              onClick={() => {
                setOpen(false)
                onTrigger(mode.id)
              }}
              data-testid={`sim-failure-${mode.id}`}
            >
              <span className="failure-menu__label">{mode.label}</span>
              <SeverityChip severity={mode.severity} />
            </button>
          ))}
        </div>
      )}
    </div>
  )
}

/** low / medium / high, coloured. */
export function SeverityChip({ severity }: { severity: FailureMode['severity'] }) {
  return <span className={`severity severity--${severity}`}>{severity}</span>
}
