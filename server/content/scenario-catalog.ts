import { parseScenario } from '../../shared/scenarios/parse-scenario'
import type { Scenario } from '../../shared/scenarios/scenario-schema'
import type { Template } from '../../shared/templates/template-schema'
import { loadContentDir } from './content-dir'

/** Reads and validates every scenario against the engines and templates; throws listing every problem. */
export function loadScenarios(dir: string, templateOf: (id: string) => Template | undefined): Scenario[] {
  return loadContentDir(dir, 'scenarios', (content, where) => {
    const parsed = parseScenario(content, where, templateOf)
    return parsed.ok ? { ok: true, value: parsed.scenario } : parsed
  })
}
