import './saved-board.css'
import { useEffect, useRef, useState } from 'react'
import { ChevronDownIcon } from '../icons'
import { type BoardDialogKind, useBoardUi } from './board-context'

interface MenuItem {
  id: string
  label: string
  facilitatorOnly: boolean
  dialog: BoardDialogKind
}

const ITEMS: MenuItem[] = [
  { id: 'rename', label: 'Rename…', facilitatorOnly: true, dialog: 'rename' },
  { id: 'save-version', label: 'Save version…', facilitatorOnly: true, dialog: 'save-version' },
  { id: 'versions', label: 'Versions…', facilitatorOnly: false, dialog: 'versions' },
  { id: 'fork', label: 'Fork this board…', facilitatorOnly: false, dialog: 'fork' },
  { id: 'export', label: 'Export…', facilitatorOnly: false, dialog: 'export' },
  { id: 'delete', label: 'Delete for everyone…', facilitatorOnly: true, dialog: 'delete' },
]

/**
 * The board's title in the top bar, which opens its menu (as in most design tools): rename,
 * versions, fork, export and delete, as this link's role allows.
 */
export function BoardMenu({ title }: { title: string }) {
  const { linkRole, openDialog } = useBoardUi()
  const [open, setOpen] = useState(false)
  const menu = useRef<HTMLDivElement>(null)

  useEffect(() => {
    if (!open) return
    const onPointerDown = (event: PointerEvent) => {
      if (!menu.current?.contains(event.target as Node)) setOpen(false)
    }
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false)
    }
    document.addEventListener('pointerdown', onPointerDown, true)
    document.addEventListener('keydown', onKeyDown)
    return () => {
      document.removeEventListener('pointerdown', onPointerDown, true)
      document.removeEventListener('keydown', onKeyDown)
    }
  }, [open])

  const items = ITEMS.filter((item) => !item.facilitatorOnly || linkRole === 'facilitator')
  return (
    <div className="board-menu" ref={menu}>
      <h1 className="board-menu__heading">
        <button
          type="button"
          className="board-menu__button"
          aria-haspopup="menu"
          aria-expanded={open}
          title={`${title} — rename, versions, export…`}
          onClick={() => setOpen(!open)}
          data-testid="board-menu-button"
        >
          <span className="board-bar__title" data-testid="board-title">
            {title}
          </span>
          <ChevronDownIcon />
        </button>
      </h1>
      {open && (
        <div className="board-menu__list" role="menu">
          {items.map((item) => (
            <button
              key={item.id}
              type="button"
              role="menuitem"
              className={`board-menu__item${item.id === 'delete' ? ' board-menu__item--danger' : ''}`}
              onClick={() => {
                setOpen(false)
                openDialog(item.dialog)
              }}
              data-testid={`board-menu-${item.id}`}
            >
              {item.label}
            </button>
          ))}
        </div>
      )}
    </div>
  )
}
