import { useCallback, useState } from 'react'
import { startBoard } from './start-board'

/** "Start board" on a template card: which template is being started, and why the last try failed. */
export function useStartFromTemplate(): {
  startingId: string | null
  error: { templateId: string; message: string } | null
  start: (templateId: string) => void
} {
  const [startingId, setStartingId] = useState<string | null>(null)
  const [error, setError] = useState<{ templateId: string; message: string } | null>(null)

  const start = useCallback(
    (templateId: string) => {
      if (startingId) return
      setStartingId(templateId)
      setError(null)
      void startBoard({ templateId }).then((failure) => {
        if (!failure) return // the board page takes over
        setStartingId(null)
        setError({ templateId, message: failure })
      })
    },
    [startingId],
  )

  return { startingId, error, start }
}
