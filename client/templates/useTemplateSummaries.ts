import { useCallback, useEffect, useState } from 'react'
import type { TemplateSummary } from '../../shared/protocol/templates'
import { fetchTemplateSummaries } from '../rest-client'

/** The template list as the gallery knows it. */
export type TemplateSummariesState =
  | { status: 'loading' }
  | { status: 'ready'; templates: TemplateSummary[] }
  | { status: 'failed'; message: string }

// The list only changes when the server is redeployed, so one answer serves the whole visit.
let cached: TemplateSummary[] | null = null

/** Every template, fetched once per visit; `retry` asks again after a failure. */
export function useTemplateSummaries(): { state: TemplateSummariesState; retry: () => void } {
  const [state, setState] = useState<TemplateSummariesState>(() =>
    cached ? { status: 'ready', templates: cached } : { status: 'loading' },
  )

  useEffect(() => {
    if (state.status !== 'loading') return
    let live = true
    void fetchTemplateSummaries().then((result) => {
      if (!live) return
      if (result.ok) cached = result.value
      setState(
        result.ok
          ? { status: 'ready', templates: result.value }
          : { status: 'failed', message: result.failure.message },
      )
    })
    return () => {
      live = false
    }
  }, [state.status])

  const retry = useCallback(() => setState({ status: 'loading' }), [])
  return { state, retry }
}
