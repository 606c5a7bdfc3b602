import { useEffect, useState } from 'react'
import { boardThumbnailPath, fetchThumbnailUrl } from '../saved-boards-api'

/**
 * The board's thumbnail as an object URL (fetched with the link's token, which an <img> cannot
 * send), or null while loading or when there is none. `thumbnailAt` is null when the server has
 * no thumbnail; a newer one is fetched again, and every object URL is revoked when replaced.
 */
export function useThumbnailUrl(boardId: string, token: string, thumbnailAt: string | null): string | null {
  const [url, setUrl] = useState<string | null>(null)

  useEffect(() => {
    setUrl(null)
    if (!thumbnailAt) return
    let live = true
    let created: string | null = null
    // the time in the query keeps a cached older picture from answering for a newer one
    const path = `${boardThumbnailPath(boardId)}?at=${encodeURIComponent(thumbnailAt)}`
    void fetchThumbnailUrl(path, token).then((objectUrl) => {
      if (!objectUrl) return
      if (live) {
        created = objectUrl
        setUrl(objectUrl)
      } else {
        URL.revokeObjectURL(objectUrl)
      }
    })
    return () => {
      live = false
      if (created) URL.revokeObjectURL(created)
    }
  }, [boardId, token, thumbnailAt])

  return url
}
