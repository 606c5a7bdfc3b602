import { useCallback, useEffect, useState } from 'react'
import type { ScenarioSummary } from '../../shared/protocol/scenarios'
import type { Scenario } from '../../shared/scenarios/scenario-schema'
import { type FetchedState, useFetchedOnce } from '../fetch/useFetchedOnce'
import { fetchScenario, fetchScenarioSummaries, type Result } from '../rest-client'

// Scenarios only change when the server is redeployed, so one answer serves the whole visit.
const pending = new Map<string, Promise<Result<Scenario>>>()
const loaded = new Map<string, Scenario>()

/** A whole scenario, fetched once per id; a failure is forgotten so the next call asks again. */
export function loadScenario(scenarioId: string): Promise<Result<Scenario>> {
  const known = pending.get(scenarioId)
  if (known) return known
  const request = fetchScenario(scenarioId).then((result) => {
    if (result.ok) loaded.set(scenarioId, result.value)
    else pending.delete(scenarioId)
    return result
  })
  pending.set(scenarioId, request)
  return request
}

export type ScenarioState =
  | { status: 'loading' }
  | { status: 'ready'; scenario: Scenario }
  | { status: 'failed'; message: string }

/** The scenario with this id (null: none); `retry` asks again after a failure. */
export function useScenario(scenarioId: string | null): { state: ScenarioState | null; retry: () => void } {
  const [failure, setFailure] = useState<{ id: string; message: string } | null>(null)
  const [, setArrivals] = useState(0)
  const failedHere = failure !== null && failure.id === scenarioId

  useEffect(() => {
    // after a failure, wait for `retry` (which clears it) before asking again
    if (!scenarioId || loaded.has(scenarioId) || failedHere) return
    let live = true
    void loadScenario(scenarioId).then((result) => {
      if (!live) return
      if (result.ok) setArrivals((n) => n + 1)
      else setFailure({ id: scenarioId, message: result.failure.message })
    })
    return () => {
      live = false
    }
  }, [scenarioId, failedHere])

  const retry = useCallback(() => setFailure(null), [])

  if (!scenarioId) return { state: null, retry }
  const scenario = loaded.get(scenarioId)
  if (scenario) return { state: { status: 'ready', scenario }, retry }
  if (failure && failedHere) return { state: { status: 'failed', message: failure.message }, retry }
  return { state: { status: 'loading' }, retry }
}

export type ScenarioSummariesState = FetchedState<ScenarioSummary[]>

/** Every scenario the server offers, fetched once per visit; `retry` asks again after a failure. */
export function useScenarioSummaries(): { state: ScenarioSummariesState; retry: () => void } {
  return useFetchedOnce('scenarios', fetchScenarioSummaries)
}
