import { boardLink } from '../../shared/protocol/links'
import { forgetBoard, type RememberedBoard, useRememberedBoards } from '../remembered-boards'
import { navigate } from '../router'

const ROLE_LABEL = { facilitator: 'Facilitator', editor: 'Editor', viewer: 'Viewer' } as const

function whenOpened(time: number): string {
  const minutes = Math.round((Date.now() - time) / 60_000)
  if (minutes < 1) return 'just now'
  if (minutes < 60) return `${minutes} min ago`
  const hours = Math.round(minutes / 60)
  if (hours < 24) return `${hours} h ago`
  return new Date(time).toLocaleDateString()
}

function BoardRow({ board }: { board: RememberedBoard }) {
  const href = boardLink(board.id, board.token)
  return (
    <li className="board-row" data-testid="remembered-board" data-board-id={board.id}>
      <a
        className="board-row__title"
        href={href}
        onClick={(event) => {
          if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return
          event.preventDefault()
          navigate(href)
        }}
      >
        {board.title}
      </a>
      <span className={`role-chip role-chip--${board.role}`}>{ROLE_LABEL[board.role]}</span>
      <span className="board-row__when muted">{whenOpened(board.lastOpened)}</span>
      <button
        type="button"
        className="button button--quiet button--small"
        onClick={() => forgetBoard(board.id)}
        title="Remove from this list (the board itself stays)"
        data-testid="forget-board"
      >
        Remove
      </button>
    </li>
  )
}

/** The boards this browser has opened, newest first; removing one only forgets the link here. */
export function RememberedBoardsList() {
  const boards = useRememberedBoards()
  if (boards.length === 0) {
    return <p className="muted">Boards you create or open appear here, on this device only.</p>
  }
  return (
    <ul className="board-rows">
      {boards.map((board) => (
        <BoardRow key={board.id} board={board} />
      ))}
    </ul>
  )
}
