import type { ScenarioSummary } from '../../shared/protocol/scenarios'

/** Scenarios for the board's own template first, then the rest. */
export function groupScenarios(
  scenarios: readonly ScenarioSummary[],
  boardTemplateId: string | null,
): { forBoard: ScenarioSummary[]; others: ScenarioSummary[] } {
  const byTitle = (a: ScenarioSummary, b: ScenarioSummary) => a.title.localeCompare(b.title)
  const forBoard = scenarios.filter((s) => boardTemplateId !== null && s.templateId === boardTemplateId)
  const others = scenarios.filter((s) => boardTemplateId === null || s.templateId !== boardTemplateId)
  return { forBoard: [...forBoard].sort(byTitle), others: [...others].sort(byTitle) }
}
