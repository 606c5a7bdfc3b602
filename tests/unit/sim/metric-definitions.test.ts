import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { type Scenario, scenarioSchema } from '../../../shared/scenarios/scenario-schema'
import { scenarioEvents, type TriggeredFailure } from '../../../shared/scenarios/timeline'
import { replayUntrusted } from '../../../shared/sim/replay'
import type { SimView } from '../../../shared/sim/view'

const scenarios: Scenario[] = fs
  .readdirSync('content/scenarios')
  .map((file) => scenarioSchema.parse(JSON.parse(fs.readFileSync(`content/scenarios/${file}`, 'utf8'))))

function viewAt(scenario: Scenario, step: number, failures: TriggeredFailure[]): SimView {
  const result = replayUntrusted(
    scenario.engine,
    scenario.params,
    scenario.seed,
    scenarioEvents(scenario, step, failures),
  )
  if (!result.ok) throw new Error(result.message)
  return result.view
}

/** Every picture a scenario can show: each step, and each failure triggered at each step. */
function pictures(scenario: Scenario): { where: string; view: SimView }[] {
  return scenario.steps.flatMap((_, step) => [
    { where: `${scenario.id} step ${step + 1}`, view: viewAt(scenario, step, []) },
    ...scenario.failureModes.map((failure) => ({
      where: `${scenario.id} step ${step + 1} + ${failure.id}`,
      view: viewAt(scenario, step, [{ id: failure.id, atStep: step }]),
    })),
  ])
}

/**
 * One definition per figure: a chart that shares a card's id charts that very figure (its newest
 * point is the card's value, its label the card's label), and two figures with different
 * definitions never share a name — so card, chart and export can never disagree.
 */
describe('each metric has one definition, shared by its card and its chart', () => {
  it.each(scenarios.map((s) => [s.id, s] as const))(
    '%s',
    (_, scenario) => {
      for (const { where, view } of pictures(scenario)) {
        for (const series of view.series) {
          const card = view.metrics.find((metric) => metric.id === series.id)
          const namesake = view.metrics.find((metric) => metric.label === series.label)
          if (namesake) expect(namesake.id, `${where}: "${series.label}" names two figures`).toBe(series.id)
          if (!card) continue
          expect(
            series.label.startsWith(card.label),
            `${where}: chart "${series.label}" for card "${card.label}"`,
          ).toBe(true)
          const newest = series.points.at(-1)
          // a chart is sampled once per tick: a failure applied after the last tick reaches the card first
          if (newest === undefined || where.includes(' + ')) continue
          // a figure with no value (nothing measured) is a gap in its chart, never a 0
          if (card.value === null || newest === null)
            expect(newest, `${where}: chart ${series.id} ends where its card stands`).toBe(card.value)
          else
            expect(newest, `${where}: chart ${series.id} ends where its card stands`).toBeCloseTo(
              card.value,
              1,
            )
        }
      }
    },
    30_000,
  ) // every step and failure of the busiest scenario replays in a few seconds
})
