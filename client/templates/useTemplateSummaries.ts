import type { TemplateSummary } from '../../shared/protocol/templates'
import { type FetchedState, useFetchedOnce } from '../fetch/useFetchedOnce'
import { fetchTemplateSummaries } from '../rest-client'

/** The template list as the gallery knows it. */
export type TemplateSummariesState = FetchedState<TemplateSummary[]>

/** Every template, fetched once per visit; `retry` asks again after a failure. */
export function useTemplateSummaries(): { state: TemplateSummariesState; retry: () => void } {
  return useFetchedOnce('templates', fetchTemplateSummaries)
}
