import './home-boards.css'
import { useRememberedBoards } from '../remembered-boards'
import { BoardRow } from './BoardRow'
import { newestFirst } from './board-activity'
import { useBoardSummaries } from './useBoardSummaries'

/**
 * "Your boards": every board this browser created or opened, most recently touched first, with
 * what the server knows of each. Offline it still lists them from this browser's memory.
 */
export function RememberedBoardsList() {
  const boards = useRememberedBoards()
  const { statuses, offline, patchSummary } = useBoardSummaries(boards)

  if (boards.length === 0) {
    return <p className="muted">Boards you create or open appear here, on this device only.</p>
  }
  return (
    <>
      {offline && (
        <p className="board-rows__note muted" role="status" data-testid="your-boards-offline">
          Offline — showing the boards this device remembers.
        </p>
      )}
      <ul className="board-rows" data-testid="your-boards">
        {newestFirst(boards, statuses).map((board) => (
          <BoardRow
            key={board.id}
            board={board}
            status={statuses.get(board.id) ?? { kind: 'checking' }}
            onRenamed={(title) => patchSummary(board.id, { title })}
          />
        ))}
      </ul>
    </>
  )
}
