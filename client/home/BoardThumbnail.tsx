import { useState } from 'react'
import { useThumbnailUrl } from './useThumbnailUrl'

interface BoardThumbnailProps {
  boardId: string
  token: string
  title: string
  /** When the server last stored a thumbnail; null when it has none or could not be asked. */
  thumbnailAt: string | null
}

/** A small picture of the board's content, or a quiet placeholder until the board has one. */
export function BoardThumbnail({ boardId, token, title, thumbnailAt }: BoardThumbnailProps) {
  const url = useThumbnailUrl(boardId, token, thumbnailAt)
  const [broken, setBroken] = useState<string | null>(null)

  if (!url || broken === url) {
    return (
      <div className="board-thumb board-thumb--empty" data-testid="board-thumbnail-placeholder">
        <span aria-hidden="true">{title.trim().charAt(0).toUpperCase() || '·'}</span>
      </div>
    )
  }
  return (
    <img
      className="board-thumb"
      src={url}
      alt={`What “${title}” looks like`}
      onError={() => setBroken(url)}
      data-testid="board-thumbnail"
    />
  )
}
