import { useState } from 'react'
import { boardLink } from '../../shared/protocol/links'
import { DeleteBoardDialog } from '../board/DeleteBoardDialog'
import { forgetBoard, type RememberedBoard } from '../remembered-boards'
import { navigateOnPlainClick } from '../router'
import { BoardThumbnail } from './BoardThumbnail'
import { type BoardStatus, timeAgo } from './board-activity'
import { RenameBoardField } from './RenameBoardField'

const ROLE_LABEL = { facilitator: 'Facilitator', editor: 'Editor', viewer: 'Viewer' } as const

interface BoardRowProps {
  board: RememberedBoard
  status: BoardStatus
  onRenamed: (title: string) => void
}

/** One of "Your boards": thumbnail, title, role, last change, and what this link may do with it. */
export function BoardRow({ board, status, onRenamed }: BoardRowProps) {
  const [editing, setEditing] = useState(false)
  const [confirmingDelete, setConfirmingDelete] = useState(false)
  const href = boardLink(board.id, board.token)
  const summary = status.kind === 'found' ? status.summary : null
  const title = summary?.title ?? board.title
  const role = summary?.role ?? board.role
  const gone = status.kind === 'gone'
  // renaming and deleting need the server to agree this link is the facilitator's
  const mayManage = summary?.role === 'facilitator'
  const when = summary
    ? `changed ${timeAgo(Date.parse(summary.updatedAt))}`
    : `opened ${timeAgo(board.lastOpened)}`

  return (
    <li
      className={gone ? 'board-row board-row--gone' : 'board-row'}
      data-testid="remembered-board"
      data-board-id={board.id}
      data-status={status.kind}
    >
      <a
        className="board-row__picture"
        href={href}
        onClick={(e) => navigateOnPlainClick(e, href)}
        tabIndex={-1}
      >
        <BoardThumbnail
          boardId={board.id}
          token={board.token}
          title={title}
          thumbnailAt={summary?.thumbnailAt ?? null}
        />
      </a>
      <div className="board-row__body">
        {editing && summary ? (
          <RenameBoardField
            boardId={board.id}
            token={board.token}
            title={title}
            onRenamed={onRenamed}
            onDone={() => setEditing(false)}
          />
        ) : (
          <a
            className="board-row__title"
            href={href}
            onClick={(e) => navigateOnPlainClick(e, href)}
            data-testid="remembered-board-title"
          >
            {title}
          </a>
        )}
        <div className="board-row__meta">
          <span className={`role-chip role-chip--${role}`} data-testid="remembered-board-role">
            {ROLE_LABEL[role]}
          </span>
          {board.origin && (
            <span className="board-row__origin muted" data-testid="remembered-board-origin">
              {board.origin}
            </span>
          )}
          {gone ? (
            <span className="board-row__gone" data-testid="remembered-board-gone">
              This link no longer works
            </span>
          ) : (
            <span className="board-row__when muted" data-testid="remembered-board-when">
              {when}
            </span>
          )}
        </div>
      </div>
      <div className="board-row__actions">
        {!gone && (
          <a
            className="button button--small"
            href={href}
            onClick={(e) => navigateOnPlainClick(e, href)}
            data-testid="open-board"
          >
            Open
          </a>
        )}
        {mayManage && !editing && (
          <button
            type="button"
            className="button button--quiet button--small"
            onClick={() => setEditing(true)}
            data-testid="rename-board"
          >
            Rename
          </button>
        )}
        <button
          type="button"
          className={gone ? 'button button--small' : 'button button--quiet button--small'}
          onClick={() => forgetBoard(board.id)}
          title="Only this browser forgets it; the board itself stays"
          data-testid="forget-board"
        >
          {gone ? 'Remove' : 'Remove from this list'}
        </button>
        {mayManage && (
          <button
            type="button"
            className="button button--quiet button--small board-row__delete"
            onClick={() => setConfirmingDelete(true)}
            data-testid="delete-board"
          >
            Delete for everyone
          </button>
        )}
      </div>
      {confirmingDelete && (
        <DeleteBoardDialog
          boardId={board.id}
          token={board.token}
          title={title}
          onClose={() => setConfirmingDelete(false)}
        />
      )}
    </li>
  )
}
