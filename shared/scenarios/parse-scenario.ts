import { replayUntrusted } from '../sim/replay'
import type { Template } from '../templates/template-schema'
import { type Scenario, scenarioSchema } from './scenario-schema'
import { scenarioEvents } from './timeline'

export type ParsedScenario = { ok: true; scenario: Scenario } | { ok: false; problems: string[] }

/**
 * Validates a scenario file: its shape, its engine, params and events (by replaying every step and
 * every failure mode), and its binding against the template's nodes and edges.
 */
export function parseScenario(
  content: unknown,
  fileName: string,
  templateOf: (id: string) => Template | undefined,
): ParsedScenario {
  const parsed = scenarioSchema.safeParse(content)
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => `${fileName}: ${i.path.join('.') || '(root)'}: ${i.message}`),
    }
  }
  const scenario = parsed.data
  const problems: string[] = []
  const expectedId = fileName.replace(/^.*\//, '').replace(/\.json$/, '')
  if (scenario.id !== expectedId) problems.push(`id "${scenario.id}" must match the file name`)

  const template = templateOf(scenario.templateId)
  if (!template) problems.push(`templateId: no template "${scenario.templateId}"`)
  else {
    const nodeIds = new Set(template.nodes.map((n) => n.id))
    const edgeIds = new Set(template.edges.map((e) => `${e.from}->${e.to}`))
    for (const [entity, nodes] of Object.entries(scenario.binding.nodes)) {
      for (const nodeId of nodes) {
        if (!nodeIds.has(nodeId))
          problems.push(`binding.nodes.${entity}: no node "${nodeId}" in ${template.id}`)
      }
    }
    for (const [entityEdge, edges] of Object.entries(scenario.binding.edges)) {
      for (const edge of edges) {
        if (!edgeIds.has(edge))
          problems.push(`binding.edges.${entityEdge}: no edge "${edge}" in ${template.id}`)
      }
    }
  }

  const ids = new Set<string>()
  for (const id of [...scenario.steps.map((s) => s.id), ...scenario.failureModes.map((f) => f.id)]) {
    if (ids.has(id)) problems.push(`id "${id}" is used twice`)
    ids.add(id)
  }
  scenario.steps.forEach((step, i) => {
    for (const entity of step.highlights) {
      if (!(entity in scenario.binding.nodes))
        problems.push(`steps.${i}.highlights: "${entity}" is not bound`)
    }
    if (step.checkpoint?.answer !== undefined && step.checkpoint.answer >= step.checkpoint.options.length) {
      problems.push(`steps.${i}.checkpoint.answer: no option ${step.checkpoint.answer}`)
    }
  })

  // Every step, and every failure mode at every step, must replay cleanly through the engine.
  const last = scenario.steps.length - 1
  const tryReplay = (where: string, failures: { id: string; atStep: number }[], upTo: number) => {
    const result = replayUntrusted(
      scenario.engine,
      scenario.params,
      scenario.seed,
      scenarioEvents(scenario, upTo, failures),
    )
    if (!result.ok) problems.push(`${where}: ${result.message}`)
    return result.ok
  }
  const final = replayUntrusted(
    scenario.engine,
    scenario.params,
    scenario.seed,
    scenarioEvents(scenario, last, []),
  )
  if (final.ok) {
    for (const entity of Object.keys(scenario.binding.nodes)) {
      if (!(entity in final.view.nodes))
        problems.push(`binding.nodes.${entity}: the engine has no entity "${entity}"`)
    }
    for (const entityEdge of Object.keys(scenario.binding.edges)) {
      if (!(entityEdge in final.view.edges))
        problems.push(`binding.edges.${entityEdge}: the engine has no such edge`)
    }
  }
  if (tryReplay('steps', [], last)) {
    for (const failure of scenario.failureModes) {
      for (let step = 0; step <= last; step++) {
        if (
          !tryReplay(
            `failureModes.${failure.id} at step ${step + 1}`,
            [{ id: failure.id, atStep: step }],
            last,
          )
        )
          break
      }
    }
  }
  return problems.length > 0
    ? { ok: false, problems: problems.map((p) => `${fileName}: ${p}`) }
    : { ok: true, scenario }
}
