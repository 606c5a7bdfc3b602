import type { AnySimEngine } from '../engine'
import { aiRouterEngine } from './ai-router'
import { callChainEngine } from './call-chain'
import { canaryEngine } from './canary'
import { cellsEngine } from './cells'
import { drawnSystemEngine } from './drawn-system'
import { hyperLogLogEngine } from './hyperloglog'
import { kappaEngine } from './kappa'
import { lambdaEngine } from './lambda'
import { llmServingEngine } from './llm-serving'
import { loadLevelingEngine } from './load-leveling'
import { medallionEngine } from './medallion'
import { outboxEngine } from './outbox'
import { serverlessEngine } from './serverless'
import { stranglerEngine } from './strangler'

/** Every simulation engine, by the id scenarios name. */
export const engines = {
  hyperloglog: hyperLogLogEngine,
  'load-leveling': loadLevelingEngine,
  cells: cellsEngine,
  medallion: medallionEngine,
  kappa: kappaEngine,
  canary: canaryEngine,
  'llm-serving': llmServingEngine,
  'call-chain': callChainEngine,
  serverless: serverlessEngine,
  strangler: stranglerEngine,
  lambda: lambdaEngine,
  outbox: outboxEngine,
  'ai-router': aiRouterEngine,
  'drawn-system': drawnSystemEngine,
} as const

export type EngineId = keyof typeof engines

/** The ids scenarios may name, in a stable order. */
export const ENGINE_IDS = Object.keys(engines) as EngineId[]

const registry: Readonly<Record<EngineId, AnySimEngine>> = engines

/** The engine a scenario names, or undefined for an unknown id. */
export function getEngine(id: string): AnySimEngine | undefined {
  return Object.hasOwn(registry, id) ? registry[id as EngineId] : undefined
}
