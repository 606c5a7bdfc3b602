import { useMemo } from 'react'
import { simulatedTopics } from '../../shared/content/simulated-topics'
import type { TopicId } from '../../shared/content/topics'
import { fetchArticleSummaries } from '../article/article-api'
import { useFetchedOnce } from '../fetch/useFetchedOnce'
import type { Result } from '../rest-client'
import { useScenarioSummaries } from '../simulation/scenario-cache'
import { useTemplateSummaries } from '../templates/useTemplateSummaries'

async function articleSummaries() {
  const list = await fetchArticleSummaries()
  return list
    ? ({ ok: true, value: list } as const)
    : ({
        ok: false,
        failure: { code: 'bad_response', message: 'The articles could not be loaded.' },
      } as Result<never>)
}

/** The topics with a simulation, once templates, scenarios and articles have loaded (empty until then). */
export function useSimulatedTopics(): ReadonlySet<TopicId> {
  const templates = useTemplateSummaries().state
  const scenarios = useScenarioSummaries().state
  const articles = useFetchedOnce('article-summaries', articleSummaries).state
  return useMemo(
    () =>
      simulatedTopics({
        templates: templates.status === 'ready' ? templates.value : [],
        scenarios: scenarios.status === 'ready' ? scenarios.value : [],
        articles: articles.status === 'ready' ? articles.value : [],
      }),
    [templates, scenarios, articles],
  )
}
