import type { Scenario } from '../../shared/scenarios/scenario-schema'

/** The parts of a tldraw shape the binding reads (real shapes satisfy it; tests pass plain objects). */
export interface ShapeLike {
  id: string
  type: string
  meta: unknown
}

/** A box on the page that plays a scenario entity. */
export interface BoundBox {
  entity: string
  nodeId: string
  shapeId: string
  insertionId: string
  /** The entity's metric chips hang under this box: one box per entity and template copy. */
  carriesChips: boolean
}

/** An arrow on the page that carries an entity edge's flow. */
export interface BoundArrow {
  entityEdge: string
  templateEdge: string
  shapeId: string
}

/** An entity some of whose boxes are gone from the page. */
export interface MissingEntity {
  entity: string
  missingNodeIds: string[]
  /** None of its boxes is left, so the canvas shows nothing for it. */
  allMissing: boolean
}

/** Where a scenario's entities are drawn on the current page. */
export interface ScenarioOnCanvas {
  /** Some shape on the page comes from the scenario's template. */
  templateOnPage: boolean
  boxes: BoundBox[]
  arrows: BoundArrow[]
  missing: MissingEntity[]
}

interface TemplateMeta {
  templateId: string
  insertionId: string
  nodeId: string
  kind: string
}

function templateMeta(meta: unknown): TemplateMeta | null {
  if (typeof meta !== 'object' || meta === null) return null
  const { templateId, insertionId, nodeId, kind } = meta as Record<string, unknown>
  if (typeof templateId !== 'string' || typeof nodeId !== 'string' || typeof kind !== 'string') return null
  return { templateId, nodeId, kind, insertionId: typeof insertionId === 'string' ? insertionId : '' }
}

const isBoxKind = (kind: string) => kind !== 'group' && kind !== 'note' && !kind.startsWith('edge:')

/**
 * Finds the shapes that play each bound entity: every copy of the scenario's template on the page
 * (the board's start content and any later insertions), matched by `meta.nodeId`. Reports the
 * entities whose boxes were deleted instead of failing.
 */
export function bindScenarioToShapes(
  scenario: Pick<Scenario, 'templateId' | 'binding'>,
  shapes: readonly ShapeLike[],
): ScenarioOnCanvas {
  const boxesByNode = new Map<string, Array<{ shapeId: string; insertionId: string }>>()
  const arrowsByEdge = new Map<string, string[]>()
  let templateOnPage = false
  for (const shape of shapes) {
    const meta = templateMeta(shape.meta)
    if (!meta || meta.templateId !== scenario.templateId) continue
    templateOnPage = true
    if (shape.type === 'arrow' && meta.kind.startsWith('edge:')) {
      arrowsByEdge.set(meta.nodeId, [...(arrowsByEdge.get(meta.nodeId) ?? []), shape.id])
    } else if (isBoxKind(meta.kind)) {
      const entry = { shapeId: shape.id, insertionId: meta.insertionId }
      boxesByNode.set(meta.nodeId, [...(boxesByNode.get(meta.nodeId) ?? []), entry])
    }
  }

  const boxes: BoundBox[] = []
  const missing: MissingEntity[] = []
  for (const [entity, nodeIds] of Object.entries(scenario.binding.nodes)) {
    const chipsPlaced = new Set<string>()
    const missingNodeIds: string[] = []
    for (const nodeId of nodeIds) {
      const found = boxesByNode.get(nodeId) ?? []
      if (found.length === 0) missingNodeIds.push(nodeId)
      for (const { shapeId, insertionId } of found) {
        const carriesChips = !chipsPlaced.has(insertionId)
        chipsPlaced.add(insertionId)
        boxes.push({ entity, nodeId, shapeId, insertionId, carriesChips })
      }
    }
    if (missingNodeIds.length > 0) {
      missing.push({ entity, missingNodeIds, allMissing: missingNodeIds.length === nodeIds.length })
    }
  }

  const arrows: BoundArrow[] = []
  for (const [entityEdge, templateEdges] of Object.entries(scenario.binding.edges)) {
    for (const templateEdge of templateEdges) {
      for (const shapeId of arrowsByEdge.get(templateEdge) ?? [])
        arrows.push({ entityEdge, templateEdge, shapeId })
    }
  }
  return { templateOnPage, boxes, arrows, missing }
}

/** An entity id as people read it: `control-plane` → "Control plane", `cell-2` → "Cell 2". */
export function entityLabel(entity: string): string {
  const words = entity.replace(/-/g, ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** What a missing box means, in words. */
export function missingEntityText(missing: MissingEntity, nodeCount: number): string {
  const name = `${entityLabel(missing.entity)} (${missing.entity})`
  if (missing.allMissing) {
    return `${name} has no box on the canvas — the simulation keeps running; insert the template again to see it.`
  }
  const lost = missing.missingNodeIds.join(', ')
  return `${name} lost ${missing.missingNodeIds.length} of its ${nodeCount} boxes (${lost}); the others still show it.`
}
