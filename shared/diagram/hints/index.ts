import { capitalised } from '../box-names'
import { type DesignHint, type DiagramGraph, diagramGraph, type HintInput } from './diagram-graph'
import { arrowNotAttached } from './rules/arrow-not-attached'
import { cacheWithoutFallback } from './rules/cache-without-fallback'
import { callLoop } from './rules/call-loop'
import { DEFAULT_MAX_SYNC_DEPTH, deepSyncChain } from './rules/deep-sync-chain'
import { noEntryPoint } from './rules/no-entry-point'
import { queueWithoutDeadLetter } from './rules/queue-without-dead-letter'
import { retriesWithoutTimeoutOrBackoff } from './rules/retries-without-limits'
import { sharedDatabase } from './rules/shared-database'
import { singleInstanceOnCriticalPath } from './rules/single-instance'
import { unreachableBoxes } from './rules/unreachable-boxes'

export type { DesignHint, HintInput } from './diagram-graph'

export interface HintOptions {
  /** Boxes a synchronous chain may hold after its entry (5). */
  maxSyncDepth: number
}

/** Every design hint rule, by id, in the order the panel lists them. */
export const HINT_RULES = {
  'arrow-not-attached': (graph: DiagramGraph) => arrowNotAttached(graph),
  'no-entry-point': (graph: DiagramGraph) => noEntryPoint(graph),
  'unreachable-boxes': (graph: DiagramGraph) => unreachableBoxes(graph),
  'call-loop': (graph: DiagramGraph) => callLoop(graph),
  'single-instance': (graph: DiagramGraph) => singleInstanceOnCriticalPath(graph),
  'deep-sync-chain': (graph: DiagramGraph, options: HintOptions) =>
    deepSyncChain(graph, options.maxSyncDepth),
  'retries-without-limits': (graph: DiagramGraph) => retriesWithoutTimeoutOrBackoff(graph),
  'queue-without-dead-letter': (graph: DiagramGraph) => queueWithoutDeadLetter(graph),
  'shared-database': (graph: DiagramGraph) => sharedDatabase(graph),
  'cache-without-fallback': (graph: DiagramGraph) => cacheWithoutFallback(graph),
} as const satisfies Record<string, (graph: DiagramGraph, options: HintOptions) => DesignHint[]>

export type HintRuleId = keyof typeof HINT_RULES

/**
 * The hints for a diagram, each naming the shapes it concerns (pure: runs while people draw). Give
 * it the board reading's loose arrows too, or the arrow-not-attached rule has nothing to say.
 */
export function designHints(snapshot: HintInput, options: Partial<HintOptions> = {}): DesignHint[] {
  const graph = diagramGraph(snapshot)
  const settings: HintOptions = { maxSyncDepth: DEFAULT_MAX_SYNC_DEPTH, ...options }
  return Object.values(HINT_RULES).flatMap((rule) =>
    rule(graph, settings).map((hint) => ({ ...hint, message: capitalised(hint.message) })),
  )
}
