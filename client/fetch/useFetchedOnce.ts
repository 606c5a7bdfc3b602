import { useCallback, useEffect, useState } from 'react'
import type { Result } from '../rest-client'

/** A list the page fetches once per visit: loading, ready with its value, or failed with words. */
export type FetchedState<T> =
  | { status: 'loading' }
  | { status: 'ready'; value: T }
  | { status: 'failed'; message: string }

// Lists like templates and scenarios only change when the server is redeployed, so one answer per
// visit serves every component that asks.
const answers = new Map<string, unknown>()

/** Fetches `key` once per visit (shared by every caller); `retry` asks again after a failure. */
export function useFetchedOnce<T>(
  key: string,
  fetcher: () => Promise<Result<T>>,
): { state: FetchedState<T>; retry: () => void } {
  const [state, setState] = useState<FetchedState<T>>(() =>
    answers.has(key) ? { status: 'ready', value: answers.get(key) as T } : { status: 'loading' },
  )
  useEffect(() => {
    if (state.status !== 'loading') return
    let live = true
    void fetcher().then((result) => {
      if (!live) return
      if (result.ok) answers.set(key, result.value)
      setState(
        result.ok
          ? { status: 'ready', value: result.value }
          : { status: 'failed', message: result.failure.message },
      )
    })
    return () => {
      live = false
    }
  }, [state.status, key, fetcher])
  const retry = useCallback(() => setState({ status: 'loading' }), [])
  return { state, retry }
}
