import { useEffect, useState } from 'react'
import { fetchThumbnailUrl } from '../saved-boards-api'

/** A version's (or board's) picture, fetched with the link's token; a quiet blank card without one. */
export function VersionThumbnail({
  path,
  token,
  label,
}: {
  path: string | null
  token: string
  label: string
}) {
  const [url, setUrl] = useState<string | null>(null)

  useEffect(() => {
    if (!path) return
    let live = true
    let objectUrl: string | null = null
    void fetchThumbnailUrl(path, token).then((fetched) => {
      objectUrl = fetched
      if (live) setUrl(fetched)
      else if (fetched) URL.revokeObjectURL(fetched)
    })
    return () => {
      live = false
      if (objectUrl) URL.revokeObjectURL(objectUrl)
      setUrl(null)
    }
  }, [path, token])

  return (
    <div className="version-thumbnail">
      {url ? <img src={url} alt={label} data-testid="version-thumbnail" /> : null}
    </div>
  )
}
