import type { AnySimEngine } from '../engine'
import { hyperLogLogEngine } from './hyperloglog'
import { loadLevelingEngine } from './load-leveling'

/** Every simulation engine, by the id scenarios name. */
export const engines = {
  hyperloglog: hyperLogLogEngine,
  'load-leveling': loadLevelingEngine,
} as const

export type EngineId = keyof typeof engines

const registry: Readonly<Record<EngineId, AnySimEngine>> = engines

/** The engine a scenario names, or undefined for an unknown id. */
export function getEngine(id: string): AnySimEngine | undefined {
  return Object.hasOwn(registry, id) ? registry[id as EngineId] : undefined
}
